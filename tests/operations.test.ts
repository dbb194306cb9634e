/**
 * Operations: `kg start` (what `npm start` runs) reports its store in /health — location, size
 * on disk, the time of the last ingest — and on SIGTERM finishes the request in flight, exits
 * with status 0 and leaves a store that reopens cleanly.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { freePort } from './helpers/ports.ts';
import { DOCUMENTS } from '../graph/cypher.ts';
import { EmbeddedStore } from '../graph/embedded-store.ts';
import { storeInfo } from '../graph/store-info.ts';

const cli = new URL('../cli/kg.ts', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


it('kg start: /health names the store, its size and last ingest; SIGTERM lets the request in flight finish, exits 0, and the store reopens', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'kg-ops-')), 'data');
  const port = await freePort();
  const started = Date.now();
  const server = spawn(process.execPath, ['--import', 'tsx', cli, 'start'], {
    env: { ...process.env, KG_DATA_DIR: dataDir, NEO4J_URI: '', PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  server.stdout.on('data', (c: Buffer) => (out += c));
  server.stderr.on('data', (c: Buffer) => (out += c));
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 90_000;
    while (!out.includes('GraphQL (with GraphiQL) on') && Date.now() < deadline && server.exitCode === null) await sleep(50);
    expect(out).toContain(`GraphQL (with GraphiQL) on http://127.0.0.1:${port}/graphql`);

    const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { status: string; documents: number; store: Record<string, unknown> };
    expect(health).toMatchObject({ status: 'ok', documents: 5, store: { backend: 'embedded', location: 'graph.grafeo' } });
    // the file name only: nothing of the machine's folders
    expect(JSON.stringify(health)).not.toContain(dataDir);
    expect(health.store.sizeBytes).toBeGreaterThan(10_000);
    const lastIngest = Date.parse(String(health.store.lastIngestAt));
    expect(lastIngest).toBeGreaterThanOrEqual(started - 1000);
    expect(lastIngest).toBeLessThanOrEqual(Date.now());
    expect(health.store.lastIngestDocument).toMatch(/^document:/);

    // a request in flight: its body arrives slowly, and SIGTERM comes in the middle of it
    const body = JSON.stringify({ query: '{ documents(limit: 2) { totalCount pageInfo { hasNextPage } items { id } } }' });
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let reply = '';
    socket.on('data', (c: Buffer) => (reply += c.toString('utf8')));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.write(`POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`);
    socket.write(body.slice(0, 10));
    await sleep(300);
    server.kill('SIGTERM');
    await sleep(700);
    expect(server.exitCode).toBeNull(); // still finishing the request
    socket.write(body.slice(10));
    await closed;
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    // the first page of the documents, by id, and the count of all five
    expect(reply).toContain('document:bygdevekstavtale-nord-troms');
    expect(reply).toContain('"totalCount":5,"pageInfo":{"hasNextPage":true}');
    expect(reply.match(/"id":"document:/g)).toHaveLength(2);
    // no new connections once it stops
    expect(await exited).toBe(0);
    expect(out).toContain('SIGTERM: finishing requests and closing the store');
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  } finally {
    if (server.exitCode === null) server.kill('SIGKILL');
  }

  const store = EmbeddedStore.open(join(dataDir, 'graph.grafeo'));
  try {
    expect(await store.read(DOCUMENTS)).toHaveLength(5);
    const info = await storeInfo(store);
    expect(info.sizeBytes).toBeGreaterThan(10_000);
    expect(info.lastIngestAt).not.toBeNull();
  } finally {
    await store.close();
  }
}, 150_000);
