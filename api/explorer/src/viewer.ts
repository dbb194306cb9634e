/**
 * The PDF viewer: opens /documents/<file> with pdf.js (pdfjs-dist's own build files, served by this
 * server), draws the quote's page(s) on canvas with pdf.js's text layer over them, and marks the
 * quote's words in the text layer. `?file=…&page=N[&end=M]&q=<quote>[&lang=nb|nn|en]`.
 */
import type * as PdfJs from 'pdfjs-dist';
import { fill, h } from './dom.ts';
import { parseLang, storedLang, translator, type Translate } from './labels.ts';
import { matchQuote, type QuoteMatch, type TextItemLike } from './quote-match.ts';
import { pagesToShow, parseViewerRequest, runs, type ViewerRequest } from './viewer-params.ts';

// Not bundled: the files as pdfjs-dist ships them, from the fixed list serve.ts allows.
const PDFJS_URL = '/explorer/pdfjs/pdf.min.mjs';
const WORKER_URL = '/explorer/pdfjs/pdf.worker.min.mjs';
const FONTS_URL = '/explorer/pdfjs/standard_fonts/';

type Doc = PdfJs.PDFDocumentProxy;

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const lang = params.get('lang') ? parseLang(params.get('lang')) : storedLang();
  const t = translator(lang);
  document.documentElement.lang = lang;
  const root = document.getElementById('viewer')!;
  const request = parseViewerRequest(location.search);
  const status = h('p', { class: 'viewer-status', id: 'viewer-status', role: 'status' });
  if (!request) {
    fill(root, bar(t, null), h('main', { id: 'main' }, h('p', { class: 'error', role: 'alert' }, t('viewer.badFile'))));
    document.body.dataset.ready = 'error';
    return;
  }
  document.title = t('viewer.title', { document: request.file });
  const pages = h('div', { class: 'pages', id: 'pages' });
  const nav = { prev: h('button', { type: 'button', id: 'viewer-prev' }, t('viewer.prev')), next: h('button', { type: 'button', id: 'viewer-next' }, t('viewer.next')), label: h('span', { id: 'viewer-page', 'aria-live': 'polite' }) };
  fill(
    root,
    bar(t, request, nav.prev, nav.label, nav.next),
    h(
      'main',
      { id: 'main' },
      request.quote ? h('section', { class: 'viewer-quote', 'aria-label': t('viewer.quote') }, h('blockquote', { id: 'viewer-quote' }, `«${request.quote}»`), status) : status,
      pages,
    ),
  );
  status.textContent = t('viewer.loading');

  let doc: Doc;
  let pdfjs: typeof PdfJs;
  try {
    pdfjs = (await import(/* @vite-ignore */ PDFJS_URL)) as typeof PdfJs;
    pdfjs.GlobalWorkerOptions.workerSrc = WORKER_URL;
    doc = await pdfjs.getDocument({ url: `/documents/${encodeURIComponent(request.file)}`, isEvalSupported: false, enableXfa: false, standardFontDataUrl: FONTS_URL, verbosity: 0 }).promise;
  } catch (error) {
    status.textContent = `${t('viewer.error')}: ${(error as Error).message}`;
    status.dataset.found = 'false';
    document.body.dataset.ready = 'error';
    return;
  }

  let shown = Math.min(request.page, doc.numPages);
  const show = async (page: number) => {
    const [from, to] = pagesToShow(request, page);
    const last = Math.min(to, doc.numPages);
    shown = from;
    nav.label.textContent = t('viewer.page', { page: from === last ? from : `${from}–${last}`, pages: doc.numPages });
    nav.prev.disabled = from <= 1;
    nav.next.disabled = last >= doc.numPages;
    document.body.dataset.ready = 'loading';
    const drawn = await drawPages(pdfjs, doc, from, last, pages, t);
    const isQuotePages = from === request.page && request.quote;
    if (isQuotePages) report(markQuote(drawn, request), status, t);
    else {
      status.textContent = '';
      delete status.dataset.found;
    }
    document.body.dataset.page = String(from);
    document.body.dataset.ready = 'true';
  };
  nav.prev.addEventListener('click', () => void show(shown - 1));
  nav.next.addEventListener('click', () => void show(pagesToShow(request, shown)[1] + 1));
  await show(shown);
  pages.querySelector('.quote-mark')?.scrollIntoView({ block: 'center' });
}

