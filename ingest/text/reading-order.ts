/**
 * Rebuilds the visual lines of a page from positioned text items, in reading order:
 * top to bottom, and column by column where the page is set in columns. Content-stream
 * order is ignored, so headers, bullets or labels drawn after the body still land in place.
 */
import type { RawPage, TextItem } from '../pdf/load-pdf.ts';

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

export function pageLines(page: RawPage): Line[] {
  const items = page.items.filter((item) => item.text.trim() !== '' || item.width > 0);
  if (items.length === 0) return [];
  const gutter = findGutter(items);
  if (!gutter) return toLines(items, 0);

  // Bands: runs of column text between items that span the gutter, top to bottom.
  const spanning = items.filter((i) => i.x < gutter.start && i.x + i.width > gutter.end);
  const inColumns = items.filter((i) => !spanning.includes(i));
  const spanningLines = toLines(spanning, 0);
  const result: Line[] = [];
  let upper = Number.POSITIVE_INFINITY;
  for (const boundary of [...spanningLines, undefined]) {
    const lower = boundary ? boundary.y : Number.NEGATIVE_INFINITY;
    const band = inColumns.filter((i) => i.y < upper && i.y > lower);
    result.push(...toLines(band.filter((i) => i.x + i.width <= gutter.start + 1), 0));
    result.push(...toLines(band.filter((i) => i.x + i.width > gutter.start + 1), 1));
    if (boundary) result.push(boundary);
    upper = lower;
  }
  return result;
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
  const narrow = items.filter((i) => i.width < span * SPANNING_FRACTION);
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
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextItem[][] = [];
  for (const item of sorted) {
    const group = groups[groups.length - 1];
    const baseline = group?.[0];
    if (group && baseline && Math.abs(baseline.y - item.y) <= Math.max(baseline.fontSize, item.fontSize) * 0.4) {
      group.push(item);
    } else {
      groups.push([item]);
    }
  }
  return groups.map((group) => joinLine(group.sort((a, b) => a.x - b.x), column));
}

function joinLine(items: TextItem[], column: number): Line {
  let text = '';
  let end = Number.NEGATIVE_INFINITY;
  for (const item of items) {
    const gap = item.x - end;
    if (text && gap > item.fontSize * 0.15 && !/\s$/.test(text) && !/^\s/.test(item.text)) text += ' ';
    text += item.text;
    end = Math.max(end, item.x + item.width);
  }
  const main = items.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  return {
    text,
    x: items[0]!.x,
    y: main.y,
    right: end,
    fontSize: main.fontSize,
    bold: main.bold,
    column,
  };
}
