/**
 * Finds running headers, footers and page numbers: lines near the top or bottom edge that
 * repeat on many pages in the same place (digits ignored, so "5 av 37" matches "6 av 37"),
 * and lone page-number lines anywhere in those zones.
 */
import type { Line } from './reading-order.ts';

/** How far from the page's text top or bottom a running line may sit. */
const ZONE_LINES = 3;
const SAME_PLACE = 4; // points

const PAGE_NUMBER = [
  /^(side|page|s\.)\s*\d+(\s*(av|of|\/)\s*\d+)?$/i,
  /^\d+\s*(av|of|\/)\s*\d+$/i,
  /^[-–—]?\s*\d{1,4}\s*[-–—]?$/,
];

export function isPageNumber(text: string): boolean {
  const t = text.trim();
  return PAGE_NUMBER.some((re) => re.test(t));
}

function shape(text: string): string {
  return text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Returns, per page, the set of line indexes that are running furniture. */
export function findRunningFurniture(pages: Line[][]): Set<number>[] {
  const candidates = pages.map((lines) => {
    const zone = new Set<number>();
    // top and bottom by position, whatever order the lines came in
    const byY = lines
      .map((line, index) => ({ line, index }))
      .filter((e) => !e.line.row) // a table's rows are content, even a header repeated on every page
      .sort((a, b) => b.line.y - a.line.y);
    byY.slice(0, ZONE_LINES).forEach((e) => zone.add(e.index));
    byY.slice(-ZONE_LINES).forEach((e) => zone.add(e.index));
    return zone;
  });

  // count in how many pages each (shape, place) occurs
  const seen = new Map<string, { ys: number[]; pages: Set<number> }>();
  pages.forEach((lines, p) => {
    for (const index of candidates[p]!) {
      const line = lines[index]!;
      const key = shape(line.text);
      const entry = seen.get(key) ?? { ys: [], pages: new Set<number>() };
      entry.ys.push(line.y);
      entry.pages.add(p);
      seen.set(key, entry);
    }
  });
  const minPages = pages.length >= 3 ? Math.max(2, Math.ceil(pages.length * 0.5)) : 2;

  return pages.map((lines, p) => {
    const furniture = new Set<number>();
    for (const index of candidates[p]!) {
      const line = lines[index]!;
      if (isPageNumber(line.text)) {
        furniture.add(index);
        continue;
      }
      const entry = seen.get(shape(line.text))!;
      const samePlace = entry.ys.filter((y) => Math.abs(y - line.y) <= SAME_PLACE).length;
      if (entry.pages.size >= minPages && samePlace >= minPages) furniture.add(index);
    }
    return furniture;
  });
}
