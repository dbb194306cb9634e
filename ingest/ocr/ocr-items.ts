/**
 * OCR words → the positioned text items pdf.js gives for a text layer (load-pdf.ts `TextItem`),
 * so that a scanned page goes through the same reading order, hyphen joining, furniture removal
 * and paragraphs as a digital one.
 *
 * - Positions: pixels → PDF user space (points, origin bottom left). A scan is rarely straight,
 *   so the page's skew (the median slope of its baselines) is taken out first: every word of a
 *   line gets the line's baseline, and lines of two columns or table cells line up as in print.
 * - Font size: a line's row height (Tesseract's x_size), the same for all its words. A ring or an
 *   accent over a capital ("Å", "Ǿ") or an "å" rises above the other ascenders and makes a short
 *   line's row taller than its type: a line's ascenders are taken as at most a little above the
 *   page's usual share of the x-height (taken as the usual where they rise above it). Tesseract's
 *   estimate varies by a pixel or two from line to line, where type set in one size does not, so
 *   sizes within a few percent of each other over the whole document are made one.
 * - Weight: Tesseract does not say which words are bold. The width of a word's strokes (dark
 *   pixels per horizontal run of dark pixels, over its row height) does: bold type has strokes
 *   well above the document's usual.
 */
import type { TextItem } from '../pdf/load-pdf.ts';
import type { OcrImage } from './hocr.ts';

/** A grey image, one byte per pixel, 0 black. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** One OCR word placed on its page, in points, before sizes and weights are decided for the document. */
export interface PlacedWord {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  /** The row height of its line, in points. */
  size: number;
  /** Stroke width over row height; undefined when the image was not at hand. */
  stroke?: number;
  /** Which line of its page it stands on. */
  line: number;
  confidence: number;
}

/** Words Tesseract is this unsure of, and that hold no letter or digit, are specks and rules, not text. */
const MIN_SYMBOL_CONFIDENCE = 60;
/** A word this unsure is noise whatever it reads. */
const MIN_WORD_CONFIDENCE = 15;
/** A pixel darker than this is ink. */
const INK = 140;

/** The words of one OCR'd page, placed in the page's user space (`width` × `height` points). */
export function placeWords(image: OcrImage, gray: GrayImage | undefined, width: number, height: number): PlacedWord[] {
  if (image.width <= 0 || image.height <= 0) return [];
  const scale = width / image.width;
  const yScale = height / image.height;
  const angle = skewOf(image);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const cx = image.width / 2;
  const cy = image.height / 2;
  // rotates a point of the image by -angle around its centre: baselines become level
  const level = (x: number, y: number) => ({ x: cx + (x - cx) * cos + (y - cy) * sin, y: cy + (y - cy) * cos - (x - cx) * sin });
  const words: PlacedWord[] = [];
  const rowHeight = rowHeights(image);
  image.lines.forEach((line, index) => {
    const [x0, , x1, y1] = line.box;
    const baselineAt = (x: number) => y1 + line.offset + line.slope * (x - x0);
    const middle = (x0 + x1) / 2;
    const baseline = level(middle, baselineAt(middle)).y;
    let previousRight: number | undefined;
    line.words.forEach((word, n) => {
      const [left, top, right, bottom] = word.box;
      const glyph = Math.max(right - left, bottom - top);
      // a dot or a scratch far smaller than the type: dust on the scan
      if (glyph < line.size * SPECK) return;
      const bullet = n === 0 && line.words.length > 1 && isBullet(word.box, baselineAt(right), line.size, word.text);
      if (!bullet && !keep(word.text, word.confidence)) return;
      const start = level(left, baselineAt(left)).x * scale;
      const size = rowHeight(line) * yScale;
      const previous = words[words.length - 1];
      // "6." + "2": a section number Tesseract broke at its stop, the pieces all but touching
      if (previous && previous.line === index && previousRight !== undefined && SPLIT_NUMBER.test(previous.text.trim()) && NUMBER_PART.test(word.text) && start - previousRight < size * 0.2) {
        previous.text += word.text;
        previousRight = start + ((right - left) / cos) * scale;
        previous.width = previousRight - previous.x;
        return;
      }
      // "«Telemark", "*Aure": a bullet read as the first letter of its line's first word
      const glued = n === 0 && !bullet && GLUED_BULLET.exec(word.text);
      if (glued && !line.words.some((w) => w.text.includes('»'))) {
        const share = (right - left) / Math.max(1, word.text.length);
        const bulletLeft = start;
        words.push({ text: '•', x: bulletLeft, y: height - baseline * yScale, width: share * scale, size, line: index, confidence: word.confidence });
        const rest = left + share * 2;
        const restStart = level(rest, baselineAt(rest)).x * scale;
        previousRight = restStart + ((right - rest) / cos) * scale;
        words.push({
          text: ' ' + glued[1]!,
          x: restStart,
          y: height - baseline * yScale,
          width: ((right - rest) / cos) * scale,
          size,
          ...(gray ? { stroke: strokeWidth(gray, Math.round(rest), top, right, bottom) / Math.max(1, line.size) } : {}),
          line: index,
          confidence: word.confidence,
        });
        return;
      }
      // separate words are separate, however close Tesseract found their boxes ("skal" "i")
      const spaced = previousRight !== undefined && start - previousRight < size * 0.2;
      previousRight = start + ((right - left) / cos) * scale;
      words.push({
        text: (spaced ? ' ' : '') + (bullet ? '•' : word.text),
        x: start,
        y: height - baseline * yScale,
        width: ((right - left) / cos) * scale,
        size,
        ...(gray && !bullet ? { stroke: strokeWidth(gray, left, top, right, bottom) / Math.max(1, line.size) } : {}),
        line: index,
        confidence: word.confidence,
      });
    });
  });
  return words;
}

