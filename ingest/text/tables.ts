/**
 * Finds tables among a page's positioned text items and reads them cell by cell, row by row.
 * Ruled lines are not in the text layer, so a table is found from positions alone: the cells
 * of one column share a left edge across rows, columns stand apart by gaps wider than any
 * word space, and rows are separated by a vertical gap or by the first column starting a new
 * cell. A list (a label column beside its text) and two columns of running text are not tables.
 */
import type { TextItem } from '../pdf/load-pdf.ts';
import { groupByBaseline, isBlank, joinItems } from './items.ts';

export interface TableRow {
  /** The visual lines of each cell, left to right, top to bottom ([] for an empty cell). */
  cells: string[][];
  /**
   * Per cell and line: the line may carry on the word the line above broke off at the cell's
   * edge without a hyphen ("Miljødirektoratet, L" + "andbruksdirektoratet"), as a typesetter
   * that does not hyphenate does with a word longer than the cell is wide.
   */
  brokenAtEdge: boolean[][];
  /** Left edges of the table's columns. */
  edges: number[];
  /** Which table of the page the row belongs to. */
  table: number;
  /** The first row of that table on this page. */
  first: boolean;
  /** Left edge, top baseline and right edge of the row. */
  x: number;
  y: number;
  right: number;
  fontSize: number;
  bold: boolean;
}

export interface TableSearch {
  rows: TableRow[];
  /** The items that belong to no table. */
  rest: TextItem[];
}

export interface TableHints {
  /**
   * Column edges of tables that reach a page break on a neighbouring page: a table of one
   * row with these edges is the rest of such a table, or its header left behind at a page foot.
   */
  edges?: number[][];
  /** The id of the first table found. */
  firstId?: number;
  /**
   * The positions and sizes were measured from an image (OCR), not given by a text layer: a cell's
   * left edge is off by a few pixels and a line's type size by a tenth or more, so column edges
   * and type sizes are matched more loosely.
   */
  measured?: boolean;
}

/** How closely the cells of a table must line up and share a type size. */
interface Tolerances {
  /** How far (points) a cell may start from its column's edge. */
  edge: number;
  /** How far (share) an item's font size may be from the table's. */
  size: number;
  /** The least gap (share of the font size) between columns. */
  gap: number;
}

/** How far (points) a cell may start from its column's edge. */
const EDGE_TOLERANCE = 2.5;
/** … when the positions were measured from an image: a few pixels of a 300 dpi scan, a misread first letter. */
const MEASURED_EDGE_TOLERANCE = 5;
/** A gap wider than this share of the font size, not filled by a space glyph, separates columns. */
const COLUMN_GAP = 0.5;
/**
 * … when the positions were measured from an image: a word's box there is its ink, without the
 * glyphs' side bearings, and no space glyph bridges a word space, so word gaps look wider.
 */
const MEASURED_COLUMN_GAP = 0.9;
/** A space glyph at most this wide (share of the font size) is a word space, however justified. */
const WORD_SPACE = 1.5;
/** The farthest (share of the font size) one baseline of a table may lie below the one above. */
const MAX_STEP = 3.2;
/** The nearest (share of the font size) one baseline of a table may lie below the one above. */
const MIN_STEP = 0.8;
/** How far (share) an item's font size may be from the table's. */
const SAME_SIZE = 0.12;
/** … when the sizes were measured from an image (Tesseract's row heights of short cell lines). */
const MEASURED_SAME_SIZE = 0.22;
/** A step between baselines larger than this share of the font size ends a row. */
const ROW_GAP = 1.65;
/** … or larger than this multiple of the table's line spacing. */
const ROW_GAP_RELATIVE = 1.25;
/** A line that opens a list item: a bullet or a label, then text. */
const LIST_ITEM = /^(?:[•▪◦●○■□►–—-]|\(?\d{1,3}[.)]|\(?[a-zæøå][.)])\s/u;
/** The least gap (share of the font size) between a table and the text above or below it. */
const SURROUNDING_GAP = 1.5;
/** A cell that is only a list label: "•", "1.", "a)", "(iv)". */
const LABEL_ONLY = /^(?:[•▪◦●○■□►–—-]|\(?\d{1,3}[.)]?|\(?[a-zæøå][.)]|\(?[ivx]{1,4}[.)])$/iu;

interface Segment {
  x: number;
  right: number;
}

interface Baseline {
  y: number;
  fontSize: number;
  /** Every item on the baseline, left to right, space glyphs included. */
  items: TextItem[];
  /** The items with visible text. */
  ink: TextItem[];
  segments: Segment[];
}

