/**
 * Sentences of a unit, with their offsets in the document, so that each fact can quote the
 * sentence it rests on and name the page where that sentence starts.
 */
import cues from '../lexicon/extraction-cues.json' with { type: 'json' };
import type { ParsedDocument } from '../read-document.ts';
import type { Evidence } from '../../domain/records.ts';
import { collapse, pageOf, type Unit } from './units.ts';

export interface Sentence {
  text: string;
  start: number;
  end: number;
  page: number;
  unit: Unit;
}

const ABBREVIATIONS = new Set(cues.abbreviations.map((a) => a.toLowerCase()));

/** Splits at . ! ? followed by white space and an upper-case letter, digit, quote or bracket, unless the word is an abbreviation. */
export function splitSentences(doc: ParsedDocument, unit: Unit): Sentence[] {
  const sentences: Sentence[] = [];
  const raw = unit.raw;
  let from = 0;
  const boundary = /([.!?])(\s+)(?=[\p{Lu}«\d(•])/gu;
  let m: RegExpExecArray | null;
  while ((m = boundary.exec(raw))) {
    const before = raw.slice(from, m.index).match(/(\S+)$/)?.[1] ?? '';
    if (m[1] === '.' && isAbbreviation(before)) continue;
    push(m.index + 1);
    from = m.index + m[0].length;
  }
  push(raw.length);
  return sentences;

  function push(to: number): void {
    const slice = raw.slice(from, to);
    const lead = slice.length - slice.trimStart().length;
    const text = collapse(slice);
    if (!text) return;
    const start = unit.start + from + lead;
    sentences.push({ text, start, end: unit.start + to, page: pageOf(doc, start), unit });
  }
}

function isAbbreviation(word: string): boolean {
  const w = word.replace(/^[(«]+/, '').toLowerCase();
  return ABBREVIATIONS.has(w) || /^\p{L}$/u.test(w) || /^(\p{L}\.)+\p{L}$/u.test(w);
}

/** Evidence for a sentence or unit: the page where it starts, and where it ends when that is a later page. */
export function evidenceOf(doc: ParsedDocument, sentence: { text: string; page: number; end?: number }): Evidence {
  const pageEnd = sentence.end === undefined ? sentence.page : endPage(doc, sentence.end);
  return { document: doc.file, page: sentence.page, ...(pageEnd > sentence.page ? { pageEnd } : {}), quote: sentence.text, ...readOf(doc, sentence.page, pageEnd) };
}

/** How the pages a quote stands on were read: nothing for the text layer; for OCR the method and the lowest page confidence. */
export function readOf(doc: ParsedDocument, page: number, pageEnd = page): Pick<Evidence, 'method' | 'confidence'> {
  const read = doc.pages.filter((p) => p.number >= page && p.number <= pageEnd && p.method === 'ocr');
  if (read.length === 0) return {};
  return { method: 'ocr', confidence: Math.min(...read.map((p) => p.confidence ?? 0)) };
}

/** The page a quote ending at `end` ends on: the next page with text when its last word was made whole from there. */
function endPage(doc: ParsedDocument, end: number): number {
  const number = pageOf(doc, end - 1);
  const page = doc.pages.find((p) => p.number === number);
  const last = page?.blocks.at(-1);
  if (!page || !last?.endsOnNextPage || end < page.start + last.end) return number;
  return doc.pages.find((p) => p.number > number && p.blocks.length > 0)?.number ?? number;
}