/** A line's ascenders may rise this much above the page's usual share of the x-height before they are taken for accents. */
const ACCENT_RISE = 1.2;

/**
 * The row height of each line of a page, its ascenders held to the page's usual (as a share of
 * the x-height, over the lines of a few words) where a ring or an accent raises them.
 */
function rowHeights(image: OcrImage): (line: OcrImage['lines'][number]) => number {
  const xHeight = (l: OcrImage['lines'][number]) => l.size - (l.ascenders ?? 0) - (l.descenders ?? 0);
  const measured = image.lines.filter((l) => l.ascenders !== undefined && l.descenders !== undefined && l.words.length >= 3 && xHeight(l) > 0);
  if (measured.length < 3) return (l) => l.size;
  const ratios = measured.map((l) => l.ascenders! / xHeight(l)).sort((a, b) => a - b);
  const usual = ratios[Math.floor(ratios.length / 2)]!;
  return (l) => {
    if (l.ascenders === undefined || l.descenders === undefined || xHeight(l) <= 0) return l.size;
    const usualRise = usual * xHeight(l);
    return l.ascenders > usualRise * ACCENT_RISE ? xHeight(l) + usualRise + l.descenders : l.size;
  };
}

/** Boxes smaller than this share of the row height are specks. */
const SPECK = 0.15;

/**
 * A list bullet, which Tesseract reads as "*", "•", "«", "e", "o" or "." by the scan: a small
 * blob that opens a line, standing clear above the baseline (a full stop sits on it).
 */
function isBullet(box: [number, number, number, number], baseline: number, size: number, text: string): boolean {
  const [left, top, right, bottom] = box;
  if (bottom - top > size * 0.45 || baseline - bottom < size * 0.1) return false;
  // a bullet glyph whose box Tesseract drew wider (it took in the space or a speck beside it)
  return right - left <= size * 0.45 || (BULLET_GLYPH.test(text) && right - left <= size * 1.5);
}

/** What Tesseract reads a list bullet as, when it reads it as a sign of its own. */
const BULLET_GLYPH = /^[*•·«»°▪■●◦]$/u;
/** A bullet read as the first character of the word after it: "«Telemark", "•Aure". */
const GLUED_BULLET = /^[*•·«]((?:\p{Lu})\p{L}[\p{L}\p{N}.,:;-]*)$/u;
/** "6.", "1.": the first piece of a section number broken at its stop… */
const SPLIT_NUMBER = /^\d{1,2}\.$/;
/** … and the rest: "2", "2:", "1.3". */
const NUMBER_PART = /^\d{1,2}(?:[.:]\d{1,2})*[.:]?$/;

