/**
 * `kg stats`, `kg export` and `kg cypher` while `npm start` holds the embedded store (which admits
 * one process): the same answers, read through the running server (/stats, /export/<name>,
 * POST /cypher) with the local token of its server file.
 */
import { StoreError } from '../graph/errors.ts';
import type { ServerFile } from './server-file.ts';

async function call(server: ServerFile, path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${server.token}`, ...(init.headers ?? {}) } });
  } catch (error) {
    throw new StoreError('STORE_LOCKED', server.url, `the embedded store is held by the server (pid ${server.pid}), which does not answer: ${(error as Error).message}`, { cause: error });
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; reason?: string } };
    throw new StoreError('QUERY_FAILED', `${server.url}${path}`, `${body.error?.code ?? response.status}: ${body.error?.reason ?? response.statusText}`);
  }
  return response;
}

export async function statsThrough(server: ServerFile): Promise<Record<string, unknown>> {
  return (await (await call(server, '/stats')).json()) as Record<string, unknown>;
}

export async function exportThrough(server: ServerFile, name: string, params: Record<string, string>): Promise<Buffer> {
  const query = new URLSearchParams(params).toString();
  return Buffer.from(await (await call(server, `/export/${name}${query ? `?${query}` : ''}`)).arrayBuffer());
}

export async function cypherThrough(server: ServerFile, query: string, params: Record<string, unknown>): Promise<unknown[]> {
  const response = await call(server, '/cypher', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, params }) });
  return ((await response.json()) as { rows: unknown[] }).rows;
}
