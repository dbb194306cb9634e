/**
 * How a unit's text is read by the heading rules: as printed for a text layer, and with the
 * misreadings OCR is known for taken back on a page read by OCR. The one place where the
 * extraction is more tolerant of a scan than of a text layer, so that a digital document is read
 * exactly as before:
 *
 * - the cue word that opens a heading ("Delmål", "Innsatsområde", … in extraction-cues.json
 *   `headingCues`) read one letter wrong ("Deimål 1.2", "lnnsatsområde 3"), when it is six letters
 *   or more and a number follows it;
 * - the stop of its number read as a colon ("Delmål 4:1: …").
 *
 * The text keeps its length where the misreading does (one letter for one), but the rules only
 * read numbers and titles from it: offsets of evidence are always the unit's own.
 */
import cues from '../lexicon/extraction-cues.json' with { type: 'json' };
import { editDistance } from '../../domain/nlp.ts';

const CUES = cues.headingCues.words;
/** Cue words shorter than this are not matched loosely: one letter is too much of them. */
const MIN_LOOSE = 6;
/** "(6.1 )Word 2…": an optional section number, the first word, and the number after it. */
const OPENING = /^((?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?)([\p{L}|!1]+)(\s+)(\d{1,2})(?::(\d{1,2})(?=[\s:.–—-]|$))?/u;

/** The text of a unit as the heading rules read it: see the module comment. */
export function headingText(unit: { text: string; ocr?: boolean }): string {
  return readAs(unit.text, unit.ocr === true);
}

/** A text as the heading rules read it, `ocr` when it was read by OCR. */
export function readAs(text: string, ocr: boolean): string {
  if (!ocr) return text;
  const m = OPENING.exec(text);
  if (!m) return text;
  const [whole, number, word, space, first, second] = m as unknown as [string, string, string, string, string, string | undefined];
  const cue = cueWord(word);
  if (!cue) return text;
  const read = `${number}${cue}${space}${first}${second !== undefined ? `.${second}` : ''}`;
  return read + text.slice(whole.length);
}

/** The cue word a word as read stands for, in the word's case; undefined when it is none. */
function cueWord(word: string): string | undefined {
  const exact = CUES.find((c) => c.toLowerCase() === word.toLowerCase());
  if (exact) return word;
  // OCR reads "l" as "I", "|", "1" or "!": compared as letters, and a cue of six letters or more one edit away
  const letters = word.replace(/[|!1]/g, 'l');
  const near = CUES.find((c) => c.length >= MIN_LOOSE && letters.length >= MIN_LOOSE && Math.abs(c.length - letters.length) <= 1 && editDistance(c, letters) <= 1);
  if (!near) return undefined;
  return /^\p{Ll}/u.test(word) && word[0] === near[0]!.toLowerCase() ? near.toLowerCase() : near;
}