function keep(text: string, confidence: number): boolean {
  // a word of letters is kept however unsure Tesseract is: "kommune" may come with a confidence of 5
  if ((text.match(/\p{L}/gu)?.length ?? 0) >= 2) return true;
  if (confidence < MIN_WORD_CONFIDENCE) return false;
  return /[\p{L}\p{N}]/u.test(text) || confidence >= MIN_SYMBOL_CONFIDENCE;
}

/** The page's skew in radians: the median angle of the baselines of lines with a few words. */
function skewOf(image: OcrImage): number {
  const slopes = image.lines.filter((l) => l.words.length >= 3 && l.box[2] - l.box[0] > image.width * 0.2).map((l) => Math.atan(l.slope));
  if (slopes.length === 0) return 0;
  slopes.sort((a, b) => a - b);
  return slopes[Math.floor(slopes.length / 2)]!;
}

/** Dark pixels per horizontal run of dark pixels inside the box: the width of the strokes, in pixels. */
function strokeWidth(gray: GrayImage, left: number, top: number, right: number, bottom: number): number {
  let dark = 0;
  let runs = 0;
  const x1 = Math.min(right, gray.width);
  const y1 = Math.min(bottom, gray.height);
  for (let y = Math.max(0, top); y < y1; y++) {
    let previous = false;
    const row = y * gray.width;
    for (let x = Math.max(0, left); x < x1; x++) {
      const ink = gray.data[row + x]! < INK;
      if (ink) {
        dark++;
        if (!previous) runs++;
      }
      previous = ink;
    }
  }
  return runs > 0 ? dark / runs : 0;
}

/** Sizes this close (as a share of the larger) are one size of type. */
const SAME_SIZE = 0.06;
/** Strokes this much wider than the document's usual are bold type. */
const BOLD_STROKE = 1.3;

/**
 * The placed words of every OCR'd page of a document → text items: sizes made one where they
 * differ by Tesseract's estimate only, and bold where the strokes are wide.
 */
export function toTextItems(pages: PlacedWord[][]): TextItem[][] {
  const all = pages.flat();
  const size = sizeSnapper(pages);
  const strokes = all.filter((w) => w.stroke !== undefined && w.text.trim().length >= 3);
  const usual = weightedMedian(strokes.map((w) => [w.stroke!, w.text.length]));
  return pages.map((words) => {
    // a short word's few pixels say little: it takes the weight of its line
    const lineStroke = new Map<number, number>();
    for (const [line, list] of groupBy(words, (w) => w.line)) {
      const measured = list.filter((w) => w.stroke !== undefined);
      if (measured.length > 0) lineStroke.set(line, weightedMedian(measured.map((w) => [w.stroke!, w.text.length])));
    }
    const lineChars = new Map([...groupBy(words, (w) => w.line)].map(([line, list]) => [line, list.reduce((n, w) => n + w.text.trim().length, 0)]));
    return words.map((w) => {
      const stroke = w.text.trim().length >= 3 ? w.stroke : lineStroke.get(w.line);
      return {
        text: w.text,
        x: w.x,
        y: w.y,
        width: w.width,
        fontSize: size(w.size, lineChars.get(w.line) ?? 0),
        fontName: 'ocr',
        bold: usual > 0 && stroke !== undefined && stroke > usual * BOLD_STROKE,
      };
    });
  });
}

/** Maps a measured size to its size of type: the weighted middle of the sizes within SAME_SIZE of it, body type first. */
/** A line shorter than this gives Tesseract too few letters to size it well: it takes the nearest size of the longer lines. */
const SHORT_LINE = 20;