interface Region {
  /** Index of the region's first baseline. */
  start: number;
  tolerances: Tolerances;
  baselines: Baseline[];
  edges: number[];
  fontSize: number;
}

interface CellLine {
  text: string;
  x: number;
  right: number;
}

export function findTables(items: TextItem[], hints: TableHints = {}): TableSearch {
  const tolerances: Tolerances = hints.measured
    ? { edge: MEASURED_EDGE_TOLERANCE, size: MEASURED_SAME_SIZE, gap: MEASURED_COLUMN_GAP }
    : { edge: EDGE_TOLERANCE, size: SAME_SIZE, gap: COLUMN_GAP };
  const baselines = baselinesOf(items, tolerances.gap);
  const rows: TableRow[] = [];
  const used = new Set<TextItem>();
  let id = hints.firstId ?? 0;
  // looking again after each region that is not a table could take quadratic time on a page
  // of thousands of lines (a damaged file); the search stops when this many baselines were tried
  const budget = { steps: 40 * baselines.length + 1000 };
  let k = 0;
  while (k < baselines.length && budget.steps > 0) {
    const region = regionFrom(baselines, k, budget, tolerances);
    if (!region) break;
    const end = region.start + region.baselines.length;
    const table = readTable(region, neighbours(baselines, region.start, end, region.fontSize), hints.edges ?? [], id);
    if (table) {
      id++;
      rows.push(...table);
      for (const b of region.baselines) for (const item of b.items) used.add(item);
      k = end;
    } else {
      k = region.start + 1; // not a table: look again from the next baseline
    }
  }
  return { rows, rest: rows.length === 0 ? items : items.filter((item) => !used.has(item)) };
}

/** The visible items of the baselines just above `start` and from `end` on that lie near enough to touch the region. */
function neighbours(baselines: Baseline[], start: number, end: number, em: number): TextItem[] {
  const reach = (SURROUNDING_GAP + 1) * em;
  const out: TextItem[] = [];
  const top = baselines[start]!.y;
  const bottom = baselines[end - 1]!.y;
  for (let k = start - 1; k >= 0 && baselines[k]!.y - top <= reach; k--) out.push(...baselines[k]!.ink);
  for (let k = end; k < baselines.length && bottom - baselines[k]!.y <= reach; k++) out.push(...baselines[k]!.ink);
  return out;
}

/** Items grouped by baseline, top to bottom, each left to right (as lines are built). */
function baselinesOf(items: TextItem[], columnGap: number): Baseline[] {
  return groupByBaseline(items).map((line) => {
    const ink = line.filter((item) => !isBlank(item));
    const main = (ink.length > 0 ? ink : line).reduce((a, b) => (b.text.length > a.text.length ? b : a));
    return { y: main.y, fontSize: main.fontSize, items: line, ink, segments: segmentsOf(line, ink, columnGap) };
  });
}

/** Runs of text on a baseline separated by gaps that no word space explains. */
function segmentsOf(items: TextItem[], ink: TextItem[], columnGap: number): Segment[] {
  const segments: Segment[] = [];
  for (const item of ink) {
    const current = segments[segments.length - 1];
    if (current) {
      const em = Math.max(item.fontSize, 1);
      const gap = item.x - current.right;
      const bridged = items.some(
        (space) => isBlank(space) && space.width <= WORD_SPACE * em && space.x <= current.right + 1 && space.x + space.width >= item.x - 1,
      );
      if (gap <= columnGap * em || bridged) {
        current.right = Math.max(current.right, item.x + item.width);
        continue;
      }
    }
    segments.push({ x: item.x, right: item.x + item.width });
  }
  return segments;
}

/** The run of baselines that share column edges, begun by the first baseline from `from` with two or more segments. */
function regionFrom(baselines: Baseline[], from: number, budget: { steps: number }, tolerances: Tolerances): Region | undefined {
  const uniform = (b: Baseline) => b.ink.every((i) => Math.abs(i.fontSize - b.fontSize) <= tolerances.size * b.fontSize);
  const start = baselines.findIndex((b, k) => k >= from && b.segments.length >= 2 && uniform(b));
  if (start < 0) return undefined;
  const first = baselines[start]!;
  const region: Region = { start, tolerances, baselines: [first], edges: first.segments.map((s) => s.x), fontSize: first.fontSize };
  for (let k = start + 1; k < baselines.length && budget.steps-- > 0 && extend(region, baselines[k]!); k++);
  return region;
}

