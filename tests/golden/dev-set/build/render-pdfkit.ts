/**
 * Generator 1: pdfkit. A4, DejaVu Sans embedded (from the dejavu-fonts-ttf devDependency),
 * ragged-right paragraphs without hyphenation, bold larger headings, bullets and labelled
 * items with a hanging indent, drawn table cells, a running header and "Side N av M" footer
 * on every page. Always one column (the two-column request is for LibreOffice and Chromium).
 * The output is deterministic: fixed creation date, no random ids.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { fillTemplate, spansText, type Block, type SourceDocument, type Span } from './source.ts';

const require = createRequire(import.meta.url);
const fontDir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

const BODY_SIZE = 10.5;
const HEADING_SIZE: Record<1 | 2 | 3, number> = { 1: 18, 2: 13, 3: 11.5 };
const INDENT = 16;
const CELL_PAD = 4;
const FIXED_DATE = new Date('2025-01-01T00:00:00Z');

type Doc = InstanceType<typeof PDFDocument>;

function bottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

/** Writes spans as one flowing paragraph starting at (x, doc.y). */
function writeSpans(doc: Doc, spans: Span[], x: number, width: number, size: number, align: 'left' | 'justify' = 'left'): void {
  const list = spans.length > 0 ? spans : [{ text: '', bold: false }];
  list.forEach((span, index) => {
    doc.font(span.bold ? 'Bold' : 'Body').fontSize(size);
    const options = { width, align, lineGap: 1.5, continued: index < list.length - 1 };
    if (index === 0) doc.text(span.text, x, doc.y, options);
    else doc.text(span.text, options);
  });
}

function spansHeight(doc: Doc, spans: Span[], width: number, size: number, bold = false): number {
  doc.font(bold || spans.every((s) => s.bold) ? 'Bold' : 'Body').fontSize(size);
  return doc.heightOfString(spansText(spans) || ' ', { width, lineGap: 1.5 });
}

function renderTable(doc: Doc, header: Span[][], rows: Span[][][]): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const size = BODY_SIZE - 1;
  // Column widths in proportion to the longest cell text, with a floor.
  const weights = header.map((cell, col) => {
    const longest = Math.max(spansText(cell).length, ...rows.map((row) => spansText(row[col] ?? []).length));
    return Math.max(12, Math.min(longest, 90));
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * width);

  const drawRow = (cells: Span[][], isHeader: boolean) => {
    const heights = cells.map((cell, col) => spansHeight(doc, cell, (widths[col] ?? 0) - 2 * CELL_PAD, size, isHeader));
    const rowHeight = Math.max(...heights) + 2 * CELL_PAD;
    if (doc.y + rowHeight > bottom(doc)) {
      doc.addPage();
      if (!isHeader) drawRow(header, true);
    }
    const top = doc.y;
    let x = left;
    cells.forEach((cell, col) => {
      const w = widths[col] ?? 0;
      if (isHeader) doc.rect(x, top, w, rowHeight).fillAndStroke('#e6e6e6', '#444444');
      else doc.rect(x, top, w, rowHeight).stroke('#444444');
      doc.fillColor('black');
      doc.y = top + CELL_PAD;
      const spans = isHeader ? cell.map((s) => ({ ...s, bold: true })) : cell;
      writeSpans(doc, spans, x + CELL_PAD, w - 2 * CELL_PAD, size);
      x += w;
    });
    doc.x = left;
    doc.y = top + rowHeight;
  };

  doc.lineWidth(0.6);
  ensureSpace(doc, 40);
  drawRow(header, true);
  for (const row of rows) drawRow(row, false);
  doc.y += 8;
}

function renderBlock(doc: Doc, block: Block, next: Block | undefined): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  switch (block.kind) {
    case 'heading': {
      const size = HEADING_SIZE[block.level];
      doc.font('Bold').fontSize(size);
      const height = doc.heightOfString(block.text, { width });
      // Keep a heading with at least three lines of what follows.
      const space = block.level === 1 ? 4 : 10;
      if (doc.y > doc.page.margins.top) doc.y += space;
      ensureSpace(doc, height + (next ? 3 * BODY_SIZE * 1.4 : 0));
      doc.text(block.text, left, doc.y, { width });
      doc.y += block.level === 1 ? 10 : 4;
      break;
    }
    case 'paragraph': {
      ensureSpace(doc, BODY_SIZE * 2.8);
      writeSpans(doc, block.spans, left, width, BODY_SIZE);
      doc.y += 6;
      break;
    }
    case 'list': {
      for (const item of block.items) {
        const labelWidth = item.label === null ? INDENT : Math.max(INDENT, 20);
        ensureSpace(doc, BODY_SIZE * 2.8);
        const top = doc.y;
        doc.font('Body').fontSize(BODY_SIZE);
        doc.text(item.label ?? '•', left + 4, top, { width: labelWidth, lineBreak: false });
        doc.y = top;
        writeSpans(doc, item.spans, left + 4 + labelWidth, width - 4 - labelWidth, BODY_SIZE);
        doc.y += 2;
      }
      doc.x = left;
      doc.y += 5;
      break;
    }
    case 'table':
      renderTable(doc, block.header, block.rows);
      break;
  }
}

export async function renderPdfkit(source: SourceDocument): Promise<Buffer> {
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margins: { top: 70, bottom: 70, left: 64, right: 64 },
    bufferPages: true,
    lang: source.meta.lang === 'nn' ? 'nn-NO' : 'nb-NO',
    info: { Title: source.title, Producer: 'dev-set pdfkit renderer', Creator: 'dev-set build', CreationDate: FIXED_DATE, ModDate: FIXED_DATE },
  } as PDFKit.PDFDocumentOptions);
  doc.registerFont('Body', join(fontDir, 'DejaVuSans.ttf'));
  doc.registerFont('Bold', join(fontDir, 'DejaVuSans-Bold.ttf'));

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Body').fontSize(BODY_SIZE);
  source.blocks.forEach((block, index) => renderBlock(doc, block, source.blocks[index + 1]));

  // Running header and footer, drawn into the page margins after the flow is laid out.
  const range = doc.bufferedPageRange();
  const pages = range.count;
  for (let p = range.start; p < range.start + pages; p++) {
    doc.switchToPage(p);
    const margins = { ...doc.page.margins };
    doc.page.margins.top = 0;
    doc.page.margins.bottom = 0;
    const left = margins.left;
    const width = doc.page.width - margins.left - margins.right;
    doc.font('Body').fontSize(8).fillColor('#444444');
    if (source.meta.header) doc.text(source.meta.header, left, 36, { width, align: 'right', lineBreak: false });
    if (source.meta.footer) {
      doc.text(fillTemplate(source.meta.footer, p - range.start + 1, pages), left, doc.page.height - 46, { width, align: 'center', lineBreak: false });
    }
    doc.fillColor('black');
    doc.page.margins.top = margins.top;
    doc.page.margins.bottom = margins.bottom;
  }
  doc.flushPages();
  doc.end();
  return done;
}
