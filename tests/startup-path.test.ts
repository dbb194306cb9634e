/**
 * The start's path to a healthy server: /health and the first question are answered before the
 * work of the start that no request needs (the warm-up, the explorer's bundle), which waits until
 * requests stop coming (RequestActivity); a question asked before that work is answered as after.
 */
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { ServerResponse } from 'node:http';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_DEFER_MS, QUIET_MS, RequestActivity, startServer } from '../api/server.ts';
import { ingestExtracted } from '../graph/documents.ts';
import type { EmbeddedStore } from '../graph/embedded-store.ts';
import { corpusDir } from './helpers/corpus.ts';
import { extractCorpus, temporaryStore } from './helpers/store.ts';

describe('RequestActivity.whenQuiet', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const fakeTime = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  /** A response whose 'close' ends its request. */
  const response = () => new EventEmitter() as unknown as ServerResponse;

  it('runs the work once no request came for QUIET_MS, and only once', () => {
    fakeTime();
    const work = vi.fn();
    new RequestActivity().whenQuiet(work);
    vi.advanceTimersByTime(QUIET_MS - 1);
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(work).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10 * MAX_DEFER_MS);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('waits while a request is in flight, and for QUIET_MS after the last began', () => {
    fakeTime();
    const activity = new RequestActivity();
    const work = vi.fn();
    activity.whenQuiet(work);
    const slow = response();
    activity.began(slow);
    vi.advanceTimersByTime(3 * QUIET_MS);
    expect(work).not.toHaveBeenCalled();
    (slow as unknown as EventEmitter).emit('close');
    const next = response();
    activity.began(next);
    (next as unknown as EventEmitter).emit('close');
    vi.advanceTimersByTime(QUIET_MS - 1);
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(QUIET_MS);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('is postponed by a steady stream of requests no longer than MAX_DEFER_MS', () => {
    fakeTime();
    const activity = new RequestActivity();
    const work = vi.fn();
    activity.whenQuiet(work);
    for (let ms = 0; ms < MAX_DEFER_MS - 10; ms += 10) {
      const res = response();
      activity.began(res);
      (res as unknown as EventEmitter).emit('close');
      vi.advanceTimersByTime(10);
    }
    expect(work).not.toHaveBeenCalled();
    const res = response();
    activity.began(res);
    vi.advanceTimersByTime(10);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('never runs once cancelled', () => {
    fakeTime();
    const work = vi.fn();
    const cancel = new RequestActivity().whenQuiet(work);
    vi.advanceTimersByTime(QUIET_MS / 2);
    cancel();
    vi.advanceTimersByTime(10 * MAX_DEFER_MS);
    expect(work).not.toHaveBeenCalled();
  });
});

describe('startServer before its warm-up', () => {
  let store: EmbeddedStore;
  beforeAll(async () => {
    store = await temporaryStore();
    for (const x of await extractCorpus()) await ingestExtracted(store, x);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it('answers /health, a question, GraphiQL, a source PDF and a download on its first requests', async () => {
    const server = await startServer({ store, port: 0, documentDirs: [corpusDir], ingest: { token: undefined, maxBytes: 1024, uploadsDir: '/nonexistent' }, logger: pino({ level: 'silent' }) });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // asked together, at once: none waits on the warm-up, and each answers what it would after it
      const [health, question, graphiql, pdf, downloads] = await Promise.all([
        fetch(`${url}/health`).then(async (r) => ({ status: r.status, body: (await r.json()) as { status: string; documents: number } })),
        fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ search(text: "bustad", limit: 5) { items { text } } }' }) }).then(
          async (r) => (await r.json()) as { data?: { search: { items: { text: string }[] } }; errors?: unknown[] },
        ),
        fetch(`${url}/graphql`, { headers: { accept: 'text/html' } }).then(async (r) => ({ status: r.status, html: await r.text() })),
        fetch(`${url}/documents/bygdevekstavtale-nord-troms.pdf`).then(async (r) => ({ status: r.status, head: Buffer.from(await r.arrayBuffer()).subarray(0, 5).toString('latin1') })),
        fetch(`${url}/export/`).then(async (r) => ({ status: r.status, body: (await r.json()) as { downloads: string[] } })),
      ]);
      expect(health).toMatchObject({ status: 200, body: { status: 'ok', documents: 5 } });
      expect(question.errors).toBeUndefined();
      expect(question.data!.search.items.length).toBeGreaterThan(0);
      expect(graphiql.status).toBe(200);
      expect(graphiql.html).toContain('Agreement knowledge graph');
      expect(pdf).toEqual({ status: 200, head: '%PDF-' });
      expect(downloads.status).toBe(200);
      expect(downloads.body.downloads.every((d) => d.startsWith('/export/'))).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
