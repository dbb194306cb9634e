/**
 * The server's own edges: the response cache is bounded in bytes; an upload without the token is
 * refused before its body is read, so thirty large posts cost no memory; the small cases that gave
 * 500s or wrong headers (a bad percent-escape, names outside Latin-1 or with a quote, a string
 * for `file`, a token with white space) give clear answers.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type ServerOptions } from '../api/server.ts';
import { ConfigError, loadConfig } from '../cli/config.ts';
import { ingestExtracted } from '../graph/documents.ts';
import type { EmbeddedStore } from '../graph/embedded-store.ts';
import { corpusDir } from './helpers/corpus.ts';
import { extractCorpus, temporaryStore } from './helpers/store.ts';

const TOKEN = 'server-edges-token';
let store: EmbeddedStore;
beforeAll(async () => {
  store = await temporaryStore();
  for (const x of await extractCorpus()) await ingestExtracted(store, x);
});
afterAll(async () => store.close());

interface Running {
  url: string;
  port: number;
  api: ReturnType<typeof createApi>;
  close(): Promise<void>;
}

async function serve(limits: ServerOptions['limits'] = {}, documentDirs = [corpusDir]): Promise<Running> {
  const uploadsDir = join(mkdtempSync(join(tmpdir(), 'kg-edges-')), 'uploads');
  const api = createApi({ store, documentDirs: [...documentDirs, uploadsDir], ingest: { token: TOKEN, maxBytes: 20 * 1024 * 1024, uploadsDir }, logger: pino({ level: 'silent' }), limits });
  const server: Server = createServer((req, res) => void api.handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    api,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function gql(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started, body: JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

/** A large answer (a hundred sub-goals with their partners and sentences); each `n` gives another answer. */
const LARGE =
  'query($n: Int!) { subGoals(limit: 100) { totalCount items { id title themes agreement { title } partners { party { name aliases } evidence { quote } } evidence { quote } } } obligations(limit: 100, offset: $n) { totalCount pageInfo { offset limit hasNextPage } items { id action evidence { quote } } } }';

type LargeAnswer = { obligations: { totalCount: number; pageInfo: { offset: number; limit: number; hasNextPage: boolean }; items: { id: string }[] } };

