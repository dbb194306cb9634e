/**
 * Re-flows the visual lines of a page into blocks: headings, paragraphs, list items
 * (bullets and labels such as "•", "–", "a.", "1." are kept at the start of their item) and
 * table rows (one block per row, cell by cell). Line-end hyphens are resolved while lines are joined.
 */
import { joinLines, type Language, type Vocabulary } from './dehyphenate.ts';
import { xAt } from './items.ts';
import type { Line } from './reading-order.ts';

export type BlockKind = 'heading' | 'paragraph' | 'item' | 'row';

export interface TextBlock {
  kind: BlockKind;
  text: string;
  /** "•", "a.", "1." for list items. */
  label?: string;
  fontSize: number;
  bold: boolean;
  /** A table row: its cells left to right ('' for an empty cell); `text` is them joined by " | ". */
  cells?: string[];
  /** The first row of a table: its column headings. */
  header?: boolean;
  /** A row below the header: the header's cells. */
  columns?: string[];
  /** Its last word was made whole with its end from the next page ("kon-" + "trakter"): a quote of it runs onto that page. */
  endsOnNextPage?: boolean;
}

/** Where a row block's table sits on its page: which table, and its column edges. */
export interface TablePlace {
  table: number;
  edges: number[];
}

const CELL_SEPARATOR = ' | ';

/** A list label; "30. januar 2024" at a line start is a date, not item 30. */
const LIST_LABEL = /^([•▪◦●○■□►–—-]|\d{1,2}[.)](?!\s+(?:jan|feb|mar|apr|mai|jun|jul|aug|sep|okt|nov|des)\p{Ll}*\b)|[a-zæøå][.)])\s+/u;

const tablePlaces = new WeakMap<TextBlock, TablePlace>();

/** The table a row block belongs to (undefined for other blocks). */
export function tablePlace(block: TextBlock): TablePlace | undefined {
  return tablePlaces.get(block);
}

/** Folds tabs, no-break spaces and runs of spaces; maps U+2010 to "-"; drops mid-line soft hyphens. */
export function cleanLineText(text: string): string {
  return text
    .replace(/[\t\u00A0\u2000-\u200A\u202F ]+/g, ' ')
    .replace(/\u2010/g, '-')
    .replace(/\u00AD\s*(?=-\s*$)/, '') // a soft hyphen drawn as a hyphen at the line end: "set\u00AD‐"
    .replace(/\u00AD(?=\S)/g, '')
    .trim();
}

/** The visual lines of a line's text, or of each cell of a table row, for counting words. */
export function lineTexts(line: Line): string[] {
  return line.row ? line.row.cells.flat().map(cleanLineText) : [cleanLineText(line.text)];
}

export interface ReflowOptions {
  /** The body text style of the whole document (see documentBodyStyle); the page's own when not given. */
  body?: { fontSize: number; spacing: number };
  /**
   * The document's typesetter does not hyphenate: a word too long for a table cell is broken at
   * the cell's edge without a hyphen, and such pieces are joined again.
   */
  unhyphenated?: boolean;
}

interface OpenBlock extends TextBlock {
  indent: number;
  first: Line;
  last: Line;
  /** Set in a heading's font and weight (a numbered heading may also be an item). */
  headingStyle: boolean;
}

export function reflow(lines: Line[], vocabulary: Vocabulary, language: Language, options: ReflowOptions = {}): TextBlock[] {
  const body = bodyStyle(lines.filter((line) => !line.row), options.body);
  const blocks: OpenBlock[] = [];
  const headers = new Map<number, string[]>();
  for (const line of lines) {
    if (line.row) {
      const row = line.row;
      const cells = row.cells.map((cell, j) =>
        cell.reduce((text, next, i) => {
          const clean = cleanLineText(next);
          if (!text || !clean) return text || clean;
          return options.unhyphenated && row.brokenAtEdge[j]![i] ? text + clean : joinLines(text, clean, vocabulary, language);
        }, ''),
      );
      const header = line.row.first;
      if (header) headers.set(line.row.table, cells);
      const columns = header ? undefined : headers.get(line.row.table);
      blocks.push({
        kind: 'row',
        text: cells.join(CELL_SEPARATOR),
        fontSize: line.fontSize,
        bold: line.bold,
        cells,
        ...(header ? { header: true } : {}),
        ...(columns ? { columns } : {}),
        indent: line.x,
        first: line,
        last: line,
        headingStyle: false,
      });
      continue;
    }
    const text = cleanLineText(line.text);
    if (!text) continue;
    const label = LIST_LABEL.exec(text)?.[1];
    const heading = isHeadingStyle(line, body);
    const previous = blocks[blocks.length - 1];
    if (previous && !label && continues(previous, line, heading, body)) {
      previous.text = joinLines(previous.text, text, vocabulary, language);
      previous.last = line;
      continue;
    }
    if (previous && !label && continuesInNextColumn(previous, line, text, heading)) {
      previous.text = joinLines(previous.text, text, vocabulary, language);
      previous.last = line;
      // the block's lines now stand in the next column (an item's, under its text)
      if (previous.kind !== 'item') previous.indent = line.x;
      continue;
    }
    blocks.push({
      kind: label ? 'item' : heading ? 'heading' : 'paragraph',
      text,
      ...(label ? { label } : {}),
      fontSize: line.fontSize,
      bold: line.bold,
      indent: label ? line.x + 6 : line.x,
      first: line,
      last: line,
      headingStyle: heading,
    });
  }
  return blocks.map(({ indent: _indent, first, last: _last, headingStyle: _style, ...block }) => {
    if (first.row) tablePlaces.set(block, { table: first.row.table, edges: first.row.edges });
    return block;
  });
}

