/**
 * Where a quote leads and how it is cited. Pure (no DOM): links to its page in the source PDF as
 * the server serves it (/documents/<file>#page=N), links to the explorer's PDF viewer that marks
 * the quote on that page, and the citation text "Title, p. N: «quote»".
 */
import type { Evidence } from './types.ts';

export function evidenceHref(e: Pick<Evidence, 'document' | 'page'> & { url?: string }): string {
  if (e.url && /^\/documents\/[^/]+#page=\d+$/.test(e.url)) return e.url;
  return `/documents/${encodeURIComponent(e.document)}#page=${e.page}`;
}

/** The viewer at the quote's page (to `pageEnd` when it runs over a page break), the quote to mark in `q`. */
export function viewerHref(e: Pick<Evidence, 'document' | 'page' | 'pageEnd' | 'quote'>, lang?: string): string {
  const params = new URLSearchParams({ file: e.document, page: String(e.page) });
  if (e.pageEnd && e.pageEnd > e.page) params.set('end', String(e.pageEnd));
  params.set('q', e.quote);
  if (lang) params.set('lang', lang);
  return `/explorer/viewer?${params}`;
}

/** Evidence without repeats (same document, page and quote), in first-seen order. */
export function uniqueEvidence<T extends Evidence>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.document}\u0000${e.page}\u0000${e.quote}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A title for each document file: the title of the agreement it holds when it holds one
 * agreement's own text; otherwise (a report holding several pilot summaries) none, and the
 * citation names the file.
 */
export function documentTitles(documents: { file: string; agreements?: { title: string; source?: string }[] }[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const d of documents) {
    const own = (d.agreements ?? []).filter((a) => a.source === undefined || a.source === 'AGREEMENT');
    if (own.length === 1) titles.set(d.file, own[0]!.title);
  }
  return titles;
}

/** "p. 5" or "pp. 5–6", in the words of the interface language. */
export function pageLabel(e: Pick<Evidence, 'page' | 'pageEnd'>, t: (key: string, params?: Record<string, string | number>) => string): string {
  return e.pageEnd && e.pageEnd > e.page ? t('common.pages', { page: e.page, end: e.pageEnd }) : `${t('common.page')} ${e.page}`;
}

/** "<document title>, p. <page>[–<pageEnd>]: «<quote>»", the file name standing in for a missing title. */
export function citationText(e: Evidence, titles: ReadonlyMap<string, string>, pages: string): string {
  return `${titles.get(e.document) ?? e.document}, ${pages}: «${e.quote}»`;
}
