/**
 * Joins positioned text items that share a baseline into the text of one visual line, with
 * a space wherever the items stand apart, and keeps where each item sits in that text.
 */
import type { TextItem } from '../pdf/load-pdf.ts';

/** Where one item's text sits in its line's text, and where it was drawn. */
export interface LinePart {
  start: number;
  length: number;
  x: number;
  width: number;
}

export interface JoinedItems {
  text: string;
  x: number;
  right: number;
  /** Baseline, font size and weight of the line's longest item. */
  y: number;
  fontSize: number;
  bold: boolean;
  parts: LinePart[];
}

/** A gap wider than this share of the font size is a space between words. */
const WORD_GAP = 0.15;
/**
 * A line-end hyphen closer to its word than this share of the font size belongs to the word,
 * even when the generator put a (squeezed) space glyph before it: "busetj" + " " + "-".
 * A real word space is never this narrow (a quarter of an em or more).
 */
const ATTACHED_HYPHEN = 0.2;
const HYPHEN = /^[-\u2010\u00AD]$/;

export function isBlank(item: TextItem): boolean {
  return item.text.trim() === '';
}

/** Items grouped by baseline, top to bottom, each group left to right. */
export function groupByBaseline(items: TextItem[]): TextItem[][] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextItem[][] = [];
  for (const item of sorted) {
    const group = groups[groups.length - 1];
    const first = group?.[0];
    if (group && first && Math.abs(first.y - item.y) <= Math.max(first.fontSize, item.fontSize) * 0.4) group.push(item);
    else groups.push([item]);
  }
  return groups.map((group) => group.sort((a, b) => a.x - b.x));
}

/** Joins items of one baseline, sorted left to right. */
export function joinItems(items: TextItem[]): JoinedItems {
  let text = '';
  let end = Number.NEGATIVE_INFINITY;
  /** End of the last item with a visible glyph. */
  let inkEnd = Number.NEGATIVE_INFINITY;
  let lastInk = -1;
  items.forEach((item, index) => {
    if (!isBlank(item)) lastInk = index;
  });
  const parts: LinePart[] = [];
  items.forEach((item, index) => {
    const gap = item.x - end;
    if (index === lastInk && HYPHEN.test(item.text.trim()) && text.trim() !== '' && item.x - inkEnd < item.fontSize * ATTACHED_HYPHEN) {
      text = text.trimEnd();
    } else if (text && gap > item.fontSize * WORD_GAP && !/\s$/.test(text) && !/^\s/.test(item.text)) {
      text += ' ';
    }
    parts.push({ start: text.length, length: item.text.length, x: item.x, width: item.width });
    text += item.text;
    end = Math.max(end, item.x + item.width);
    if (!isBlank(item)) inkEnd = Math.max(inkEnd, item.x + item.width);
  });
  const main = items.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  return { text, x: items[0]!.x, right: end, y: main.y, fontSize: main.fontSize, bold: main.bold, parts };
}

/** Where the character at `offset` of a joined line was drawn, estimated within its item. */
export function xAt(parts: LinePart[], offset: number): number | undefined {
  const part = parts.find((p) => offset >= p.start && offset < p.start + p.length) ?? parts.find((p) => p.start >= offset);
  if (!part) return undefined;
  if (part.start >= offset) return part.x;
  return part.x + (part.width * (offset - part.start)) / Math.max(1, part.length);
}
