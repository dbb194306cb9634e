/**
 * Nynorsk inflections folded to bokmål by rule where the word-pair lexicon lists no pair:
 * "prioriteringane" → "prioriteringene", "partnarar" → "partnere", "medfølgjande" →
 * "medfølgende", "statlege" → "statlige". The rules (word-pairs.json) are checked against the
 * bokmål word list: a word that already is a bokmål form stays, and a rewrite is taken only when
 * its result is one, so "seminar" or "januar" are never touched.
 */
import wordPairs from './lexicon/word-pairs.json' with { type: 'json' };
import { compoundParts } from './compounds.ts';
import { rememberedForm } from './word-form-cache.ts';
import { BOKMAAL_ENDINGS, isWordForm, wordLists } from './word-lists.ts';

const ENDINGS = Object.entries(wordPairs.nnToNbEndings as Record<string, string>).sort((a, b) => b[0].length - a[0].length);
const INNER = Object.entries(wordPairs.nnToNbInner as Record<string, string>);
/** Shorter words are function words or too ambiguous to rewrite ("bar", "var"). */
const MIN_WORD = 5;

/** Is `word` a bokmål form, whole or as a compound of bokmål forms? */
function isBokmaal(word: string, nb: Set<string>): boolean {
  if (isWordForm(word, nb, BOKMAAL_ENDINGS)) return true;
  const parts = compoundParts(word);
  return parts.length > 1 && parts.every((p, i) => (i < parts.length - 1 ? nb.has(p) || isWordForm(p, nb) : isWordForm(p, nb, BOKMAAL_ENDINGS)));
}

function candidates(word: string): string[] {
  const inner = INNER.reduce((w, [nn, nb]) => w.replaceAll(nn, nb), word);
  const stems = inner === word ? [word] : [inner, word];
  const out: string[] = inner === word ? [] : [inner];
  for (const stem of stems) for (const [nn, nb] of ENDINGS) if (stem.endsWith(nn)) out.push(stem.slice(0, -nn.length) + nb);
  return out;
}

/** The bokmål form of a lower-case word the lexicon has no pair for, or the word itself. */
export function bokmaalFormOf(word: string): string {
  if (word.length < MIN_WORD || !/^\p{Ll}+$/u.test(word)) return word;
  return rememberedForm('bokmaalForm', word, () => {
    const { nb } = wordLists();
    return isBokmaal(word, nb) ? word : (candidates(word).find((c) => isBokmaal(c, nb)) ?? word);
  });
}