function sizeSnapper(pages: PlacedWord[][]): (size: number, chars: number) => number {
  // one size per line (its words share it), weighed by the line's characters
  const lineSizes: [number, number][] = pages
    .flatMap((words) => [...groupBy(words, (w) => w.line).values()].map((list) => [list[0]!.size, list.reduce((n, w) => n + w.text.trim().length, 0)] as [number, number]))
    .filter(([, chars]) => chars >= SHORT_LINE);
  const sizes = lineSizes.sort((a, b) => b[1] - a[1]);
  // clusters around the most used sizes first: the body type gathers its stray estimates
  const histogram = new Map<number, number>();
  for (const [s, n] of sizes) histogram.set(Math.round(s * 2) / 2, (histogram.get(Math.round(s * 2) / 2) ?? 0) + n);
  const centres: { size: number; members: [number, number][] }[] = [];
  for (const [s] of [...histogram.entries()].sort((a, b) => b[1] - a[1])) {
    if (centres.some((c) => Math.abs(c.size - s) <= c.size * SAME_SIZE)) continue;
    centres.push({ size: s, members: [] });
  }
  const nearest = (s: number) => centres.reduce((best, c) => (Math.abs(c.size - s) < Math.abs(best.size - s) ? c : best));
  if (centres.length === 0) return (s) => Math.round(s * 10) / 10;
  for (const [s, n] of sizes) nearest(s).members.push([s, n]);
  const value = new Map(centres.map((c) => [c, Math.round(weightedMedian(c.members) * 10) / 10]));
  return (s, chars) => {
    const c = nearest(s);
    return Math.abs(c.size - s) <= c.size * (chars < SHORT_LINE ? SAME_SIZE * 3 : SAME_SIZE * 1.5) ? value.get(c)! : Math.round(s * 10) / 10;
  };
}

function weightedMedian(values: [number, number][]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((n, [, w]) => n + w, 0);
  let seen = 0;
  for (const [v, w] of sorted) {
    seen += w;
    if (seen >= total / 2) return v;
  }
  return sorted.at(-1)![0];
}

function groupBy<T, K>(list: T[], key: (t: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of list) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** A binary PGM (P5, 8 bits) as pdftoppm writes it. */
export function parsePgm(bytes: Uint8Array): GrayImage | undefined {
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  const m = /^P5\s+(?:#[^\n]*\s+)*(\d+)\s+(\d+)\s+(\d+)\s/.exec(head);
  if (!m || Number(m[3]) > 255) return undefined;
  const width = Number(m[1]);
  const height = Number(m[2]);
  const data = bytes.subarray(m[0].length, m[0].length + width * height);
  return data.length === width * height ? { width, height, data } : undefined;
}

/** The share of a grey image that is ink: a page without any is blank and needs no OCR. */
export function inkShare(gray: GrayImage): number {
  let dark = 0;
  // every fourth pixel of every fourth row is plenty to tell a blank page
  for (let y = 0; y < gray.height; y += 4) for (let x = 0; x < gray.width; x += 4) if (gray.data[y * gray.width + x]! < INK) dark++;
  return dark / (Math.ceil(gray.height / 4) * Math.ceil(gray.width / 4));
}

/**
 * Specks of dust on a scan, taken out before Tesseract reads it: every patch of ink of at most
 * `maxArea` pixels (8-connected), with no ink next to it. A speck over a word makes Tesseract draw
 * the word's box around it and misread the word ("sglsamnese" for "avtalekommunane"); a full stop
 * or the dot over an i is several times larger at any size of body type. Changes the image in
 * place and returns how many specks it took out.
 */
export function despeckle(gray: GrayImage, maxArea: number): number {
  const { width, height, data } = gray;
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const patch: number[] = [];
  let removed = 0;
  for (let start = 0; start < data.length; start++) {
    if (seen[start] || data[start]! >= INK) continue;
    seen[start] = 1;
    stack.push(start);
    patch.length = 0;
    let large = false;
    while (stack.length > 0) {
      const p = stack.pop()!;
      if (!large) patch.push(p);
      if (patch.length > maxArea) large = true;
      const x = p % width;
      const y = (p - x) / width;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (!seen[q] && data[q]! < INK) {
            seen[q] = 1;
            stack.push(q);
          }
        }
      }
    }
    if (large) continue;
    for (const p of patch) data[p] = 255;
    removed++;
  }
  return removed;
}

/** A grey image as a binary PGM (P5), for Tesseract. */
export function toPgm(gray: GrayImage): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${gray.width} ${gray.height}\n255\n`, 'latin1'), Buffer.from(gray.data.buffer, gray.data.byteOffset, gray.data.byteLength)]);
}
