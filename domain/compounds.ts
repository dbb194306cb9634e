/**
 * Norwegian compound splitting from the hunspell word lists of both written standards
 * (dictionary-nb, dictionary-nn): "boligbygging" → bolig + bygging, "næringshagen" → næring +
 * hagen, "studiesenter" → studie + senter. Norwegian writes compounds as one word, and two
 * authors write the same measure as "boligbygging" and "bygging av bustader"; comparing the parts
 * lets them meet. The lists (about 570,000 forms) are read once, on first use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import rules from './lexicon/compounds.json' with { type: 'json' };

/** Shorter parts are too often chance substrings ("by", "ti"). */
const MIN_PART = 4;
/** Shorter words are not split. */
const MIN_WORD = 7;
/** A word whose parts are this short is more likely no compound ("samar-beid", "attr-aktivitet"). */
const MIN_PART_OF_KNOWN = 5;
/** The last part is a word of its own, not a derivational ending the lists also hold. */
const MIN_TAIL = 4;
const LINKS = rules.links;
const ENDINGS = rules.endings;
const NO_PARTS = new Set(rules.notParts);

let known: Set<string> | undefined;

function dictionary(): Set<string> {
  if (known) return known;
  const require = createRequire(import.meta.url);
  const words = new Set<string>();
  for (const pkg of ['dictionary-nb', 'dictionary-nn']) {
    const file = join(dirname(require.resolve(pkg)), 'index.dic');
    const lines = readFileSync(file, 'utf8').split('\n');
    // the first line is the entry count; proper nouns (capitalised) are no compound parts
    for (let i = 1; i < lines.length; i++) {
      const word = lines[i]!.split('/')[0]!;
      if (word.length >= MIN_PART && word === word.toLowerCase() && !word.includes('-')) words.add(word);
    }
  }
  known = words;
  return words;
}

const cache = new Map<string, string[]>();

/**
 * The parts of a lower-case word, or the word alone when it is no compound of known words.
 * Of the ways to split it, the one with the fewest parts wins, then the one whose heads are
 * base forms ("primær + næringene", not "primærn + æringene"), then the one whose shortest part
 * is longest.
 */
export function compoundParts(word: string): string[] {
  if (word.length < MIN_WORD) return [word];
  const hit = cache.get(word);
  if (hit) return hit;
  const words = dictionary();
  const split = bestSplit(word, words, 0);
  // a word the lists hold whole (or with an ending) is split only into long parts: "boligbygging", not "kompetanse"
  const parts = split && (!isWordForm(word, words) || split.parts.every((p) => p.length >= MIN_PART_OF_KNOWN)) ? split.parts : [word];
  if (cache.size > 50_000) cache.clear();
  cache.set(word, parts);
  return parts;
}

interface Split {
  parts: string[];
  /** Parts before the last that were taken with an ending: a base-form head is the likelier reading. */
  inflected: number;
}

function bestSplit(word: string, words: Set<string>, depth: number): Split | undefined {
  let best: Split | undefined;
  for (let i = MIN_PART; i <= word.length - MIN_TAIL; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (NO_PARTS.has(tail)) continue;
    for (const form of headForms(head, words)) {
      const rest: Split | undefined = isWordForm(tail, words) ? { parts: [tail], inflected: 0 } : depth < 2 && tail.length >= MIN_WORD - 1 ? bestSplit(tail, words, depth + 1) : undefined;
      if (!rest) continue;
      const candidate = { parts: [form.word, ...rest.parts], inflected: rest.inflected + (form.base ? 0 : 1) };
      if (!best || better(candidate, best)) best = candidate;
    }
  }
  return best;
}

/** The head as a word: without a linking letter ("nærings" → "næring"), or itself. */
function headForms(head: string, words: Set<string>): { word: string; base: boolean }[] {
  const forms: { word: string; base: boolean }[] = [];
  const last = head.slice(-1);
  const unlinked = head.slice(0, -1);
  // "arbeids" is listed too, but "arbeid" is the part
  if (LINKS.includes(last) && head.length > MIN_PART && isWordForm(unlinked, words)) forms.push({ word: unlinked, base: words.has(unlinked) });
  if (isWordForm(head, words)) forms.push({ word: head, base: words.has(head) });
  return forms;
}

function isWordForm(part: string, words: Set<string>): boolean {
  if (words.has(part)) return true;
  return ENDINGS.some((ending) => {
    if (!part.endsWith(ending)) return false;
    const root = part.slice(0, -ending.length);
    return root.length >= MIN_PART && (words.has(root) || words.has(`${root}e`));
  });
}

function better(a: Split, b: Split): boolean {
  if (a.parts.length !== b.parts.length) return a.parts.length < b.parts.length;
  if (a.inflected !== b.inflected) return a.inflected < b.inflected;
  const shortest = (parts: string[]) => Math.min(...parts.map((p) => p.length));
  return shortest(a.parts) > shortest(b.parts);
}