interface BodyStyle {
  fontSize: number;
  spacing: number;
  /** Right edge of the text, per column. */
  right: Map<number, number>;
}

/**
 * The body text style of a document: its most common font size (weighted by text length)
 * and the most common spacing of lines in that size, over all pages. Table rows do not count.
 */
export function documentBodyStyle(pages: Line[][]): { fontSize: number; spacing: number } {
  const text = pages.map((lines) => lines.filter((l) => !l.row));
  const fontSize = bodyFontSize(text.flat());
  const spacing = mode(text.flatMap((lines) => spacingsOf(lines, fontSize)));
  return { fontSize, spacing: spacing || fontSize * 1.3 };
}

function bodyFontSize(lines: Line[]): number {
  return mode(lines.flatMap((l) => Array<number>(Math.max(1, Math.round(l.text.length / 10))).fill(round(l.fontSize))));
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/** Distances between consecutive lines of one column, both in the given size. */
function spacingsOf(lines: Line[], fontSize: number): number[] {
  const spacings: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    if (a.column === b.column && round(a.fontSize) === fontSize && round(b.fontSize) === fontSize) {
      const d = round(a.y - b.y);
      if (d > 0) spacings.push(d);
    }
  }
  return spacings;
}

/** The body font size and line spacing (the document's, or else the page's most common) and the usual right edge. */
function bodyStyle(lines: Line[], document: ReflowOptions['body']): BodyStyle {
  const fontSize = document ? round(document.fontSize) : bodyFontSize(lines);
  const spacing = document?.spacing ?? (mode(spacingsOf(lines, fontSize)) || fontSize * 1.3);
  const right = new Map<number, number>();
  for (const l of lines) right.set(l.column, Math.max(right.get(l.column) ?? 0, l.right));
  return { fontSize, spacing, right };
}

function isHeadingStyle(line: Line, body: BodyStyle): boolean {
  return line.fontSize > body.fontSize * 1.08 || (line.bold && line.fontSize >= body.fontSize * 0.95);
}

function continues(previous: OpenBlock, line: Line, heading: boolean, body: BodyStyle): boolean {
  if (previous.kind === 'row') return false;
  const last = previous.last;
  if (last.column !== line.column) return false;
  if (previous.headingStyle !== heading) return false;
  if (!sameSize(last, line) || last.bold !== line.bold) return false;
  const gap = last.y - line.y;
  if (gap <= 0 || gap > body.spacing * 1.35) return false;
  // an item's lines hang under its text; a numbered heading's may also wrap to its number's edge
  if (previous.kind === 'item' && line.x < previous.indent - 2 && !(heading && Math.abs(line.x - previous.first.x) <= 2)) return false;
  if (previous.kind !== 'item' && line.x > previous.indent + 12 && !(heading && hangsUnder(previous.first, line))) return false;
  // a short line that ends a sentence closes its paragraph
  const columnRight = body.right.get(line.column) ?? last.right;
  const short = last.right < columnRight - Math.max(40, (columnRight - previous.indent) * 0.12);
  if (short && /[.!?:]$/.test(last.text.trim())) return false;
  return true;
}

/**
 * A paragraph or item that runs on from the foot of one column to the top of the next: the
 * column ends inside a sentence (or a word), and the next column opens in lower case.
 */
function continuesInNextColumn(previous: OpenBlock, line: Line, text: string, heading: boolean): boolean {
  const last = previous.last;
  if (previous.kind === 'row' || previous.kind === 'heading' || heading || previous.headingStyle) return false;
  if (line.column !== last.column + 1 || line.y <= last.y) return false;
  if (Math.abs(last.fontSize - line.fontSize) > 0.5 || last.bold !== line.bold) return false;
  return /^\p{Ll}/u.test(text) && !/[.!?:]$/.test(previous.text);
}

/**
 * A heading's wrapped line set in a hanging indent: it starts where the text after the
 * heading's number (or first short word) starts on the first line ("6.3 " + title).
 */
function hangsUnder(first: Line, line: Line): boolean {
  const tolerance = Math.max(2.5, line.fontSize * 0.3);
  const words = /\S+\s+/g;
  for (let m = words.exec(first.text), n = 0; m && n < 3; m = words.exec(first.text), n++) {
    const offset = m.index + m[0].length;
    if (offset > 14) break;
    const x = xAt(first.parts, offset);
    if (x !== undefined && Math.abs(x - line.x) <= tolerance) return true;
  }
  return false;
}

/**
 * Two lines in one size of type. Sizes measured from an image (OCR) vary with a line's letters:
 * a heading's wrapped last line ("tet", "og bevaring av natur") may come out a size smaller or
 * larger than the line above, so a measured line that carries on in lower case may differ more.
 */
function sameSize(last: Line, line: Line): boolean {
  const difference = Math.abs(last.fontSize - line.fontSize);
  if (difference <= 0.5) return true;
  return last.measured === true && line.measured === true && /^\p{Ll}/u.test(line.text.trim()) && difference <= Math.max(last.fontSize, line.fontSize) * MEASURED_SIZE_SPREAD;
}

/** How far (a share of the larger) the sizes of a measured heading line and its lower-case carry-on may differ. */
const MEASURED_SIZE_SPREAD = 0.2;

function round(n: number): number {
  return Math.round(n * 2) / 2;
}
