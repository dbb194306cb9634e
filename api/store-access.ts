/**
 * The store as `kg stats` and `kg cypher` see it, for when a running server holds the embedded
 * store (which admits one process): GET /stats for anyone (the store's file name only, as
 * /health gives it), and, with the server's local token, the full location and POST /cypher,
 * a read query whose changes are never kept. The token is written only into the data
 * directory's server file (cli/server-file.ts), so only who can read that directory has it.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename } from 'node:path';
import { listDocuments } from '../graph/held-documents.ts';
import { graphStats } from '../graph/stats.ts';
import type { GraphStore } from '../graph/store.ts';
import { storeInfo } from '../graph/store-info.ts';

/** Largest /cypher body: a query and its parameters. */
const MAX_CYPHER_BODY = 256 * 1024;

function holdsToken(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return false;
  const given = Buffer.from(String(req.headers.authorization ?? ''));
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** What `kg stats --json` prints. */
export async function storeStats(store: GraphStore, fullLocation: boolean) {
  const stats = await graphStats(store);
  const documents = await listDocuments(store);
  const info = await storeInfo(store);
  const shown = info.backend === 'embedded' && !fullLocation ? { ...info, location: basename(info.location) } : info;
  return { store: shown, documents: documents.length, ...stats };
}

export async function serveStats(req: IncomingMessage, res: ServerResponse, store: GraphStore, token: string | undefined): Promise<void> {
  send(res, 200, await storeStats(store, holdsToken(req, token)));
}

export async function serveCypher(req: IncomingMessage, res: ServerResponse, store: GraphStore, token: string | undefined): Promise<void> {
  if (!holdsToken(req, token)) return send(res, 401, { error: { code: 'UNAUTHORIZED', reason: 'POST /cypher needs the local token of the server file in the data directory' } });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_CYPHER_BODY) return send(res, 413, { error: { code: 'BODY_TOO_LARGE', reason: `at most ${MAX_CYPHER_BODY} bytes` } });
    chunks.push(chunk);
  }
  let body: { query?: unknown; params?: unknown };
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
  } catch {
    return send(res, 400, { error: { code: 'BAD_REQUEST', param: 'body', reason: 'must be JSON: { "query": "…", "params": { … } }' } });
  }
  if (typeof body.query !== 'string' || body.query.trim() === '') return send(res, 400, { error: { code: 'BAD_REQUEST', param: 'query', reason: 'must be a Cypher text' } });
  const params = body.params ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return send(res, 400, { error: { code: 'BAD_REQUEST', param: 'params', reason: 'must be a JSON object' } });
  try {
    send(res, 200, { rows: await store.readOnly(body.query, params as Record<string, unknown>) });
  } catch (error) {
    const e = error as { code?: string; message: string };
    send(res, 400, { error: { code: e.code ?? 'QUERY_FAILED', reason: e.message } });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
