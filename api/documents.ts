/**
 * The source PDFs at /documents/<file>, for evidence links: GET and HEAD, byte ranges (PDF viewers
 * fetch pages with Range), ETag and Last-Modified with conditional requests (304), served by the
 * `send` library. Only a `.pdf` name found directly in one of the document folders is served.
 */
import { existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, join } from 'node:path';
import send from 'send';
import { contentDisposition } from './content-disposition.ts';

/**
 * A PDF may be replaced by an upload under the same name: clients keep it but ask again each
 * time, and the ETag makes that a 304 while it is unchanged.
 */
const CACHE_CONTROL = 'public, max-age=0, must-revalidate';

export function serveDocument(req: IncomingMessage, res: ServerResponse, dirs: string[], encodedName: string): void {
  let file: string;
  try {
    file = basename(decodeURIComponent(encodedName));
  } catch {
    return plain(res, 400, 'the document name is not valid percent-encoding');
  }
  const path = dirs.map((d) => join(d, file)).find((p) => /\.pdf$/i.test(file) && !file.includes('\u0000') && existsSync(p) && statSync(p).isFile());
  if (!path) return plain(res, 404, 'no such document');
  send(req, path, { etag: true, lastModified: true, acceptRanges: true, cacheControl: false, dotfiles: 'allow', index: false })
    .on('headers', (response: ServerResponse) => {
      response.setHeader('content-type', 'application/pdf');
      response.setHeader('content-disposition', contentDisposition(file));
      response.setHeader('cache-control', CACHE_CONTROL);
    })
    .on('error', (error: { status?: number; message: string }) => plain(res, error.status ?? 500, error.status === 404 ? 'no such document' : 'the document could not be read'))
    .pipe(res);
}

function plain(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(body);
}