function bar(t: Translate, request: ViewerRequest | null, ...controls: HTMLElement[]): HTMLElement {
  return h(
    'header',
    { class: 'viewer-bar' },
    h('a', { href: '/', id: 'viewer-back' }, `← ${t('viewer.back')}`),
    h('h1', {}, request ? t('viewer.title', { document: request.file }) : t('viewer.error')),
    ...controls,
    request ? h('a', { href: `/documents/${encodeURIComponent(request.file)}#page=${request.page}`, id: 'viewer-pdf', target: '_blank', rel: 'noopener' }, t('viewer.openPdf')) : null,
  );
}

interface DrawnPage {
  items: TextItemLike[];
  spans: HTMLElement[];
}

/** Draws pages `from`–`to` (canvas and text layer) into `into`, replacing what was there. */
async function drawPages(pdfjs: typeof PdfJs, doc: Doc, from: number, to: number, into: HTMLElement, t: Translate): Promise<DrawnPage[]> {
  const drawn: DrawnPage[] = [];
  const frames: HTMLElement[] = [];
  for (let n = from; n <= to; n++) {
    const page = await doc.getPage(n);
    const base = page.getViewport({ scale: 1 });
    // as wide as the window allows, up to 1.6 times the PDF's own size
    const scale = Math.max(0.5, Math.min(1.6, (document.documentElement.clientWidth - 32) / base.width));
    const viewport = page.getViewport({ scale });
    const ratio = window.devicePixelRatio || 1;
    const canvas = h('canvas', { width: Math.floor(viewport.width * ratio), height: Math.floor(viewport.height * ratio), role: 'img', 'aria-label': t('viewer.canvas', { page: n }) });
    canvas.style.width = `${Math.floor(viewport.width)}px`;
    canvas.style.height = `${Math.floor(viewport.height)}px`;
    const layer = h('div', { class: 'textLayer' });
    const frame = h('div', { class: 'pdf-page', 'data-page': n }, h('span', { class: 'page-number', 'aria-hidden': 'true' }, String(n)), canvas, layer);
    frame.style.width = `${Math.floor(viewport.width)}px`;
    frame.style.height = `${Math.floor(viewport.height)}px`;
    frame.style.setProperty('--scale-factor', String(scale));
    frame.style.setProperty('--total-scale-factor', String(scale));
    frames.push(frame);
    await page.render({ canvas, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined }).promise;
    const content = await page.getTextContent();
    const textLayer = new pdfjs.TextLayer({ textContentSource: content, container: layer, viewport });
    await textLayer.render();
    // one span per text item, in the same order as the items with text
    const items = content.items.filter((i): i is Extract<(typeof content.items)[number], { str: string }> => 'str' in i).map((i) => ({ str: i.str, hasEOL: i.hasEOL }));
    drawn.push({ items, spans: textLayer.textDivs });
  }
  fill(into, frames);
  return drawn;
}

function markQuote(drawn: DrawnPage[], request: ViewerRequest): QuoteMatch {
  const match = matchQuote(
    drawn.map((d) => d.items),
    request.quote,
  );
  const byItem = new Map<HTMLElement, { start: number; end: number }[]>();
  for (const m of match.marks) {
    const span = drawn[m.page]?.spans[m.item];
    if (span) byItem.set(span, [...(byItem.get(span) ?? []), m]);
  }
  for (const [span, marks] of byItem) {
    const text = span.textContent ?? '';
    fill(span, runs(text, marks).map((r) => (r.marked ? h('span', { class: 'quote-mark' }, r.text) : r.text)));
  }
  return match;
}

function report(match: QuoteMatch, status: HTMLElement, t: Translate): void {
  status.dataset.found = match.whole ? 'whole' : match.marks.length ? 'partial' : 'false';
  status.dataset.coverage = match.coverage.toFixed(3);
  status.textContent = match.whole ? t('viewer.found') : match.marks.length ? t('viewer.partial', { percent: Math.round(match.coverage * 100) }) : t('viewer.notFound');
}

void start();
