/**
 * The hunspell word lists of both written standards (dictionary-nb, dictionary-nn), lower-case
 * stems of at least four letters: what compound splitting and nynorsk folding check a word
 * against. About 570,000 forms, read once, on first use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import rules from './lexicon/compounds.json' with { type: 'json' };

/** Shorter stems are too often chance substrings ("by", "ti"). */
export const MIN_STEM = 4;
const ENDINGS = rules.endings;
const NYNORSK_ENDINGS = new Set(rules.nynorskEndings);
/** The endings a bokmål word may carry. */
export const BOKMAAL_ENDINGS = ENDINGS.filter((e) => !NYNORSK_ENDINGS.has(e));

export interface WordLists {
  nb: Set<string>;
  nn: Set<string>;
  both: Set<string>;
}

let lists: WordLists | undefined;

function read(pkg: string): Set<string> {
  const require = createRequire(import.meta.url);
  const lines = readFileSync(join(dirname(require.resolve(pkg)), 'index.dic'), 'utf8').split('\n');
  const words = new Set<string>();
  // the first line is the entry count; proper nouns (capitalised) are no parts of anything
  for (let i = 1; i < lines.length; i++) {
    const word = lines[i]!.split('/')[0]!;
    if (word.length >= MIN_STEM && word === word.toLowerCase() && !word.includes('-')) words.add(word);
  }
  return words;
}

export function wordLists(): WordLists {
  if (lists) return lists;
  const nb = read('dictionary-nb');
  const nn = read('dictionary-nn');
  lists = { nb, nn, both: new Set([...nb, ...nn]) };
  return lists;
}

/** Is `word` a listed stem, or one with an inflectional ending ("boliger" → bolig, "hagen" → hage)? */
export function isWordForm(word: string, words: Set<string>, endings: readonly string[] = ENDINGS): boolean {
  if (words.has(word)) return true;
  return endings.some((ending) => {
    if (!word.endsWith(ending)) return false;
    const root = word.slice(0, -ending.length);
    return root.length >= MIN_STEM && (words.has(root) || words.has(`${root}e`));
  });
}

/** Is `word` only an ending ("ingene", "ene"), not a word that can stand as a part? */
export function isBareEnding(word: string): boolean {
  return ENDINGS.includes(word) || ENDINGS.some((e) => word === `ing${e}` || word === `ering${e}`);
}
