/**
 * The PDF reader's worker thread (see load-pdf.ts): opens a PDF with pdf-parse's pdf.js and
 * posts back the positioned text items of every page. It runs in a worker so that a PDF on
 * which pdf.js loops, even synchronously, or eats memory can be stopped (the worker is
 * terminated on timeout, and has a heap limit) without taking the process down.
 *
 * Plain JavaScript, so it starts without a TypeScript loader in any host (tsx, vitest, node).
 * Messages in: { id, bytes: Uint8Array }. Out: { id, pages, warnings } or { id, error: { code, reason } }.
 *
 * pdf.js reads a damaged file as far as it can and says what it recovered from only as warnings
 * on the console; those are collected here, each with the page being read when it came (0 while
 * the document is opened), so that the reader can tell a damaged file from a sound one.
 */
import { parentPort } from 'node:worker_threads';
import { PDFParse } from 'pdf-parse';

if (!parentPort) throw new Error('pdf-worker.mjs runs as a worker thread');
const port = parentPort;

/** The pdf.js warnings of the document being read: { page, message }. One document at a time. */
let warnings = [];
let currentPage = 0;
console.warn = (...args) => {
  if (warnings.length < MAX_WARNINGS) warnings.push({ page: currentPage, message: args.map(String).join(' ').replace(/^Warning: /, '') });
};
/** A damaged file can warn on every operator; a few hundred say all there is to say. */
const MAX_WARNINGS = 500;

port.on('message', async (/** @type {{ id: number, bytes: Uint8Array }} */ message) => {
  warnings = [];
  currentPage = 0;
  try {
    const pages = await readPdf(message.bytes);
    port.postMessage({ id: message.id, pages, warnings });
  } catch (error) {
    port.postMessage({ id: message.id, error: asTyped(error) });
  }
});

/** @param {Uint8Array} bytes */
async function readPdf(bytes) {
  const parser = new PDFParse({
    data: bytes, // pdf.js detaches the buffer it is given; this one was transferred to us
    isEvalSupported: false, // never evaluate code embedded in a PDF
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 1, // warnings: what pdf.js recovered from (collected above, never printed)
  });
  try {
    return await readPages(parser);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

class Typed extends Error {
  /** @param {string} code @param {string} reason */
  constructor(code, reason) {
    super(reason);
    this.code = code;
  }
}

/** @param {PDFParse} parser */
async function readPages(parser) {
  let doc;
  try {
    // The private member of PDFParse that opens the pdf.js document (pdf-parse 2.4.x).
    doc = await /** @type {any} */ (parser).load();
  } catch (error) {
    throw classifyLoadError(error);
  }
  const pages = [];
  for (let number = 1; number <= doc.numPages; number++) {
    currentPage = number;
    try {
      const page = await doc.getPage(number);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      // The fonts' real names say which are bold; pdf.js resolves a font only when it loads an
      // operator list. Fonts keep their ids across the document's pages, so a page needs its
      // (costly) operator list only when it uses a font no earlier page has resolved.
      if (content.items.some((item) => 'fontName' in item && !page.commonObjs.has(item.fontName))) await page.getOperatorList();
      const fonts = new Map();
      const items = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const [a, b, c, d, x, y] = item.transform;
        const fontSize = Math.hypot(c, d) || Math.hypot(a, b) || item.height;
        // a position no viewer could show (NaN, infinite, or astronomically far off the page) is not text anyone reads
        if (![x, y, item.width, fontSize].every((v) => Number.isFinite(v) && Math.abs(v) < 1e6)) continue;
        items.push({ text: item.str, x, y, width: item.width, fontSize, fontName: item.fontName, bold: isBold(item.fontName, content.styles, page, fonts) });
      }
      pages.push({ number, width: viewport.width, height: viewport.height, items });
      page.cleanup();
    } catch (error) {
      throw new Typed('DAMAGED_PDF', `page ${number} cannot be read: ${messageOf(error)}`);
    }
  }
  return pages;
}

/** pdf.js names fonts g_d0_f1 …; the real name (…-Bold, …Bold…) is in the font object. */
function isBold(fontName, styles, page, cache) {
  const cached = cache.get(fontName);
  if (cached !== undefined) return cached;
  let name = styles[fontName]?.fontFamily ?? '';
  if (page.commonObjs.has(fontName)) {
    const font = page.commonObjs.get(fontName);
    if (font?.bold) name += ' Bold';
    name += ` ${font?.name ?? ''}`;
  }
  const bold = /bold|black|heavy|semibold|demi/i.test(name);
  cache.set(fontName, bold);
  return bold;
}

function classifyLoadError(error) {
  const name = error instanceof Error ? error.name : '';
  const message = messageOf(error);
  if (name === 'PasswordException' || /password|encrypt/i.test(message)) return new Typed('ENCRYPTED_PDF', 'the PDF is encrypted and needs a password');
  return new Typed('DAMAGED_PDF', `the PDF is damaged or incomplete: ${message}`);
}

function asTyped(error) {
  if (error instanceof Typed) return { code: error.code, reason: error.message };
  return { code: 'DAMAGED_PDF', reason: `the PDF cannot be read: ${messageOf(error)}` };
}

function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
