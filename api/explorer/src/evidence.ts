/** Links from a quote to its page in the source PDF, as the server serves it (/documents/<file>#page=N). */
import type { Evidence } from './types.ts';

export function evidenceHref(e: Pick<Evidence, 'document' | 'page'> & { url?: string }): string {
  if (e.url && /^\/documents\/[^/]+#page=\d+$/.test(e.url)) return e.url;
  return `/documents/${encodeURIComponent(e.document)}#page=${e.page}`;
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
