/** What the PDF viewer is asked to show: `?file=<document>&page=N[&end=M]&q=<quote>`, checked. Pure (no DOM). */

export interface ViewerRequest {
  file: string;
  page: number;
  /** The last page of the quote (a quote may run over a page break); `page` when it does not. */
  end: number;
  quote: string;
}

/** Pages a quote may run over, at most: a longer range is not a quote. */
const MAX_RANGE = 3;
const MAX_QUOTE = 4000;

/** A document name as the server serves it under /documents/: one PDF file name, no path. */
export function isDocumentName(file: string): boolean {
  return /^[^/\\?#\u0000-\u001f]+\.pdf$/i.test(file) && !file.includes('..');
}

export function parseViewerRequest(search: string): ViewerRequest | null {
  const params = new URLSearchParams(search);
  const file = params.get('file') ?? '';
  if (!isDocumentName(file)) return null;
  const number = (value: string | null, fallback: number) => (value && /^\d{1,5}$/.test(value) && Number(value) >= 1 ? Number(value) : fallback);
  const page = number(params.get('page'), 1);
  const end = Math.min(Math.max(number(params.get('end'), page), page), page + MAX_RANGE - 1);
  return { file, page, end, quote: (params.get('q') ?? '').slice(0, MAX_QUOTE) };
}

/** The pages to show for a page the reader moved to: the quote's pages together, any other page alone. */
export function pagesToShow(request: ViewerRequest, page: number): [number, number] {
  return page >= request.page && page <= request.end ? [request.page, request.end] : [page, page];
}

/** Marks of one item, merged and in order, for splitting its text into plain and marked runs. */
export function runs(text: string, marks: { start: number; end: number }[]): { text: string; marked: boolean }[] {
  const sorted = [...marks].sort((a, b) => a.start - b.start);
  const out: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const m of sorted) {
    const start = Math.max(m.start, at);
    if (m.end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), marked: false });
    out.push({ text: text.slice(start, m.end), marked: true });
    at = m.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), marked: false });
  return out;
}
