/**
 * Logical text units of a parsed document: the text layer's blocks with paragraphs that run
 * over a line or page break joined again, footnotes told apart by their small type, table rows
 * kept one unit each, and offsets into `ParsedDocument.text` kept so that every quote can be
 * located on its page.
 */
import { pageAt, type ParsedDocument } from '../read-document.ts';
import { headingText, readAs } from './read-as.ts';

export type UnitKind = 'heading' | 'paragraph' | 'item' | 'footnote' | 'row';

export interface Unit {
  kind: UnitKind;
  /** List label as printed ("•", "a.", "3."), for items. */
  label?: string;
  /** The unit's text with line and page breaks folded to spaces (same length as the source span). */
  raw: string;
  /** The unit's text with runs of white space collapsed. */
  text: string;
  /** The text without its list label. */
  content: string;
  /** Offsets of the unit in `ParsedDocument.text`. */
  start: number;
  end: number;
  /** Page where the unit starts. */
  page: number;
  bold: boolean;
  /** A table row: its cells left to right ('' for an empty cell); `text` is them joined by " | ". */
  cells?: string[];
  /** The first row of a table: its column headings. */
  header?: boolean;
  /** Set when its page was read by OCR: the heading rules then allow for OCR's misreadings (read-as.ts). */
  ocr?: boolean;
  /** A row below the header: the header's cells. */
  columns?: string[];
}

/** "6.1 Delmål 1 …", "2. Hovedparter i avtalen", "Delmål 1.1: …", "1.3.2 Pilot …": never continued by the next block. */
const HEADING_LIKE = /^(?:\d{1,2}(?:\.\d{1,2})*[.:]?\s+\p{Lu}|Delmål \d|Innsatsområde \d|Vedlegg \d|Strategier\b)/u;
const ENDS_SENTENCE = /[.!?:;»”)]$/;

export function buildUnits(doc: ParsedDocument): Unit[] {
  const bodySize = bodyFontSize(doc);
  const units: Unit[] = [];
  for (const page of doc.pages) {
    page.blocks.forEach((block, index) => {
      const start = page.start + block.start;
      const end = page.start + block.end;
      const footnote = block.kind !== 'row' && block.fontSize < bodySize * 0.9;
      const kind: UnitKind = footnote ? 'footnote' : block.kind;
      const previous = units[units.length - 1];
      const firstOnPage = index === 0;
      // a table row is never joined to its neighbours
      if (previous && kind !== 'item' && kind !== 'row' && previous.kind !== 'row' && continues(previous, block.text, kind, firstOnPage)) {
        previous.end = end;
        previous.raw = fold(doc.text.slice(previous.start, end));
        previous.text = collapse(previous.raw);
        previous.content = withoutLabel(previous.text, previous.label);
        return;
      }
      const raw = fold(doc.text.slice(start, end));
      const text = kind === 'row' ? raw : collapse(raw); // a row's text is its cells joined, empty ones too
      units.push({
        kind,
        ...(block.label ? { label: block.label } : {}),
        raw,
        text,
        content: withoutLabel(text, block.label),
        start,
        end,
        page: page.number,
        bold: block.bold,
        ...(block.cells ? { cells: block.cells } : {}),
        ...(block.header ? { header: true } : {}),
        ...(block.columns ? { columns: block.columns } : {}),
        ...(page.method === 'ocr' ? { ocr: true } : {}),
      });
    });
  }
  return units;
}

/** Does a block carry on the unit before it (a sentence or heading broken by a line or page break)? */
function continues(previous: Unit, next: string, nextKind: UnitKind, firstOnPage: boolean): boolean {
  const lowerCase = /^\p{Ll}/u.test(next);
  if (previous.kind === 'footnote') return lowerCase;
  if (ENDS_SENTENCE.test(previous.text)) return false;
  if (lowerCase) return firstOnPage || !isHeadingLike(previous);
  if (nextKind !== 'paragraph' || isHeadingLike(previous)) return false;
  if (previous.text.length <= 40 || HEADING_LIKE.test(readAs(next, previous.ocr === true))) return false;
  // an upper-case start carries on a sentence broken by a page break, or an item's last line ("… ut av" + "Nord-Troms")
  return firstOnPage || (previous.kind === 'item' && next.length <= 40 && !/[.:]$/.test(next));
}

function withoutLabel(text: string, label: string | undefined): string {
  return label && text.startsWith(label) ? text.slice(label.length).trimStart() : text;
}

export function isHeadingLike(unit: Unit): boolean {
  if (unit.kind === 'heading') return true;
  if (unit.kind === 'footnote' || unit.kind === 'row') return false;
  if (HEADING_LIKE.test(headingText(unit)) && unit.text.length <= 160 && !/[.;]$/.test(unit.text)) return true;
  // a short stand-alone line: "Evaluering", "Langsiktige resultater:"
  return unit.kind === 'paragraph' && unit.text.length <= 40 && !/[.,;]$/.test(unit.text) && /^\p{Lu}/u.test(unit.text);
}

/** The most common font size, weighted by text length: the size of body text. */
function bodyFontSize(doc: ParsedDocument): number {
  const weight = new Map<number, number>();
  for (const page of doc.pages) for (const b of page.blocks) if (b.kind !== 'row') weight.set(b.fontSize, (weight.get(b.fontSize) ?? 0) + b.text.length);
  return [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

/** Line and page breaks to spaces, one for one, so that offsets stay valid. */
function fold(text: string): string {
  return text.replace(/\n/g, ' ');
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The page an offset falls on (an offset in a page separator counts for the next page). */
export function pageOf(doc: ParsedDocument, offset: number): number {
  return (pageAt(doc, offset) ?? doc.pages.find((p) => p.start >= offset) ?? doc.pages[doc.pages.length - 1]!).number;
}
