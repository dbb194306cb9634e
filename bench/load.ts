/**
 * Each question under load from autocannon against the real server on the embedded store, and the
 * same question called directly in process: requests/s, latency percentiles, errors, and the
 * server's overhead as a ratio of medians (one client at a time, so queueing does not count).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import autocannon from 'autocannon';
import pino from 'pino';
import { createApi } from '../api/server.ts';
import type { GraphStore } from '../graph/store.ts';
import { QueryContext } from '../queries/context.ts';
import { QUESTIONS, type Question } from './questions.ts';
import { round, summarise, type Summary } from './stats.ts';

export interface LoadResult {
  question: string;
  connections: number;
  durationS: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: Summary;
  errors: number;
  /** Sequential requests: the server's median latency, the direct call's, and their ratio. */
  serverMedianMs: number;
  directMedianMs: number;
  overhead: number;
}

export async function startBenchServer(store: GraphStore): Promise<{ url: string; server: Server }> {
  const api = createApi({ store, documentDirs: [], ingest: { token: undefined, maxBytes: 0, uploadsDir: tmpdir() }, logger: pino({ level: 'silent' }) });
  const server = createServer((req, res) => void api.handler(req, res));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

export async function ask(url: string, q: Question): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q.query }) });
  const body = (await response.json()) as { errors?: unknown };
  if (response.status !== 200 || body.errors) throw new Error(`${q.name}: ${JSON.stringify(body).slice(0, 300)}`);
}

/** Median latency of sequential requests, and of direct calls, after a warm-up. */
export async function sequential(url: string, ctx: QueryContext, q: Question, runs: number) {
  await ask(url, q);
  await q.direct(ctx);
  const server: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await ask(url, q);
    server.push(performance.now() - t);
    t = performance.now();
    await q.direct(ctx);
    direct.push(performance.now() - t);
  }
  return { server: summarise(server), direct: summarise(direct) };
}

export async function loadTest(store: GraphStore, options: { connections: number; durationS: number; sequentialRuns: number }): Promise<LoadResult[]> {
  const { url, server } = await startBenchServer(store);
  const ctx = new QueryContext(store);
  const results: LoadResult[] = [];
  try {
    for (const q of QUESTIONS) {
      const seq = await sequential(url, ctx, q, options.sequentialRuns);
      const latencies: number[] = [];
      const result = await autocannon({
        url,
        connections: options.connections,
        duration: options.durationS,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: q.query }),
        setupClient: (client) => client.on('response', (_status: number, _bytes: number, responseTime: number) => latencies.push(responseTime)),
      });
      results.push({
        question: q.name,
        connections: options.connections,
        durationS: options.durationS,
        requests: result.requests.total,
        requestsPerSecond: round(result.requests.average, 0),
        latencyMs: summarise(latencies),
        errors: result.errors + result.timeouts + result.non2xx,
        serverMedianMs: seq.server.median,
        directMedianMs: seq.direct.median,
        overhead: round(seq.server.median / Math.max(seq.direct.median, 0.001), 1),
      });
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return results;
}
