/**
 * Each question under load from autocannon (in a second process) against the real server on the
 * embedded store, then the same load against a bare graphql-yoga server (the peer), and the same
 * question called directly in process: requests/s, latency percentiles, errors, the p99 as a
 * ratio to the peer's, and the server's overhead as a ratio of medians.
 */
import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import pino from 'pino';
import { createApi, keepAnswersWarm } from '../api/server.ts';
import type { GraphStore } from '../graph/store.ts';
import { QueryContext } from '../queries/context.ts';
import type { LoadReply, LoadRequest } from './load-client.ts';
import { PEER_QUERY, startPeerServer } from './peer-server.ts';
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
  /** The bare graphql-yoga server (bench/peer-server.ts) under the same load, just before or after. */
  peerLatencyMs: Summary;
  /** Our p99 over the peer's. */
  p99RatioToPeer: number;
  /**
   * One request at a time (so queueing does not count): the median latency of the server as
   * deployed (answers kept by its response cache), of the server with that cache off (every
   * request parsed, validated and executed), and of the direct call into queries/; the overheads
   * are the ratios of the two servers' medians to the direct call's.
   */
  serverMedianMs: number;
  serverUncachedMedianMs: number;
  directMedianMs: number;
  overhead: number;
  overheadUncached: number;
}

/**
 * The API server as `npm start` configures it, or with its response cache turned off; answered
 * once what it computes at start (the search index, the meaning models …) is ready, as `npm start`
 * is by the time a user asks. `warmS` says how long that took.
 */
export async function startBenchServer(store: GraphStore, options: { responseCache?: boolean } = {}): Promise<{ url: string; server: Server; warmS: number }> {
  const api = createApi({
    store,
    documentDirs: [],
    ingest: { token: undefined, maxBytes: 0, uploadsDir: tmpdir() },
    logger: pino({ level: 'silent' }),
    ...(options.responseCache === false ? { limits: { cachedResponses: 0 } } : {}),
  });
  const started = performance.now();
  await keepAnswersWarm(api);
  const warmS = Math.round(performance.now() - started) / 1000;
  const server = createServer((req, res) => void api.handler(req, res));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server, warmS };
}

export async function ask(url: string, q: Question): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q.query }) });
  const body = (await response.json()) as { errors?: unknown };
  if (response.status !== 200 || body.errors) throw new Error(`${q.name}: ${JSON.stringify(body).slice(0, 300)}`);
}

/**
 * Latency of sequential requests after a warm-up, over HTTP only: the scaling and backends runs
 * hold no second query context, whose caches would double the process's memory and its pauses.
 */
export async function overHttp(url: string, q: Question, runs: number): Promise<Summary> {
  await ask(url, q);
  const server: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await ask(url, q);
    server.push(performance.now() - t);
  }
  return summarise(server);
}

/** Latency of sequential requests, and of direct calls, after a warm-up. */
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
  const uncached = await startBenchServer(store, { responseCache: false });
  const peer = await startPeerServer();
  const ctx = new QueryContext(store);
  const results: LoadResult[] = [];
  try {
    for (const q of QUESTIONS) {
      const seq = await sequential(url, ctx, q, options.sequentialRuns);
      const seqUncached = await sequential(uncached.url, ctx, q, options.sequentialRuns);
      const result = await loadFromChild({ url, body: JSON.stringify({ query: q.query }), connections: options.connections, durationS: options.durationS });
      // the peer right after, so that both see the same machine
      const peerResult = await loadFromChild({ url: peer.url, body: JSON.stringify({ query: PEER_QUERY }), connections: options.connections, durationS: options.durationS });
      const latencyMs = summarise(result.latencies);
      const peerLatencyMs = summarise(peerResult.latencies);
      results.push({
        question: q.name,
        connections: options.connections,
        durationS: options.durationS,
        requests: result.requests,
        requestsPerSecond: round(result.requestsPerSecond, 0),
        latencyMs,
        errors: result.errors,
        peerLatencyMs,
        p99RatioToPeer: round(latencyMs.p99 / Math.max(peerLatencyMs.p99, 0.001), 2),
        serverMedianMs: seq.server.median,
        serverUncachedMedianMs: seqUncached.server.median,
        directMedianMs: seq.direct.median,
        overhead: round(seq.server.median / Math.max(seq.direct.median, 0.001), 1),
        overheadUncached: round(seqUncached.server.median / Math.max(seq.direct.median, 0.001), 1),
      });
    }
  } finally {
    for (const s of [server, uncached.server, peer.server]) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
  return results;
}

/** autocannon in a child process (bench/load-client.ts). */
function loadFromChild(request: LoadRequest): Promise<LoadReply> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./load-client.ts', import.meta.url).pathname, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    child.once('message', (reply) => resolve(reply as LoadReply));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`the load client exited with ${code}`)));
    child.send(request);
  });
}
