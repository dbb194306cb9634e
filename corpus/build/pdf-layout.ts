/**
 * Lays out blocks on A4 pages with pdfkit, the way a word processor would: greedy line
 * filling, line-end hyphenation from Liang patterns (nb/nn), breaks after real hyphens,
 * headings kept with what follows, bullets and list labels set in a hanging indent, and a
 * running header and footer ("Side N av M") written onto every page after the body.
 */
import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import type { Block } from './source-blocks.ts';

const require = createRequire(import.meta.url);
const fontDir = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf').replace(/DejaVuSans\.ttf$/, '');

export interface LayoutOptions {
  title: string;
  language: 'nb' | 'nn';
  /** Running header text, top of every page. */
  header: string;
  /** Running footer; "{page}" and "{pages}" are filled in. */
  footer: string;
  /** Fixed creation date so the same input renders the same bytes. */
  created: Date;
}

type Hyphenate = (word: string) => string;

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { left: 70, right: 70, top: 78, bottom: 80 };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const STYLE = {
  body: { font: 'body', size: 10.5, leading: 14.5 },
  emphasis: { font: 'bold', size: 10.5, leading: 14.5 },
  footnote: { font: 'body', size: 8, leading: 10.5 },
  heading: [
    { font: 'bold', size: 14, leading: 19 },
    { font: 'bold', size: 12, leading: 16.5 },
    { font: 'bold', size: 11, leading: 15 },
  ],
} as const;
const LIST_INDENT = 18;
const PARAGRAPH_GAP = 6;

interface Style {
  font: string;
  size: number;
  leading: number;
}

export async function renderPdf(blocks: Block[], options: LayoutOptions): Promise<Buffer> {
  const hyphenate: Hyphenate = require(`hyphen/${options.language}`).hyphenateSync;
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    info: { Title: options.title, Creator: 'corpus/build (pdfkit)', CreationDate: options.created },
    lang: options.language === 'nb' ? 'nb-NO' : 'nn-NO',
  });
  doc.registerFont('body', `${fontDir}DejaVuSerif.ttf`);
  doc.registerFont('bold', `${fontDir}DejaVuSans-Bold.ttf`);
  doc.registerFont('running', `${fontDir}DejaVuSans.ttf`);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  let y = MARGIN.top;
  const bottom = A4.height - MARGIN.bottom;
  const newPage = () => {
    doc.addPage();
    y = MARGIN.top;
  };

  const setLines = (lines: string[], style: Style, x: number, label?: string) => {
    doc.font(style.font).fontSize(style.size);
    lines.forEach((line, i) => {
      if (y + style.leading > bottom) newPage();
      if (i === 0 && label) doc.text(label, x - LIST_INDENT, y, { lineBreak: false });
      doc.text(line, x, y, { lineBreak: false });
      y += style.leading;
    });
  };

  blocks.forEach((block, index) => {
    if (block.kind === 'heading') {
      const style = STYLE.heading[Math.min(block.level, 3) - 1]!;
      const lines = breakLines(doc, block.text, style, TEXT_WIDTH, hyphenate);
      // keep a heading with at least three lines of what follows
      if (y + style.leading * (lines.length + 3) > bottom && index > 0) newPage();
      if (y > MARGIN.top) y += style.leading * 0.6;
      setLines(lines, style, MARGIN.left);
      y += PARAGRAPH_GAP / 2;
      return;
    }
    if (block.kind === 'item') {
      const x = MARGIN.left + LIST_INDENT;
      setLines(breakLines(doc, block.text, STYLE.body, TEXT_WIDTH - LIST_INDENT, hyphenate), STYLE.body, x, block.label);
      y += 2;
      return;
    }
    const style = block.kind === 'footnote' ? STYLE.footnote : block.emphasis ? STYLE.emphasis : STYLE.body;
    setLines(breakLines(doc, block.text, style, TEXT_WIDTH, hyphenate), style, MARGIN.left);
    y += PARAGRAPH_GAP;
  });

  // Running header and footer go in last, after the body of every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font('running').fontSize(8.5).fillColor('#555555');
    doc.text(options.header, MARGIN.left, 40, { lineBreak: false });
    doc.moveTo(MARGIN.left, 54).lineTo(A4.width - MARGIN.right, 54).lineWidth(0.5).strokeColor('#999999').stroke();
    const footer = options.footer.replace('{page}', String(i + 1)).replace('{pages}', String(range.count));
    const width = doc.widthOfString(footer);
    doc.text(footer, A4.width - MARGIN.right - width, A4.height - 50, { lineBreak: false });
    doc.fillColor('black');
  }
  doc.end();
  return done;
}

/**
 * Greedy line breaking. A word that does not fit is split at a hyphenation point (and
 * set with "-") or after a hyphen it already has ("Nord-|Troms").
 */
function breakLines(doc: PDFKit.PDFDocument, text: string, style: Style, width: number, hyphenate: Hyphenate): string[] {
  doc.font(style.font).fontSize(style.size);
  const measure = (s: string) => doc.widthOfString(s);
  const lines: string[] = [];
  let line = '';
  const words = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= width) {
      line = candidate;
      continue;
    }
    const split = splitToFit(word, (head) => measure(line ? `${line} ${head}` : head) <= width, hyphenate);
    if (split) {
      lines.push(line ? `${line} ${split.head}` : split.head);
      line = '';
      words.splice(i + 1, 0, split.tail);
      continue;
    }
    if (line) lines.push(line);
    line = word;
  }
  if (line) lines.push(line);
  return lines;
}

function splitToFit(
  word: string,
  fits: (head: string) => boolean,
  hyphenate: Hyphenate,
): { head: string; tail: string } | undefined {
  const candidates: { head: string; tail: string }[] = [];
  // after an existing hyphen: "Nord-" | "Troms", "Kommunal-" | "og"
  for (let i = word.indexOf('-'); i > 0 && i < word.length - 1; i = word.indexOf('-', i + 1)) {
    candidates.push({ head: word.slice(0, i + 1), tail: word.slice(i + 1) });
  }
  // at a pattern hyphenation point, leaving at least three letters on each side
  const core = word.match(/^(\p{L}+)(.*)$/u);
  if (core && core[1]!.length >= 7) {
    const parts = hyphenate(core[1]!).split('\u00AD');
    let head = '';
    for (let p = 0; p < parts.length - 1; p++) {
      head += parts[p];
      const tail = core[1]!.slice(head.length) + core[2];
      if (head.length >= 3 && core[1]!.length - head.length >= 3) candidates.push({ head: `${head}-`, tail });
    }
  }
  candidates.sort((a, b) => b.head.length - a.head.length);
  return candidates.find((c) => fits(c.head));
}
