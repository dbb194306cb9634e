/**
 * Texts compared by meaning, not by spelling: words folded to bokmål and stemmed, compounds split
 * into their parts ("boligbygging" → bolig + bygg), words of one synonym group read as one
 * (synonyms.json), function words and the verbs every goal uses left out; then TF-IDF cosine.
 * How measures and sub-goals from different pilots, authors and written standards meet.
 */
import { compoundParts } from '../domain/compounds.ts';
import { bokmaalFormOf } from '../domain/nynorsk-forms.ts';
import { stem, toBokmaal, words } from '../domain/nlp.ts';
import { rememberedForm } from '../domain/word-form-cache.ts';
import { isWordForm, wordLists } from '../domain/word-lists.ts';
import counties from '../domain/lexicon/counties.json' with { type: 'json' };
import stopwords from '../domain/lexicon/stopwords.json' with { type: 'json' };
import synonyms from '../domain/lexicon/synonyms.json' with { type: 'json' };

/** A lower-case word in bokmål: by the word pairs, else by the nynorsk inflection rules. */
const bokmaal = (word: string) => bokmaalFormOf(toBokmaal(word));
const norm = (word: string) => stem(bokmaal(word));
/** The lexicons read as terms: on first use, since folding reads the word lists (which a command that compares nothing never needs). */
let lexicon: { STOP: Set<string>; GENERIC: Set<string>; CANONICAL: Map<string, string> } | undefined;
function lexiconTerms() {
  if (lexicon) return lexicon;
  const CANONICAL = new Map<string, string>();
  for (const group of synonyms.groups) {
    const head = norm(group[0]!);
    for (const word of group) if (!CANONICAL.has(norm(word))) CANONICAL.set(norm(word), head);
  }
  lexicon = { STOP: new Set(stopwords.words.map(norm)), GENERIC: new Set(stopwords.genericForComparison.map(norm)), CANONICAL };
  return lexicon;
}
/** Multi-word expressions read as one word ("greie ut" → utrede), in one pass, the longest first. */
const PHRASE_WORDS = new Map(Object.entries(synonyms.phrases as Record<string, string>).map(([phrase, word]) => [phrase.toLowerCase().split(/\s+/).join(' '), word]));
const PHRASES = new RegExp(
  `(?<![\\p{L}\\p{N}])(${[...PHRASE_WORDS.keys()]
    .sort((a, b) => b.length - a.length)
    .map((phrase) => phrase.split(' ').join('\\s+'))
    .join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);

function partsOf(word: string): string[] {
  const folded = bokmaal(word.toLowerCase());
  const parts = compoundParts(folded);
  return parts.length > 1 ? parts.map(norm) : [norm(folded)];
}

/** The longest ending of a compound that is a word of its own ("togtilbudet" → "tilbudet"). */
function compoundTail(word: string): string | undefined {
  const tail = rememberedForm('compoundTail', word, () => {
    const { both } = wordLists();
    for (let i = 2; i <= word.length - 4; i++) if (isWordForm(word.slice(i), both)) return word.slice(i);
    return null;
  });
  return tail ?? undefined;
}

/**
 * Suspended compounds written out: "buss- og togtilbudet" → "busstilbudet og togtilbudet",
 * "bo- og arbeidsmarkedsregion" → "boregion og …", "kurs-, studie- og kompetansetilbod".
 */
export function expandSuspended(text: string): string {
  // most texts have no hyphen before a space or comma: no need to run the pattern
  if (!/[-–]\s*[\s,]/u.test(text)) return text;
  return text.replace(/((?:\p{L}+\s?[-–]\s*,?\s*)+)(og|eller|\/|and)\s+(\p{L}+)/gu, (whole, heads: string, joiner: string, last: string) => {
    const tail = compoundTail(bokmaal(last.toLowerCase()));
    const firsts = [...heads.matchAll(/(\p{L}+)\s?[-–]/gu)].map((m) => m[1]!);
    if (!tail) return `${firsts.join(', ')} ${joiner} ${last}`;
    return `${firsts.map((f) => f + tail).join(', ')} ${joiner} ${last}`;
  });
}

function withPhrasesRead(text: string): string {
  return text.replace(PHRASES, (phrase) => PHRASE_WORDS.get(phrase.toLowerCase().split(/\s+/).join(' ')) ?? phrase);
}

export type Vector = Map<string, number>;

export interface TermOptions {
  /** Terms left out (place names). */
  ignore?: ReadonlySet<string> | undefined;
  /** Keep the verbs every goal uses (øke, styrke, utvikle): a search for them should find them. */
  keepGeneric?: boolean;
}

/** What one word stands for: its whole form (stemmed, in bokmål) and the terms of its parts. */
interface WordReading {
  whole: string;
  terms: string[];
}

/** Words read so far: a corpus has tens of thousands of distinct words, read millions of times. */
const readings = new Map<string, WordReading>();
const MAX_READINGS = 200_000;

function reading(word: string): WordReading {
  const hit = readings.get(word);
  if (hit) return hit;
  const { STOP, CANONICAL } = lexiconTerms();
  const whole = norm(word);
  // a compound the synonym lexicon names ("traineeordning") is read whole; any other is split
  const parts = STOP.has(whole) ? [] : CANONICAL.has(whole) ? [whole] : partsOf(word);
  const terms = parts.map((part) => CANONICAL.get(part) ?? part).filter((term) => term.length >= 2 && !STOP.has(term));
  const read = { whole, terms };
  if (readings.size >= MAX_READINGS) readings.clear();
  readings.set(word, read);
  return read;
}

/** The terms of a text by meaning, in the order they stand. */
export function meaningTerms(text: string, options: TermOptions = {}): string[] {
  const { ignore, keepGeneric } = options;
  const { STOP, GENERIC } = lexiconTerms();
  const generic = (t: string) => !keepGeneric && GENERIC.has(t);
  const terms: string[] = [];
  for (const word of words(withPhrasesRead(expandSuspended(text)))) {
    if (/^\d+$/.test(word) || word.length < 2) continue;
    const { whole, terms: parts } = reading(word);
    if (STOP.has(whole) || generic(whole)) continue;
    for (const term of parts) if (!generic(term) && !ignore?.has(term)) terms.push(term);
  }
  return terms;
}

/** Place names as terms (with the counties'), to leave out when texts are compared: they say where, not what. */
export function placeTermsOf(names: string[]): Set<string> {
  const all = [...names, ...counties.counties.map((c) => c.name)];
  return new Set(all.flatMap((n) => meaningTerms(n)));
}

/** TF-IDF weights learnt from a collection (the stored measures, or the sub-goals). */
export class MeaningModel {
  private readonly idf = new Map<string, number>();
  private readonly size: number;

  constructor(texts: string[], private readonly ignore?: ReadonlySet<string>) {
    this.size = texts.length;
    const df = new Map<string, number>();
    for (const text of texts) for (const t of new Set(meaningTerms(text, { ignore }))) df.set(t, (df.get(t) ?? 0) + 1);
    for (const [t, n] of df) this.idf.set(t, Math.log((1 + this.size) / (1 + n)) + 1);
  }

  vector(text: string): Vector {
    const tf = new Map<string, number>();
    for (const t of meaningTerms(text, { ignore: this.ignore })) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v: Vector = new Map();
    let norm2 = 0;
    for (const [t, n] of tf) {
      // a term never seen in the collection is as rare as can be
      const w = (1 + Math.log(n)) * (this.idf.get(t) ?? Math.log(1 + this.size) + 1);
      v.set(t, w);
      norm2 += w * w;
    }
    const length = Math.sqrt(norm2);
    if (length > 0) for (const [t, w] of v) v.set(t, w / length);
    return v;
  }
}

export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [t, w] of small) sum += w * (large.get(t) ?? 0);
  return sum;
}

/** The terms two vectors share, the weightiest first. */
export function sharedTerms(a: Vector, b: Vector): string[] {
  return [...a.keys()]
    .filter((t) => b.has(t))
    .sort((x, y) => a.get(y)! * b.get(y)! - a.get(x)! * b.get(x)! || x.localeCompare(y));
}

/** Rounded for display and for stable comparison. */
export function score(value: number): number {
  return Math.round(value * 1000) / 1000;
}
