/**
 * Rebuilds the visual lines of a page from positioned text items, in reading order:
 * top to bottom, and column by column where the page is set in columns. Content-stream
 * order is ignored, so headers, bullets or labels drawn after the body still land in place.
 */
import type { RawPage, TextItem } from '../pdf/load-pdf.ts';
import { groupByBaseline, joinItems, type LinePart } from './items.ts';
import { findTables, type TableRow } from './tables.ts';

export interface Line {
  text: string;
  /** Left edge and baseline, PDF user space. */
  x: number;
  y: number;
  right: number;
  fontSize: number;
  bold: boolean;
  /** Which column of the page the line belongs to (0 for single-column pages). */
  column: number;
  /** Where each item's text sits in `text`, and where it was drawn. */
  parts: LinePart[];
  /** Set when the line stands for a table row, read cell by cell (its `text` is then only a summary). */
  row?: TableRow;
  /** Set when its positions and sizes were measured from an image (OCR), not given by a text layer. */
  measured?: boolean;
}

export interface LineOptions {
  /** Column edges of tables that reach the page break on the page before or after (see findTables). */
  tableEdges?: number[][];
}

interface Gutter {
  start: number;
  end: number;
}

/** Items this much wider than the page's text area fraction span columns (headings, footers). */
const SPANNING_FRACTION = 0.55;
const MIN_GUTTER = 9;
/** Widest text area that is looked at for columns, in points. */
const MAX_SPAN = 14_400;
/** Baselines at the top and at the foot of a page that may cross a gutter (running header, footer, page number). */
const EDGE_BASELINES = 2;

export function pageLines(page: RawPage, options: LineOptions = {}): Line[] {
  const lines = linesOfPage(page, options);
  return page.measured === true ? lines.map((line) => ({ ...line, measured: true })) : lines;
}

function linesOfPage(page: RawPage, options: LineOptions): Line[] {
  const items = page.items.filter((item) => item.text.trim() !== '' || item.width > 0);
  if (items.length === 0) return [];
  // Tables as wide as the page first, so that their column gaps are not taken for a gutter.
  const measured = page.measured === true;
  const whole = findTables(items, { edges: options.tableEdges, measured });
  let tables = new Set(whole.rows.map((r) => r.table)).size;
  const rest = whole.rest;
  const gutter = findGutter(rest);
  const wideRows = whole.rows.map((row) => rowLine(row, 0));
  if (!gutter) return withRows(toLines(rest, 0), wideRows);

  // Bands: runs of column text between lines that span the gutter (and wide tables), top to bottom.
  const spanning = groupByBaseline(rest)
    .filter((group) => group.some((i) => i.x < gutter.end - 1 && i.x + i.width > gutter.start + 1))
    .flat();
  const spans = new Set(spanning);
  const inColumns = rest.filter((i) => !spans.has(i));
  const boundaries = withRows(toLines(spanning, 0), wideRows);
  const result: Line[] = [];
  let upper = Number.POSITIVE_INFINITY;
  for (const boundary of [...boundaries, undefined]) {
    const lower = boundary ? boundary.y : Number.NEGATIVE_INFINITY;
    const band = inColumns.filter((i) => i.y < upper && i.y > lower);
    const sides = [band.filter((i) => i.x + i.width <= gutter.start + 1), band.filter((i) => i.x + i.width > gutter.start + 1)];
    sides.forEach((side, column) => {
      const found = findTables(side, { edges: options.tableEdges, firstId: tables, measured });
      tables += new Set(found.rows.map((r) => r.table)).size;
      result.push(...withRows(toLines(found.rest, column), found.rows.map((row) => rowLine(row, column))));
    });
    if (boundary) result.push(boundary);
    upper = lower;
  }
  return result;
}

/** Lines (top to bottom) with table rows put in place by their top baseline. */
function withRows(lines: Line[], rows: Line[]): Line[] {
  const out = [...lines];
  for (const row of rows) {
    const at = out.findIndex((line) => line.y < row.y);
    out.splice(at < 0 ? out.length : at, 0, row);
  }
  return out;
}

function rowLine(row: TableRow, column: number): Line {
  const text = row.cells.map((cell) => cell.join(' ')).join(' | ');
  return { text, x: row.x, y: row.y, right: row.right, fontSize: row.fontSize, bold: row.bold, column, parts: [], row };
}

/**
 * A vertical strip free of text in the middle of the page, with substantial text on both
 * sides: the gutter between two columns.
 */
function findGutter(items: TextItem[]): Gutter | undefined {
  let left = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  for (const i of items) {
    left = Math.min(left, i.x);
    right = Math.max(right, i.x + i.width);
  }
  const span = right - left;
  // no page is wider than this (14,400 pt is PDF's own limit); a damaged file can claim anything
  if (!(span > 0) || span > MAX_SPAN) return undefined;
  // a running header, footer or page number may cross the gutter (a single run of text at the
  // top or foot of the page, not a line of each column); it is read as a line of its own
  const groups = groupByBaseline(items);
  const single = (group: TextItem[]) => group.every((item, i) => i === 0 || item.x - (group[i - 1]!.x + group[i - 1]!.width) < 2 * item.fontSize);
  const edgeRows = new Set(
    groups.length > 2 * EDGE_BASELINES + 2 ? [...groups.slice(0, EDGE_BASELINES), ...groups.slice(-EDGE_BASELINES)].filter(single).flat() : [],
  );
  const narrow = items.filter((i) => i.width < span * SPANNING_FRACTION && !edgeRows.has(i));
  const covered = new Uint8Array(Math.ceil(span) + 1);
  for (const item of narrow) {
    for (let x = Math.floor(item.x - left); x < Math.ceil(item.x + item.width - left); x++) covered[x] = 1;
  }
  let best: Gutter | undefined;
  let runStart = -1;
  const from = Math.floor(span * 0.25);
  const to = Math.ceil(span * 0.75);
  for (let x = from; x <= to; x++) {
    if (!covered[x] && runStart < 0) runStart = x;
    if ((covered[x] || x === to) && runStart >= 0) {
      const gap = { start: left + runStart, end: left + x };
      if (gap.end - gap.start >= MIN_GUTTER && (!best || gap.end - gap.start > best.end - best.start)) best = gap;
      runStart = -1;
    }
  }
  if (!best) return undefined;
  // Columns carry most of the text: only a few items (headings, header, footer) may
  // cross the gutter, and both sides hold several items, not a label column or a page number.
  const gutter = best;
  const crossing = items.filter((i) => i.x < gutter.start && i.x + i.width > gutter.end).length;
  if (crossing > items.length * 0.25) return undefined;
  const leftSide = narrow.filter((i) => i.x + i.width <= gutter.start + 1);
  const rightSide = narrow.filter((i) => i.x >= gutter.end - 1);
  const chars = (side: TextItem[]) => side.reduce((n, i) => n + i.text.length, 0);
  const total = chars(leftSide) + chars(rightSide);
  const substantial = (side: TextItem[]) => side.length >= 3 && chars(side) > total * 0.2;
  return substantial(leftSide) && substantial(rightSide) ? gutter : undefined;
}

/** Groups items into lines by baseline, top to bottom, each line left to right. */
function toLines(items: TextItem[], column: number): Line[] {
  return groupByBaseline(items).map((group) => {
    const { text, x, y, right, fontSize, bold, parts } = joinItems(group);
    return { text, x, y, right, fontSize, bold, column, parts };
  });
}
