/** Keys and ids derived from names: one spelling-independent key, one stable id. */
import { editDistance, stem, toBokmaal } from './nlp.ts';

/** Lower case, dashes unified, white space collapsed, nynorsk words folded to bokmål. */
export function nameKey(name: string): string {
  let key = nameKeys.get(name);
  if (key === undefined) {
    key = name
      .toLowerCase()
      .replace(/[\u2010\u2011\u2012\u2013\u2014]/g, '-')
      .replace(/^[\s,.;:()«»"]+|[\s,.;:()«»"]+$/g, '')
      .replace(/\s+/g, ' ')
      .split(/([\s/-])/)
      .map((part) => toBokmaal(part))
      .join('');
    if (nameKeys.size >= 50_000) nameKeys.clear();
    nameKeys.set(name, key);
  }
  return key;
}

/** Keys already made: the near-spelling rule keys every catalogue name for every name it checks. */
const nameKeys = new Map<string, string>();

/** A stable id from a name: `slug("Smøla og Aure")` → "smola-og-aure". */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A name written in nynorsk, given in bokmål where the word pairs know its words. */
export function bokmaalName(name: string): string {
  return name
    .split(/([\s/-])/)
    .map((part) => {
      const folded = toBokmaal(part.toLowerCase());
      if (folded === part.toLowerCase()) return part;
      return /^\p{Lu}/u.test(part) ? folded.charAt(0).toUpperCase() + folded.slice(1) : folded;
    })
    .join('');
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The one near-spelling rule, for names already folded by `nameKey`: the same first letter,
 * six letters or more, and either one edit apart (two from fifteen letters up: "Distriktssentret",
 * "Skjærvøy") or the same words once stemmed (the definite form: "Husbank" / "Husbanken").
 * Returns the edit distance of a near spelling, or undefined for a name that is not one.
 */
function nearSpelling(key: string, other: string, keyStem: () => string): number | undefined {
  if (key.length < 6 || other.length < 6 || key[0] !== other[0]) return undefined;
  const limit = Math.max(key.length, other.length) >= 15 ? 2 : 1;
  // names whose lengths differ by more than the limit are more edits apart: no distance to compute
  if (Math.abs(key.length - other.length) <= limit) {
    const distance = editDistance(key, other);
    if (distance <= limit) return distance;
  }
  return keyStem() === stemmedKey(other) ? editDistance(key, other) : undefined;
}

/** The closest of `candidates` that is a near spelling of `key` (the first of equally close ones). */
export function nearestSpelling<T>(key: string, candidates: Iterable<T>, keysOf: (candidate: T) => string[]): T | undefined {
  let best: { candidate: T; distance: number } | undefined;
  let stemmed: string | undefined;
  const keyStem = () => (stemmed ??= stemmedKey(key));
  for (const candidate of candidates) {
    for (const k of keysOf(candidate)) {
      const distance = nearSpelling(key, k, keyStem);
      if (distance !== undefined && (!best || distance < best.distance)) best = { candidate, distance };
    }
  }
  return best?.candidate;
}

/** Stemmed keys of the catalogue's and the documents' names, each stemmed once: the rule compares every name with every other. */
const stemmedKeys = new Map<string, string>();

function stemmedKey(key: string): string {
  let stemmed = stemmedKeys.get(key);
  if (stemmed === undefined) {
    stemmed = key.split(/([\s/-])/).map((part) => stem(part)).join('');
    if (stemmedKeys.size >= 50_000) stemmedKeys.clear();
    stemmedKeys.set(key, stemmed);
  }
  return stemmed;
}
