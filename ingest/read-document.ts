/**
 * The text layer: PDF bytes → clean pages with character offsets, plus the document's
 * kind and written standard. Every later quote is located through `Page.start/end`.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { detectKind, detectLanguage, type DocumentKind, type Language } from './classify.ts';
import { IngestError } from '../domain/ingest-errors.ts';
import type { ReadMethod } from '../domain/records.ts';
import { ocrDefaults, ocrPages, ocrUnavailable, type OcrOptions } from './ocr/ocr.ts';
import { loadPdf, type LoadOptions, type RawPage } from './pdf/load-pdf.ts';
import { hyphenatedBreaks, joinHyphenated, LINE_END_HYPHEN, Vocabulary } from './text/dehyphenate.ts';
import { documentBodyStyle, lineTexts, reflow, tablePlace, type TextBlock } from './text/paragraphs.ts';
import { pageLines, type Line } from './text/reading-order.ts';
import { findRunningFurniture } from './text/running-furniture.ts';
import { sameEdges } from './text/tables.ts';

export interface PageBlock extends TextBlock {
  /** Offsets of the block's text within its page's text. */
  start: number;
  end: number;
}

export interface Page {
  /** 1-based, as a PDF viewer counts. */
  number: number;
  text: string;
  blocks: PageBlock[];
  /** Offsets of the page's text within `ParsedDocument.text`. */
  start: number;
  end: number;
  /** How its text was read: the PDF's text layer, or OCR of the page's image (it had no text layer). */
  method: ReadMethod;
  /** With OCR: Tesseract's mean word confidence on the page, 0–100. */
  confidence?: number;
}

export interface ParsedDocument {
  file: string;
  sha256: string;
  bytes: number;
  kind: DocumentKind;
  /** False when the kind was decided from few cues (it is read as that kind and flagged). */
  kindCertain: boolean;
  language: Language;
  pages: Page[];
  /** All page texts joined by PAGE_SEPARATOR. */
  text: string;
  /** What pdf.js mended in a damaged file whose text it could still read (the quality report flags it); absent for a sound file. */
  repairs?: string[];
  /** Pages without a text layer that OCR did not read (it is off, or cannot run here), and why; absent when there are none. */
  unread?: { pages: number[]; reason: string };
}

const PAGE_SEPARATOR = '\n\n';

export interface ReadOptions extends LoadOptions {
  /** The SHA-256 of the bytes when the caller has computed it already. */
  sha256?: string;
  /** OCR of pages without a text layer; by default the settings' (`configureOcr`). */
  ocr?: Partial<OcrOptions>;
}

/** The bytes of a file, or a typed UNREADABLE_FILE error naming it. */
export async function readFileBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new IngestError('UNREADABLE_FILE', basename(path), `cannot read the file: ${(error as Error).message}`, { cause: error });
  }
}

/** The SHA-256 of a document's bytes, in hex: its identity as a version. */
export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function readDocumentFile(path: string, options?: ReadOptions): Promise<ParsedDocument> {
  return readDocument(await readFileBytes(path), basename(path), options);
}

export async function readDocument(bytes: Uint8Array, file: string, options: ReadOptions = {}): Promise<ParsedDocument> {
  const sha256 = options.sha256 ?? sha256Of(bytes);
  const { pages: loaded, repairs } = await loadPdf(bytes, file, options);
  const { pages: raw, reads, unread } = await withOcr(bytes, file, loaded, { ...ocrDefaults(), ...options.ocr });
  try {
    return { ...assemble(raw, file, sha256, bytes.length, reads, unread), ...(repairs.length > 0 ? { repairs } : {}), ...(unread ? { unread } : {}) };
  } catch (error) {
    if (error instanceof IngestError) throw error;
    // pdf.js read the file, but what it found cannot be laid out as text (positions or sizes no page has)
    throw new IngestError('DAMAGED_PDF', file, `the text of the PDF cannot be laid out: ${(error as Error).message}`, { cause: error });
  }
}

interface PageReads {
  pages: RawPage[];
  /** The OCR'd pages by number, with their mean confidence (undefined: OCR found no words). */
  reads: Map<number, number | undefined>;
  unread?: { pages: number[]; reason: string };
}

