/**
 * PDF bytes → positioned text items per page, through pdf-parse v2.
 *
 * pdf-parse's own getText() joins items in content-stream order, which is not reading
 * order for PDFs that draw running headers, bullets or a second column out of order. We
 * let pdf-parse open the document (its options, its error mapping) and then read the
 * positioned items from the pdf.js document it holds.
 */
import { PDFParse } from 'pdf-parse';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { IngestError } from '../errors.ts';

/** A run of text as pdf.js placed it, in PDF user space (origin bottom left). */
export interface TextItem {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  fontSize: number;
  fontName: string;
  bold: boolean;
}

export interface RawPage {
  number: number;
  width: number;
  height: number;
  items: TextItem[];
}

export interface LoadOptions {
  /** Give up on a document after this long. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** The private member of PDFParse that opens the pdf.js document (pdf-parse 2.4.x). */
interface PdfParseInternals {
  load(): Promise<PDFDocumentProxy>;
}

export async function loadPdf(bytes: Uint8Array, file: string, options: LoadOptions = {}): Promise<RawPage[]> {
  checkSignature(bytes, file);
  const parser = new PDFParse({
    data: new Uint8Array(bytes), // pdf.js detaches the buffer it is given
    isEvalSupported: false, // never evaluate code embedded in a PDF
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new IngestError('TIMEOUT', file, `reading the PDF took longer than ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([readPages(parser, file), timeout]);
  } finally {
    clearTimeout(timer);
    await parser.destroy().catch(() => undefined);
  }
}

function checkSignature(bytes: Uint8Array, file: string): void {
  if (bytes.length === 0) throw new IngestError('EMPTY_FILE', file, 'the file is empty');
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) {
    throw new IngestError('NOT_PDF', file, 'the file is not a PDF (no %PDF- signature in its first 1024 bytes)');
  }
}

async function readPages(parser: PDFParse, file: string): Promise<RawPage[]> {
  let doc: PDFDocumentProxy;
  try {
    doc = await (parser as unknown as PdfParseInternals).load();
  } catch (error) {
    throw classifyLoadError(error, file);
  }
  const pages: RawPage[] = [];
  for (let number = 1; number <= doc.numPages; number++) {
    try {
      const page = await doc.getPage(number);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      // Loading the operator list resolves the page's fonts, whose real names say which are bold.
      await page.getOperatorList();
      const fonts = new Map<string, boolean>();
      const items: TextItem[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const [a, b, c, d, x, y] = item.transform as number[];
        const fontSize = Math.hypot(c!, d!) || Math.hypot(a!, b!) || item.height;
        items.push({
          text: item.str,
          x: x!,
          y: y!,
          width: item.width,
          fontSize,
          fontName: item.fontName,
          bold: isBold(item.fontName, content.styles, page, fonts),
        });
      }
      pages.push({ number, width: viewport.width, height: viewport.height, items });
      page.cleanup();
    } catch (error) {
      throw new IngestError('DAMAGED_PDF', file, `page ${number} cannot be read: ${messageOf(error)}`, { cause: error });
    }
  }
  return pages;
}

/** pdf.js names fonts g_d0_f1 …; the real name (…-Bold, …Bold…) is in the font object. */
function isBold(
  fontName: string,
  styles: Record<string, { fontFamily: string }>,
  page: { commonObjs: { has(id: string): boolean; get(id: string): unknown } },
  cache: Map<string, boolean>,
): boolean {
  const cached = cache.get(fontName);
  if (cached !== undefined) return cached;
  let name = styles[fontName]?.fontFamily ?? '';
  if (page.commonObjs.has(fontName)) {
    const font = page.commonObjs.get(fontName) as { name?: string; bold?: boolean } | undefined;
    if (font?.bold) name += ' Bold';
    name += ` ${font?.name ?? ''}`;
  }
  const bold = /bold|black|heavy|semibold|demi/i.test(name);
  cache.set(fontName, bold);
  return bold;
}

function classifyLoadError(error: unknown, file: string): IngestError {
  const name = error instanceof Error ? error.name : '';
  const message = messageOf(error);
  if (name === 'PasswordException' || /password|encrypt/i.test(message)) {
    return new IngestError('ENCRYPTED_PDF', file, 'the PDF is encrypted and needs a password', { cause: error });
  }
  return new IngestError('DAMAGED_PDF', file, `the PDF is damaged or incomplete: ${message}`, { cause: error });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
