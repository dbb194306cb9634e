/** GET (and HEAD) /export/<name>: every download of downloads.ts over HTTP, as an attachment. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { QueryContext } from '../queries/context.ts';
import { NotFoundError, UnknownPartyError } from '../queries/errors.ts';
import { contentDisposition } from './content-disposition.ts';
import { DownloadParamError, downloadParams, DOWNLOADS, isDownload, makeDownload } from './exports/downloads.ts';

export const EXPORT_PREFIX = '/export/';

export async function serveExport(req: IncomingMessage, res: ServerResponse, url: URL, ctx: QueryContext, logger: Logger): Promise<void> {
  const name = url.pathname.slice(EXPORT_PREFIX.length);
  if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { code: 'METHOD_NOT_ALLOWED', reason: 'GET or HEAD' }, { allow: 'GET, HEAD' });
  if (name === '') return json(res, 200, { downloads: DOWNLOADS.map((d) => `${EXPORT_PREFIX}${d}`) });
  if (!isDownload(name)) return json(res, 404, { code: 'NOT_FOUND', reason: `no download named ${JSON.stringify(name)}`, downloads: DOWNLOADS });
  try {
    const download = await makeDownload(ctx, name, downloadParams((p) => url.searchParams.get(p)));
    res.writeHead(200, {
      'content-type': download.contentType,
      'content-length': download.body.length,
      'content-disposition': contentDisposition(download.file).replace(/^inline/, 'attachment'),
      'cache-control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : download.body);
  } catch (error) {
    if (error instanceof DownloadParamError) return json(res, 400, { code: error.code, param: error.param, reason: error.reason });
    if (error instanceof UnknownPartyError) return json(res, 404, { code: 'NOT_FOUND', param: 'party', reason: error.message, suggestions: error.suggestions });
    if (error instanceof NotFoundError) return json(res, 404, { code: 'NOT_FOUND', reason: error.message });
    logger.error({ err: error, download: name }, 'export failed');
    return json(res, 500, { code: 'INTERNAL', reason: 'the export could not be made' });
  }
}

function json(res: ServerResponse, status: number, error: Record<string, unknown>, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(status < 300 ? error : { error }));
}
