/**
 * The Content-Disposition header of a served PDF (RFC 6266): `filename` in plain ASCII with no
 * quote or backslash for old clients, and the exact name as UTF-8 in `filename*` (RFC 8187).
 * A header value must be Latin-1, so a name such as `avtale-😀.pdf` cannot go in as it is.
 */
export function contentDisposition(file: string): string {
  // a lone half of a UTF-16 pair has no UTF-8: it becomes U+FFFD, as String.prototype.toWellFormed does
  const name = file.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  const fallback = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