/** A page whose text layer holds no visible character. */
const withoutText = (page: RawPage) => !page.items.some((item) => item.text.trim() !== '');

/** The pages without a text layer read by OCR, when it is on and can run here; the others as pdf.js gave them. */
async function withOcr(bytes: Uint8Array, file: string, pages: RawPage[], options: OcrOptions): Promise<PageReads> {
  const blank = pages.filter(withoutText);
  if (blank.length === 0) return { pages, reads: new Map() };
  const numbers = blank.map((p) => p.number);
  if (!options.enabled) return { pages, reads: new Map(), unread: { pages: numbers, reason: 'OCR is off (--no-ocr or KG_OCR=off)' } };
  const unavailable = await ocrUnavailable();
  if (unavailable) return { pages, reads: new Map(), unread: { pages: numbers, reason: unavailable } };
  const read = await ocrPages(bytes, file, blank, options);
  const byNumber = new Map(read.map((p) => [p.number, p]));
  return {
    pages: pages.map((page) => {
      const ocr = byNumber.get(page.number);
      return ocr ? { ...page, items: ocr.items, measured: true } : page;
    }),
    reads: new Map(read.map((p) => [p.number, p.confidence])),
  };
}

function assemble(raw: RawPage[], file: string, sha256: string, size: number, reads: Map<number, number | undefined>, unread: PageReads['unread']): ParsedDocument {
  const linesPerPage = readLines(raw);
  const furniture = findRunningFurniture(linesPerPage);
  const bodyLines: Line[][] = linesPerPage.map((lines, p) => lines.filter((_, i) => !furniture[p]!.has(i)));

  const allText = bodyLines.flat().flatMap(lineTexts);
  if (allText.join('').replace(/\s/g, '').length === 0) {
    throw new IngestError('NO_TEXT_LAYER', file, noTextReason(raw.length, reads, unread));
  }
  const language = detectLanguage(allText.join(' ')).language;
  const vocabulary = Vocabulary.fromLines(allText);
  // one body style for the document: a page filled by a table in small type keeps its paragraphs
  const body = documentBodyStyle(bodyLines);
  const unhyphenated = hyphenatedBreaks(textRuns(bodyLines)) < MIN_HYPHENATED_BREAKS;
  const blocksPerPage = bodyLines.map((lines) => reflow(lines, vocabulary, language, { body, unhyphenated }));
  joinWordsBrokenAcrossPages(blocksPerPage, vocabulary, language);
  continueTablesAcrossPages(blocksPerPage);

  const pages: Page[] = [];
  let offset = 0;
  blocksPerPage.forEach((blocks, i) => {
    const number = raw[i]!.number;
    const page = assemblePage(number, blocks, offset, reads.has(number) ? { method: 'ocr', ...(reads.get(number) !== undefined ? { confidence: reads.get(number)! } : {}) } : { method: 'text layer' });
    pages.push(page);
    offset = page.end + PAGE_SEPARATOR.length;
  });
  const text = pages.map((p) => p.text).join(PAGE_SEPARATOR);
  const kind = detectKind(text);
  return { file, sha256, bytes: size, kind: kind.kind, kindCertain: kind.certain, language, pages, text };
}

/** Fewer line-end hyphens than this in a document: its typesetter does not hyphenate. */
const MIN_HYPHENATED_BREAKS = 3;

/** The texts of lines that follow one another in a column, and of each table cell. */
function textRuns(pages: Line[][]): string[][] {
  const runs: string[][] = [];
  for (const lines of pages) {
    let run: string[] = [];
    let column = -1;
    for (const line of lines) {
      if (line.row) {
        runs.push(...line.row.cells);
        continue;
      }
      if (line.column !== column) {
        runs.push(run);
        run = [];
        column = line.column;
      }
      run.push(line.text.trim());
    }
    runs.push(run);
  }
  return runs;
}

/**
 * The lines of every page. A page next to a table that runs over a page break is read again
 * knowing that table's columns, so that its one row there (a header left at the foot of a
 * page, or a last row carried over) is read as a row of that table.
 */