function extend(region: Region, b: Baseline): boolean {
  const last = region.baselines[region.baselines.length - 1]!;
  const step = last.y - b.y;
  // one baseline grid: lines of two text columns set on grids of their own fall between each other's lines
  if (step > MAX_STEP * region.fontSize || step < MIN_STEP * region.fontSize) return false;
  // one type size (a header row may be bold, not larger)
  const { edge: tolerance, size } = region.tolerances;
  if (b.ink.some((i) => Math.abs(i.fontSize - region.fontSize) > size * region.fontSize)) return false;
  let edges = region.edges;
  for (const s of b.segments) {
    if (edges.some((e) => Math.abs(e - s.x) <= tolerance)) continue;
    // a new column edge may not cut through anything above it in the table
    if (region.baselines.some((l) => l.ink.some((i) => i.x < s.x - tolerance && i.x + i.width > s.x + tolerance))) return false;
    edges = [...edges, s.x].sort((x, y) => x - y);
  }
  if (!columnsOf(b, edges, tolerance)) return false;
  if (edges !== region.edges && !region.baselines.every((l) => columnsOf(l, edges, tolerance))) return false;
  region.edges = edges;
  region.baselines.push(b);
  return true;
}

/**
 * The baseline's visible items by column, or undefined when they do not fit the columns: an
 * item left of the table, one reaching into the next column, or a cell that does not start
 * at its column's edge.
 */
function columnsOf(b: Baseline, edges: number[], tolerance: number): TextItem[][] | undefined {
  const columns: TextItem[][] = edges.map(() => []);
  for (const item of b.ink) {
    let j = -1;
    while (j + 1 < edges.length && edges[j + 1]! <= item.x + tolerance) j++;
    if (j < 0) return undefined;
    const next = edges[j + 1];
    if (next !== undefined && item.x + item.width > next - 0.5) return undefined;
    columns[j]!.push(item);
  }
  for (let j = 0; j < edges.length; j++) {
    const first = columns[j]![0];
    if (first && Math.abs(first.x - edges[j]!) > tolerance) return undefined;
  }
  return columns;
}

/** Do two tables have the same column edges? */
export function sameEdges(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= EDGE_TOLERANCE);
}

/** The rows of a region that reads as a table, or undefined when it is something else. */
function readTable(region: Region, others: TextItem[], hints: number[][], id: number): TableRow[] | undefined {
  const em = region.fontSize;
  const tolerance = region.tolerances.edge;
  if (!standsApart(region, others, em)) return undefined;

  // a region whose edges are among those of a table across the page break takes that table's columns
  let edges = region.edges;
  let continued = false;
  for (const hint of hints) {
    if (!edges.every((e) => hint.some((h) => Math.abs(e - h) <= tolerance))) continue;
    if (!region.baselines.every((b) => columnsOf(b, hint, tolerance))) continue;
    edges = hint;
    continued = true;
    break;
  }
  let columns = region.baselines.map((b) => columnsOf(b, edges, tolerance)!);
  if (!continued) {
    // a column edge that only one line starts at is a gap in a justified line, not a column
    const support = edges.map((_, j) => columns.filter((line) => line[j]!.length > 0).length);
    if (support.some((n) => n < 2)) {
      edges = edges.filter((_, j) => support[j]! >= 2);
      if (edges.length < 2) return undefined;
      const refit = region.baselines.map((b) => columnsOf(b, edges, tolerance));
      if (refit.some((line) => !line)) return undefined;
      columns = refit as TextItem[][][];
    }
  }
  const grid = columns.map((line) => line.map((items) => (items.length > 0 ? cellLine(items) : undefined)));

  // rows: a vertical gap, or the first column starting a new cell below a blank line
  const steps = region.baselines.slice(1).map((b, k) => region.baselines[k]!.y - b.y);
  const lineStep = Math.min(...steps.filter((s) => s >= 0.8 * em), Number.POSITIVE_INFINITY);
  const rows: number[][] = [];
  grid.forEach((line, k) => {
    const step = steps[k - 1] ?? 0;
    const previous = grid[k - 1];
    const gap = k === 0 || step > ROW_GAP * em || step > ROW_GAP_RELATIVE * lineStep;
    const restart = previous !== undefined && line[0] !== undefined && previous[0] === undefined && line.every((cell, j) => !cell || !previous[j]);
    if (gap || restart) rows.push([k]);
    else rows[rows.length - 1]!.push(k);
  });

  // what a table is not
  if (rows.length < (continued ? 1 : 2)) return undefined;
  const filled = (row: number[]) => edges.filter((_, j) => row.some((k) => grid[k]![j])).length;
  if (!continued && filled(rows[0]!) < 2) return undefined;
  if (rows.filter((row) => filled(row) < 2).length > Math.floor(rows.length / 4)) return undefined;
  // each cell's lines follow one another: a column that falls silent and speaks again within
  // a row is running text beside another column, not a cell
  for (const row of rows) {
    for (let j = 0; j < edges.length; j++) {
      let ended = false;
      let seen = false;
      for (const k of row) {
        const has = grid[k]![j] !== undefined;
        if (has && ended) return undefined;
        if (has) seen = true;
        else if (seen) ended = true;
      }
    }
  }
  // a column of list labels beside its text is a list; columns that all open with list labels are lists side by side
  const lines = (j: number) => grid.flatMap((line) => line[j]?.text ?? []);
  const cells = (j: number) => rows.map((row) => row.flatMap((k) => grid[k]![j]?.text ?? [])[0]).filter((t): t is string => t !== undefined);
  if (edges.some((_, j) => lines(j).length > 0 && lines(j).every((t) => LABEL_ONLY.test(t)))) return undefined;
  if (edges.every((_, j) => cells(j).every((t) => LIST_ITEM.test(t)))) return undefined;
  // columns whose lines all run to the same right edge are justified running text
  const columnRight = edges.map((_, j) => Math.max(...grid.map((line) => line[j]?.right ?? Number.NEGATIVE_INFINITY)));
  const justified = edges.every((_, j) => {
    const inner = rows.flatMap((row) => {
      const lines = row.map((k) => grid[k]![j]).filter((l): l is CellLine => l !== undefined);
      return lines.slice(0, -1);
    });
    return inner.length >= 2 && inner.filter((l) => l.right >= columnRight[j]! - 0.5 * em).length >= inner.length * 0.6;
  });
  if (justified) return undefined;

  return rows.map((row, r) => {
    const baselines = row.map((k) => region.baselines[k]!);
    const ink = baselines.flatMap((b) => b.ink);
    return {
      cells: edges.map((_, j) => row.flatMap((k) => grid[k]![j]?.text ?? [])),
      brokenAtEdge: edges.map((edge, j) => {
        const lines = row.flatMap((k) => grid[k]![j] ?? []);
        return lines.map((line, i) => i > 0 && brokenAtEdge(lines[i - 1]!, line, edge, columnRight[j]!));
      }),
      edges,
      table: id,
      first: r === 0,
      x: edges[0]!,
      y: baselines[0]!.y,
      right: Math.max(...ink.map((i) => i.x + i.width)),
      fontSize: region.fontSize,
      bold: ink.length > 0 && ink.every((i) => i.bold),
    };
  });
}