describe('the response cache', () => {
  it('holds at most its bound in bytes, however many distinct large answers are asked for', async () => {
    const cap = 2 * 1024 * 1024;
    const server = await serve({ cachedBytes: cap });
    try {
      const sizes: number[] = [];
      const pages: LargeAnswer['obligations'][] = [];
      for (let n = 0; n < 40; n++) {
        const r = await gql(server.url, LARGE, { n });
        expect(r.body.errors).toBeUndefined();
        sizes.push(r.text.length);
        pages.push((r.body.data as LargeAnswer).obligations);
      }
      // each `n` is another page of the same list: it starts n items in, and counts the whole list
      const total = pages[0]!.totalCount;
      expect(total).toBeGreaterThan(40);
      pages.forEach((p, n) => {
        expect(p.totalCount).toBe(total);
        expect(p.pageInfo).toEqual({ offset: n, limit: 100, hasNextPage: n + p.items.length < total });
        expect(p.items).toHaveLength(Math.min(100, total - n));
        if (n > 0) expect(p.items.slice(0, -1)).toEqual(pages[n - 1]!.items.slice(1, p.items.length));
      });
      const cache = server.api.responseCache!;
      console.log(`response cache: 40 answers of ~${Math.round(sizes[0]! / 1024)} KB, ${cache.entries} kept, ${(cache.bytes / 2 ** 20).toFixed(2)} MB of a ${cap / 2 ** 20} MB bound`);
      expect(cache.bytes).toBeLessThanOrEqual(cap);
      expect(cache.entries).toBeGreaterThan(0);
      expect(cache.entries).toBeLessThan(40);
      // a kept answer is served again, the same
      const again = await gql(server.url, LARGE, { n: 39 });
      expect(again.text).toBe((await gql(server.url, LARGE, { n: 39 })).text);
    } finally {
      await server.close();
    }
  });

  it('does not keep an answer larger than an eighth of its bound', async () => {
    const server = await serve({ cachedBytes: 64 * 1024 });
    try {
      await gql(server.url, LARGE, { n: 1 });
      expect(server.api.responseCache!.entries).toBe(0);
      await gql(server.url, '{ themes { theme } }');
      expect(server.api.responseCache!.entries).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe('uploads without the token', () => {
  it('are refused before their body is read: thirty 24 MB posts cost the server next to no memory', async () => {
    const server = await serve();
    try {
      const declared = 24 * 1024 * 1024;
      const chunk = Buffer.alloc(1024 * 1024, 0x41);
      global.gc?.();
      const before = process.memoryUsage();
      let peak = before.heapUsed + before.arrayBuffers;
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        peak = Math.max(peak, m.heapUsed + m.arrayBuffers);
      }, 5);
      const started = performance.now();
      const replies = await Promise.all(
        Array.from({ length: 30 }, () =>
          new Promise<{ reply: string; sent: number }>((resolve) => {
            const socket = connect(server.port, '127.0.0.1');
            let reply = '';
            let sent = 0;
            const done = () => resolve({ reply, sent });
            socket.on('data', (d: Buffer) => (reply += d.toString('latin1')));
            socket.on('close', done);
            socket.on('error', done);
            socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nx-graphql-yoga-csrf: 1\r\nContent-Length: ${declared}\r\n\r\n`);
            // the whole body, from one reused buffer, for as long as the server takes it
            const pump = () => {
              while (sent < declared && !reply) {
                sent += chunk.length;
                if (!socket.write(chunk)) return void socket.once('drain', pump);
              }
              if (!reply) socket.end();
            };
            pump();
          }),
        ),
      );
      clearInterval(sampler);
      const ms = performance.now() - started;
      const grown = (peak - (before.heapUsed + before.arrayBuffers)) / 2 ** 20;
      console.log(`30 unauthenticated 24 MB posts: answered in ${Math.round(ms)} ms, heap + buffers +${grown.toFixed(1)} MB`);
      for (const { reply } of replies) {
        expect(reply).toMatch(/^HTTP\/1\.1 401/);
        expect(reply).toContain('UNAUTHORIZED');
      }
      expect(grown).toBeLessThan(256);
      // the server still answers at once
      expect((await gql(server.url, '{ themes { theme } }')).body.errors).toBeUndefined();
    } finally {
      await server.close();
    }
  }, 60_000);

  it('refuses a non-upload body over its own limit without reading it', async () => {
    const server = await serve({ maxQueryBodyBytes: 1024 });
    try {
      const r = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ themes { theme } } # ${'x'.repeat(4000)}` }) });
      expect(r.status).toBe(413);
    } finally {
      await server.close();
    }
  });
});

describe('small cases that gave 500s or broken headers', () => {
  let server: Running;
  beforeAll(async () => {
    const extra = mkdtempSync(join(tmpdir(), 'kg-names-'));
    for (const name of ['a"b.pdf', 'avtale-æøå-😀.pdf', 'back\\slash.pdf']) writeFileSync(join(extra, name), '%PDF-1.7\n');
    server = await serve({}, [corpusDir, extra]);
  });
  afterAll(async () => server.close());

  it('answers a bad percent-escape in /documents/ with 400, not 500', async () => {
    for (const path of ['/documents/%', '/documents/%E0%A4%A', '/documents/a%00.pdf']) {
      const r = await fetch(`${server.url}${path}`);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
    }
  });

  it('serves names with a quote, a backslash or letters outside Latin-1 with a header that says them right', async () => {
    for (const name of ['a"b.pdf', 'avtale-æøå-😀.pdf', 'back\\slash.pdf']) {
      const r = await fetch(`${server.url}/documents/${encodeURIComponent(name)}`);
      expect(r.status, name).toBe(200);
      const header = r.headers.get('content-disposition')!;
      const plain = /filename="([^"]*)"/.exec(header)![1]!;
      expect(plain, name).not.toMatch(/["\\]/);
      expect(decodeURIComponent(/filename\*=UTF-8''(\S+)/.exec(header)![1]!), name).toBe(name);
    }
  });

  it('answers file: "x" in JSON with BAD_USER_INPUT naming the argument', async () => {
    const r = await gql(server.url, 'mutation { ingestDocument(file: "x") { status } }', {}, { authorization: `Bearer ${TOKEN}`, 'x-graphql-yoga-csrf': '1' });
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'file' });
    expect(r.body.errors?.[0]?.message).toMatch(/multipart/);
  });

  it('refuses at start a token that no client could send', () => {
    for (const token of ['two words', ' leading', 'trailing\n', 'tab\there']) {
      const error = (() => {
        try {
          loadConfig({ KG_INGEST_TOKEN: token });
        } catch (e) {
          return e;
        }
      })();
      expect(error, JSON.stringify(token)).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).setting).toBe('KG_INGEST_TOKEN');
    }
    expect(loadConfig({ KG_INGEST_TOKEN: 'a-good_token.1~' }).server.ingestToken).toBe('a-good_token.1~');
  });
});