function readLines(raw: RawPage[]): Line[][] {
  const lines = raw.map((page) => pageLines(page));
  const edgesOf = (page: Line[] | undefined, last: boolean) => {
    const rows = (page ?? []).filter((line) => line.row);
    return (last ? rows[rows.length - 1] : rows[0])?.row?.edges;
  };
  return lines.map((page, p) => {
    const tableEdges = [edgesOf(lines[p - 1], true), edgesOf(lines[p + 1], false)].filter((e): e is number[] => e !== undefined);
    return tableEdges.length > 0 ? pageLines(raw[p]!, { tableEdges }) : page;
  });
}

/**
 * A table that runs on over a page break: when the next page opens with a table of the same
 * column edges, its rows are rows of the table before. A header the next page repeats stays a
 * header; otherwise the first row there is a body row, and the rows take the earlier header's columns.
 */
function continueTablesAcrossPages(pages: TextBlock[][]): void {
  for (let p = 0; p + 1 < pages.length; p++) {
    const last = pages[p]!.at(-1);
    const page = pages.slice(p + 1).find((blocks) => blocks.length > 0);
    const next = page?.[0];
    const before = last && tablePlace(last);
    const after = next && tablePlace(next);
    if (!last || !next || !before || !after || !sameEdges(before.edges, after.edges)) continue;
    const columns = last.columns ?? (last.header ? last.cells : undefined);
    if (!columns) continue;
    if (next.header && next.cells?.join('\n') === columns.join('\n')) continue; // the header repeated
    for (const block of page!) {
      if (tablePlace(block)?.table !== after.table) continue;
      delete block.header;
      block.columns = columns;
    }
  }
}

/**
 * A word hyphenated at the foot of a page, or a range broken after its dash ("2023–" + "2024"),
 * is made whole on the page where it starts.
 */
function joinWordsBrokenAcrossPages(pages: TextBlock[][], vocabulary: Vocabulary, language: 'nb' | 'nn'): void {
  for (let p = 0; p + 1 < pages.length; p++) {
    const last = pages[p]!.at(-1);
    const next = pages.slice(p + 1).find((blocks) => blocks.length > 0)?.[0];
    if (!last || !next || next.kind === 'item' || last.kind === 'row' || next.kind === 'row') continue;
    const [first = '', ...rest] = next.text.split(' ');
    if (LINE_END_HYPHEN.test(last.text)) {
      const joined = joinHyphenated(last.text, first, vocabulary, language);
      if (joined.endsWith(`- ${first}`)) continue; // a suspended compound: leave both pages as they are
      last.text = joined;
      last.endsOnNextPage = true;
    } else if (/\d[–—]$/.test(last.text) && /^\d/.test(first)) {
      last.text += first;
      last.endsOnNextPage = true;
    } else {
      continue;
    }
    next.text = rest.join(' ');
  }
}

/** Why a document gave no text at all: no text layer, and OCR off, unable to run, or finding no words. */
function noTextReason(pages: number, reads: Map<number, number | undefined>, unread: PageReads['unread']): string {
  const none = 'the PDF has no text layer (scanned or image-only pages)';
  if (unread) return `${none}, and it was not read by OCR: ${unread.reason}`;
  if (reads.size > 0) return `${none}, and OCR found no text on its ${pages === 1 ? 'page' : `${pages} pages`} (blank, or pictures without words)`;
  return none;
}

function assemblePage(number: number, blocks: TextBlock[], offset: number, read: Pick<Page, 'method' | 'confidence'>): Page {
  const placed: PageBlock[] = [];
  let text = '';
  for (const block of blocks) {
    if (!block.text) continue;
    if (text) text += '\n';
    placed.push({ ...block, start: text.length, end: text.length + block.text.length });
    text += block.text;
  }
  return { number, text, blocks: placed, start: offset, end: offset + text.length, ...read };
}

/** The page on which a character offset of `ParsedDocument.text` lies. */
export function pageAt(document: ParsedDocument, offset: number): Page | undefined {
  return document.pages.find((page) => offset >= page.start && offset <= page.end);
}