/**
 * A table stands apart from the text above and below it (cell padding, rules, spacing): in
 * each of its columns, the nearest text above and below lies more than a line away. Lines of
 * two text columns that happen to line up run on from the lines above them.
 */
function standsApart(region: Region, others: TextItem[], em: number): boolean {
  const ink = region.baselines.flatMap((b) => b.ink);
  return region.edges.every((edge, j) => {
    const next = region.edges[j + 1] ?? Number.POSITIVE_INFINITY;
    const column = ink.filter((i) => i.x >= edge - region.tolerances.edge && i.x < next - region.tolerances.edge);
    if (column.length === 0) return true;
    const left = edge;
    const right = Math.max(...column.map((i) => i.x + i.width));
    const top = Math.max(...column.map((i) => i.y));
    const bottom = Math.min(...column.map((i) => i.y));
    return others.every((o) => {
      if (o.x >= right || o.x + o.width <= left) return true;
      if (o.y > top) return o.y - top > SURROUNDING_GAP * em;
      if (o.y < bottom) return bottom - o.y > SURROUNDING_GAP * em;
      return true;
    });
  });
}

function cellLine(items: TextItem[]): CellLine {
  const joined = joinItems(items);
  return { text: joined.text.trim(), x: joined.x, right: joined.right };
}

/**
 * Could line `b` carry on a word broken off at the end of line `a`? Line `a` runs to the cell's
 * right edge, ends in a letter, `b` starts in lower case, and the two pieces together are
 * wider than the cell: no typesetter would have moved such a word whole to the next line.
 */
function brokenAtEdge(a: CellLine, b: CellLine, edge: number, right: number): boolean {
  if (!/\p{L}$/u.test(a.text) || !/^\p{Ll}/u.test(b.text)) return false;
  const charWidth = (l: CellLine) => (l.right - l.x) / Math.max(1, l.text.length);
  if (a.right < right - 1.5 * charWidth(a)) return false;
  const last = /\S+$/.exec(a.text)![0];
  const first = /^\S+/.exec(b.text)![0];
  return last.length * charWidth(a) + first.length * charWidth(b) > right - edge;
}
