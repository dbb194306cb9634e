/**
 * Decides what a hyphen at the end of a line means: a word broken by the typesetter
 * ("fylkes-" + "kommune" → "fylkeskommune") or a real hyphen that must stay ("Nord-" +
 * "Troms", "Kommunal-" + "og distriktsdepartementet", "FOT-" + "ruter"). The decision uses
 * the document's own vocabulary first and a Norwegian word list for short prefixes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import lexicon from '../lexicon/hyphenation.json' with { type: 'json' };

const require = createRequire(import.meta.url);

/** U+002D hyphen-minus, U+2010 hyphen, U+00AD soft hyphen. */
export const LINE_END_HYPHEN = /([\p{L}\p{N}]+)([-\u2010\u00AD])$/u;
const FOLLOWERS = new Set(lexicon.suspendedCompoundFollowers);

export class Vocabulary {
  private readonly counts = new Map<string, number>();

  /** Counts the words of the given lines, leaving out the fragments around line breaks. */
  static fromLines(lines: string[]): Vocabulary {
    const vocabulary = new Vocabulary();
    lines.forEach((line, i) => {
      const words = line.split(/\s+/).filter(Boolean);
      const brokenBefore = i > 0 && LINE_END_HYPHEN.test(lines[i - 1]!.trimEnd());
      words.forEach((word, w) => {
        if (w === 0 && brokenBefore) return;
        if (w === words.length - 1 && LINE_END_HYPHEN.test(word)) return;
        vocabulary.add(word);
      });
    });
    return vocabulary;
  }

  add(word: string): void {
    const key = normalise(word);
    if (key) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  count(word: string): number {
    return this.counts.get(normalise(word)) ?? 0;
  }
}

function normalise(word: string): string {
  return word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').replace(/\u2010/g, '-');
}

export type Language = 'nb' | 'nn';

/**
 * Joins `before` (ending in a hyphen) with `after` (the next line). Returns the joined text.
 */
export function joinHyphenated(before: string, after: string, vocabulary: Vocabulary, language: Language): string {
  const m = LINE_END_HYPHEN.exec(before);
  if (!m) return `${before} ${after}`;
  const prefix = m[1]!;
  const hyphen = m[2]!;
  // the whole word before the break, e.g. "pilot-stat" in "pilot-stat-"
  const word = (before.match(/\S+$/)?.[0] ?? prefix).slice(0, -1).replace(/^[^\p{L}\p{N}]+/u, '');
  const stem = before.slice(0, before.length - 1);
  const next = after.match(/^\S+/)?.[0] ?? '';
  const nextWord = next.replace(/[^\p{L}\p{N}-]+$/u, '');
  const rest = after.slice(next.length);

  if (hyphen === '\u00AD') return stem + after; // a soft hyphen only ever breaks a word
  if (/(:\/\/|www\.)\S*$/.test(before)) return `${stem}-${after}`; // web addresses keep every character
  if (FOLLOWERS.has(nextWord.toLowerCase())) return `${stem}- ${after}`; // "Kommunal- og"
  if (!/^\p{Ll}/u.test(nextWord)) return `${stem}-${after}`; // "Nord-Troms", "2023-2024"
  if (/^\p{Lu}{2,}$/u.test(prefix) || /\d/.test(prefix)) return `${stem}-${after}`; // "FOT-ruter"

  const joined = word + nextWord;
  const hyphenated = `${word}-${nextWord}`;
  const joinedSeen = vocabulary.count(joined);
  const hyphenatedSeen = vocabulary.count(hyphenated);
  if (hyphenatedSeen > joinedSeen) return `${stem}-${next}${rest}`;
  if (joinedSeen > 0) return `${stem}${after}`;
  // Real hyphens after a lower-case word are rare and short ("e-post", "to-årig"): ask the word list.
  if (word.length <= 3 && hyphenatedWordList(language).some((word) => hyphenated.toLowerCase().startsWith(word))) {
    return `${stem}-${after}`;
  }
  return `${stem}${after}`;
}

const hyphenatedWords = new Map<Language, string[]>();

/**
 * The hyphenated entries of the hunspell dictionary for the language (dictionary-nb /
 * dictionary-nn), stems only, that begin with a short prefix: "e-post", "a-kraft" …
 */
function hyphenatedWordList(language: Language): string[] {
  let words = hyphenatedWords.get(language);
  if (!words) {
    const dic = readFileSync(join(dirname(require.resolve(`dictionary-${language}`)), 'index.dic'), 'utf8');
    words = [...dic.matchAll(/^(\p{L}{1,3}-\p{L}{2,})(?:\/|$)/gmu)].map((m) => m[1]!.toLowerCase());
    hyphenatedWords.set(language, words);
  }
  return words;
}
