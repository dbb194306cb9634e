/**
 * How the server serves: the source PDFs with HEAD, byte ranges, ETag and revalidation (as PDF
 * viewers ask for them); this machine only unless HOST says otherwise; no cross-origin calls
 * unless CORS_ORIGINS names origins; a log line per request with its operations, duration and
 * the codes of the errors in its answer.
 */
import { statSync } from 'node:fs';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../api/server.ts';
import { ConfigError, loadConfig } from '../cli/config.ts';
import { startTestServer, type TestServer } from './helpers/api.ts';
import { corpusDir, corpusPath } from './helpers/corpus.ts';
import { temporaryStore } from './helpers/store.ts';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
}, 120_000);
afterAll(async () => {
  await api?.close();
});

const doc = '/documents/bygdevekstavtale-nord-troms.pdf';

describe('/documents/', () => {
  it('answers HEAD with the length, type, ETag and caching headers, and no body', async () => {
    const r = await fetch(`${api.url}${doc}`, { method: 'HEAD' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(Number(r.headers.get('content-length'))).toBe(statSync(corpusPath('bygdevekstavtale-nord-troms.pdf')).size);
    expect(r.headers.get('accept-ranges')).toBe('bytes');
    expect(r.headers.get('etag')).toMatch(/^W?\/?".+"$/);
    expect(r.headers.get('last-modified')).toBeTruthy();
    expect(r.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(r.headers.get('content-disposition')).toBe('inline; filename="bygdevekstavtale-nord-troms.pdf"; filename*=UTF-8\'\'bygdevekstavtale-nord-troms.pdf');
    expect((await r.arrayBuffer()).byteLength).toBe(0);
  });

  it('serves a byte range as 206, and a range past the end as 416', async () => {
    const r = await fetch(`${api.url}${doc}`, { headers: { range: 'bytes=0-7' } });
    expect(r.status).toBe(206);
    expect(r.headers.get('content-range')).toMatch(/^bytes 0-7\/\d+$/);
    expect(Buffer.from(await r.arrayBuffer()).toString('latin1')).toMatch(/^%PDF-1\.\d/);
    const size = statSync(corpusPath('bygdevekstavtale-nord-troms.pdf')).size;
    const tail = await fetch(`${api.url}${doc}`, { headers: { range: `bytes=${size - 5}-` } });
    expect(tail.status).toBe(206);
    expect((await tail.arrayBuffer()).byteLength).toBe(5);
    expect((await fetch(`${api.url}${doc}`, { headers: { range: `bytes=${size + 10}-` } })).status).toBe(416);
  });

  it('answers 304 to a request that holds the current ETag, 200 to a stale one', async () => {
    // node:http, as a viewer sends it: fetch adds Cache-Control: no-cache to a conditional request
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => get(`${api.url}${doc}`, { headers }, (res) => (res.resume(), resolve(res.statusCode!))).on('error', reject));
    const etag = (await fetch(`${api.url}${doc}`, { method: 'HEAD' })).headers.get('etag')!;
    expect(await status({ 'if-none-match': etag })).toBe(304);
    expect(await status({ 'if-none-match': '"stale"' })).toBe(200);
  });

  it('still serves nothing but the PDFs of its folders', async () => {
    for (const path of ['/documents/..%2Fmanifest.json', '/documents/manifest.json', '/documents/nope.pdf', '/documents/%2e%2e%2fpackage.json']) {
      expect((await fetch(`${api.url}${path}`)).status, path).toBe(404);
    }
  });
});

describe('cross-origin calls', () => {
  const preflight = (url: string, origin: string) =>
    fetch(`${url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

  it('are refused by default: no Access-Control-Allow-Origin for any origin', async () => {
    const r = await preflight(api.url, 'https://elsewhere.example');
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    expect(r.headers.get('access-control-allow-credentials')).toBeNull();
    const post = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { origin: 'https://elsewhere.example', 'content-type': 'application/json' }, body: '{"query":"{ themes { theme } }"}' });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('are allowed for the origins CORS_ORIGINS names, and only those, without credentials', async () => {
    const store = await temporaryStore();
    const server = await startServer({ store, port: 0, documentDirs: [corpusDir], ingest: { token: undefined, maxBytes: 1024, uploadsDir: '/nonexistent' }, logger: pino({ level: 'silent' }), corsOrigins: loadConfig({ CORS_ORIGINS: 'https://kart.example.no' }).server.corsOrigins });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const allowed = await preflight(url, 'https://kart.example.no');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://kart.example.no');
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      const other = await preflight(url, 'https://elsewhere.example');
      expect(other.headers.get('access-control-allow-origin')).not.toBe('https://elsewhere.example');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    }
  });

  it('names a bad origin or host as a setting', () => {
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(ConfigError);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example/path' })).toThrow(/CORS_ORIGINS: "https:\/\/a\.example\/path" is not an origin/);
    expect(() => loadConfig({ HOST: 'not a host' })).toThrow(/^HOST: must be an IP address/);
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/^LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent$/);
    expect(loadConfig({}).server).toMatchObject({ host: '127.0.0.1', corsOrigins: [] });
  });
});

describe('startServer', () => {
  it('listens on 127.0.0.1 unless told otherwise', async () => {
    const store = await temporaryStore();
    const server = await startServer({ store, port: 0, documentDirs: [corpusDir], ingest: { token: undefined, maxBytes: 1024, uploadsDir: '/nonexistent' }, logger: pino({ level: 'silent' }) });
    try {
      expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    }
  });
});

describe('request logs', () => {
  it('name the operations, the duration and the codes of the errors a 200 carries', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const logged = await startTestServer({ corpus: false, logger: pino({ level: 'info' }, sink) });
    try {
      await logged.gql('query Themes { themes { theme } }');
      const failed = await logged.gql('query WhoIsThat { pilotsInvolving(party: "Ingen slik etat") { totalCount items { pilot { name } } } }');
      expect(failed.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const requests = lines.filter((l) => l.msg === 'request');
      expect(requests[0]).toMatchObject({ method: 'POST', path: '/graphql', status: 200, operations: ['query Themes'] });
      expect(requests[0]).not.toHaveProperty('errors');
      expect(typeof requests[0]!.ms).toBe('number');
      expect(requests[1]).toMatchObject({ status: 200, operations: ['query WhoIsThat'], errors: ['NOT_FOUND'] });
    } finally {
      await logged.close();
    }
  });
});
