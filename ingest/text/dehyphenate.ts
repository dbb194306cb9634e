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
  /** Capitalised words as written: names ("Menon" in "Menon Economics"). */
  private readonly names = new Map<string, number>();

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
    const name = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (/^\p{Lu}\p{Ll}+$/u.test(name)) this.names.set(name, (this.names.get(name) ?? 0) + 1);
  }

  /** Does the document write this word, and always capitalised ("Menon", never "menon")? */
  isName(word: string): boolean {
    const written = this.names.get(word) ?? 0;
    return written > 0 && written === this.count(word);
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
 * How many times a run of lines breaks a word with a hyphen at a line end (a lower-case letter
 * and a hyphen, then a lower-case word that does not follow a suspended compound): a
 * typesetter that hyphenates does this often, one that does not only at real hyphens.
 */
export function hyphenatedBreaks(runs: string[][]): number {
  let count = 0;
  for (const lines of runs) {
    for (let i = 1; i < lines.length; i++) {
      const next = /^\p{Ll}+/u.exec(lines[i]!)?.[0];
      if (next && /\p{Ll}[-\u2010\u00AD]$/u.test(lines[i - 1]!) && !FOLLOWERS.has(next)) count++;
    }
  }
  return count;
}

/**
 * Joins a line to the text before it: across a line-end hyphen as `joinHyphenated` decides,
 * without a space after a range's dash ("2023–" + "2035") or a slash, else with one space.
 */
export function joinLines(before: string, after: string, vocabulary: Vocabulary, language: Language): string {
  if (LINE_END_HYPHEN.test(before)) return joinHyphenated(before, after, vocabulary, language);
  if (/\d[–—]$/.test(before) && /^\d/.test(after)) return before + after;
  // "studert/" + "evaluert", ".../dokumenter/" + "hurdalsplattformen/", but not one address and the next
  if (/[\p{L}\p{N}]\/$/u.test(before) && /^[\p{L}\p{N}]/u.test(after) && !/^(?:https?:|www\.)/i.test(after)) return before + after;
  return `${before} ${after}`;
}

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
  // "Kommunal- og", unless the document writes the joined word elsewhere ("der-" + "med": "dermed")
  if (FOLLOWERS.has(nextWord.toLowerCase()) && vocabulary.count(word + nextWord) === 0) return `${stem}- ${after}`;
  if (!/^\p{Ll}/u.test(nextWord)) return `${stem}-${after}`; // "Nord-Troms", "2023-2024"
  if (/^\p{Lu}{2,}$/u.test(prefix) || /\d/.test(prefix)) return `${stem}-${after}`; // "FOT-ruter"

  const joined = word + nextWord;
  const hyphenated = `${word}-${nextWord}`;
  const joinedSeen = vocabulary.count(joined);
  const hyphenatedSeen = vocabulary.count(hyphenated);
  if (hyphenatedSeen > joinedSeen) return `${stem}-${next}${rest}`;
  if (joinedSeen > 0) return `${stem}${after}`;
  // a name the document writes on its own elsewhere, joined to a word: "Menon-" + "publikasjon"
  if (/^\p{Lu}\p{Ll}+$/u.test(word) && vocabulary.isName(word)) return `${stem}-${after}`;
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
