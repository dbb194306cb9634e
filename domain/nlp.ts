/**
 * The NLP building blocks from `natural`: the Norwegian stemmer, a Norwegian word tokenizer
 * and string distances. They are loaded one by one because `natural`'s index also loads its
 * storage back ends, which print a dotenv banner on stdout and would corrupt `--json` output.
 */
import stemmer from 'natural/lib/natural/stemmers/porter_stemmer_no.js';
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import AggressiveTokenizerNo from 'natural/lib/natural/tokenizers/aggressive_tokenizer_no.js';
import wordPairs from './lexicon/word-pairs.json' with { type: 'json' };

const tokenizer = new AggressiveTokenizerNo();
const nnToNb = new Map(Object.entries(wordPairs.nnToNb as Record<string, string>));
const nnPrefixes = Object.entries(wordPairs.nnToNbPrefixes as Record<string, string>).sort((a, b) => b[0].length - a[0].length);

/** Lower-case words of a text (letters and digits; hyphens split words). */
export function words(text: string): string[] {
  return tokenizer.tokenize(text.toLowerCase()).filter((w) => w.length > 0);
}

/** A word in bokmål: nynorsk words with a known bokmål pair are replaced, and known nynorsk first parts of compounds. */
export function toBokmaal(word: string): string {
  const pair = nnToNb.get(word);
  if (pair) return pair;
  const prefix = nnPrefixes.find(([nn]) => word.startsWith(nn) && word.length > nn.length + 2);
  return prefix ? prefix[1] + word.slice(prefix[0].length) : word;
}

export function stem(word: string): string {
  return stemmer.stem(word);
}

/** Stemmed, nb/nn-folded words: the shared vocabulary of comparison and search. */
export function normalisedStems(text: string): string[] {
  return words(text).map((w) => stem(toBokmaal(w)));
}

/** Where `phrase` (stems) stands word for word in `words` (stems); -1 where it does not. */
export function indexOfPhrase(words: string[], phrase: string[]): number {
  if (phrase.length === 0) return -1;
  for (let i = 0; i + phrase.length <= words.length; i++) if (phrase.every((w, j) => words[i + j] === w)) return i;
  return -1;
}

/** Does `phrase` (stems) stand word for word in `words` (stems)? */
export function containsPhrase(words: string[], phrase: string[]): boolean {
  return indexOfPhrase(words, phrase) >= 0;
}

export function editDistance(a: string, b: string): number {
  return DamerauLevenshteinDistance(a.toLowerCase(), b.toLowerCase());
}
