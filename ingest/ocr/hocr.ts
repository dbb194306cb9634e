/**
 * Tesseract's hOCR output → its lines and words, in image pixels (origin top left): each line
 * with its box, its baseline (`baseline slope offset`, relative to the box's bottom left corner)
 * and `x_size` (the height of the row, close to the font's size), each word with its box and its
 * confidence (`x_wconf`, 0–100).
 */

export interface OcrWord {
  text: string;
  /** left, top, right, bottom in pixels. */
  box: [number, number, number, number];
  /** Tesseract's confidence in the word, 0–100. */
  confidence: number;
}

export interface OcrLine {
  box: [number, number, number, number];
  /** The baseline's slope (pixels down per pixel right) and its offset from the box's bottom at its left edge. */
  slope: number;
  offset: number;
  /** The row's height in pixels (Tesseract's x_size): close to the font size. */
  size: number;
  /** How far the row's ascenders rise above its x-height, and its descenders drop below the baseline, in pixels (x_ascenders, x_descenders); absent when Tesseract gives none. */
  ascenders?: number;
  descenders?: number;
  words: OcrWord[];
}

export interface OcrImage {
  width: number;
  height: number;
  lines: OcrLine[];
}

/** Line-like elements Tesseract writes: a line of text, a caption, a header, floating text. */
const LINE = /<span class='(?:ocr_line|ocr_caption|ocr_header|ocr_textfloat)'[^>]*title="([^"]*)"/g;
const WORD = /<span class='ocrx_word'[^>]*title='([^']*)'[^>]*>([\s\S]*?)<\/span>/g;
const PAGE = /class='ocr_page'[^>]*title='[^']*bbox (\d+) (\d+) (\d+) (\d+)/;

export function parseHocr(hocr: string): OcrImage {
  const page = PAGE.exec(hocr);
  const width = page ? Number(page[3]) : 0;
  const height = page ? Number(page[4]) : 0;
  const lines: OcrLine[] = [];
  const starts = [...hocr.matchAll(LINE)];
  starts.forEach((match, i) => {
    const end = starts[i + 1]?.index ?? hocr.length;
    const title = match[1]!;
    const box = bboxOf(title);
    if (!box) return;
    const baseline = /baseline (-?[\d.]+) (-?[\d.]+)/.exec(title);
    const size = Number(/x_size ([\d.]+)/.exec(title)?.[1] ?? box[3] - box[1]);
    const ascenders = /x_ascenders ([\d.]+)/.exec(title)?.[1];
    const descenders = /x_descenders ([\d.]+)/.exec(title)?.[1];
    const words: OcrWord[] = [];
    for (const w of hocr.slice(match.index, end).matchAll(WORD)) {
      const wordBox = bboxOf(w[1]!);
      const text = decodeEntities(w[2]!.replace(/<[^>]*>/g, '')).trim();
      if (!wordBox || text === '') continue;
      words.push({ text, box: wordBox, confidence: Number(/x_wconf (\d+)/.exec(w[1]!)?.[1] ?? 0) });
    }
    if (words.length > 0) {
      lines.push({
        box,
        slope: Number(baseline?.[1] ?? 0),
        offset: Number(baseline?.[2] ?? 0),
        size,
        ...(ascenders !== undefined ? { ascenders: Number(ascenders) } : {}),
        ...(descenders !== undefined ? { descenders: Number(descenders) } : {}),
        words,
      });
    }
  });
  return { width, height, lines };
}

function bboxOf(title: string): [number, number, number, number] | undefined {
  const m = /bbox (\d+) (\d+) (\d+) (\d+)/.exec(title);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : undefined;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? '';
  });
}
