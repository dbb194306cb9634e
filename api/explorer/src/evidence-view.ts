/**
 * The block every quote is shown in: the quote, a link to the viewer that opens the PDF at its page
 * with the quote marked, a link to the PDF itself (Evidence.url), and "copy citation".
 */
import { copyText } from './clipboard.ts';
import { h } from './dom.ts';
import { citationText, evidenceHref, pageLabel, viewerHref } from './evidence.ts';
import type { Lang, Translate } from './labels.ts';
import type { Evidence } from './types.ts';

/** Set once the documents are loaded: the titles citations name, and the language the viewer opens in. */
const context: { titles: ReadonlyMap<string, string>; lang: Lang | undefined } = { titles: new Map(), lang: undefined };

export function setEvidenceContext(titles: ReadonlyMap<string, string>, lang: Lang): void {
  context.titles = titles;
  context.lang = lang;
}

export function evidenceBlock(e: Evidence, t: Translate): HTMLElement {
  const pages = pageLabel(e, t);
  const citation = citationText(e, context.titles, pages);
  return h(
    'figure',
    { class: 'evidence' },
    h('blockquote', {}, `«${e.quote}»`),
    h(
      'figcaption',
      {},
      h(
        'a',
        { class: 'evidence-link', href: viewerHref(e, context.lang), target: '_blank', rel: 'noopener', 'data-document': e.document, 'data-page': e.page, title: t('common.openViewer', { page: e.page }) },
        `${e.document}, ${pages}`,
      ),
      ...(e.method === 'OCR'
        ? [' · ', h('span', { class: 'read-by-ocr', title: t('common.readByOcr', { confidence: e.confidence === null || e.confidence === undefined ? '?' : Math.round(e.confidence) }) }, t('common.readByOcr', { confidence: e.confidence === null || e.confidence === undefined ? '?' : Math.round(e.confidence) }))]
        : []),
      ' · ',
      h('a', { class: 'pdf-link', href: evidenceHref(e), target: '_blank', rel: 'noopener', title: t('common.openPdf', { page: e.page }) }, t('common.pdf')),
      ' ',
      h('button', { type: 'button', class: 'copy-citation', 'data-citation': citation, title: t('common.copyTitle'), onclick: (ev: MouseEvent) => void copyCitation(ev.currentTarget as HTMLButtonElement, citation, t) }, t('common.copy')),
    ),
  );
}

async function copyCitation(button: HTMLButtonElement, citation: string, t: Translate): Promise<void> {
  const copied = await copyText(citation);
  button.textContent = copied ? `✓ ${t('common.copied')}` : t('common.copyFailed');
  button.dataset.copied = String(copied);
  announce(copied ? t('common.copiedStatus', { citation }) : t('common.copyFailed'));
  // the label comes back after a while; nothing waits for it
  setTimeout(() => {
    if (!button.isConnected) return;
    button.textContent = t('common.copy');
    delete button.dataset.copied;
  }, 4000);
}

/** The page's one status line for copies (a live region, shown as a toast while it has text). */
function announce(text: string): void {
  const status = document.getElementById('copy-status') ?? document.body.appendChild(h('div', { id: 'copy-status', class: 'toast', role: 'status', 'aria-live': 'polite' }));
  status.textContent = text;
  status.dataset.shown = 'true';
  const shown = text;
  setTimeout(() => {
    if (status.textContent === shown) status.dataset.shown = 'false';
  }, 5000);
}
