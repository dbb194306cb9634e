/**
 * Latency of each API question on the corpus: the example operations of GraphiQL, sent over
 * HTTP one at a time to a real server on a temporary embedded store. Reports the first (cold)
 * request and the median and 95th percentile of the following runs (the answer cache warm).
 *   npm run bench            (or: tsx bench/api-latency.ts [--runs N])
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import pino from 'pino';
import { createApi } from '../api/server.ts';
import { ingestExtracted } from '../graph/documents.ts';
import { EmbeddedStore } from '../graph/embedded-store.ts';
import { collectPdfFiles } from '../ingest/collect-files.ts';
import { extractDocument } from '../ingest/extract/extract.ts';
import { readDocumentFile } from '../ingest/read-document.ts';

const root = join(new URL('.', import.meta.url).pathname, '..');
const { runs } = new Command().option('--runs <n>', 'timed runs per question', (v) => Number(v), 200).parse().opts<{ runs: number }>();

const store = EmbeddedStore.open(join(mkdtempSync(join(tmpdir(), 'kg-bench-')), 'graph.grafeo'));
await store.ensureSchema();
for (const file of collectPdfFiles([join(root, 'corpus')])) await ingestExtracted(store, extractDocument(await readDocumentFile(file)));
const api = createApi({ store, documentDirs: [], ingest: { token: undefined, maxBytes: 0, uploadsDir: tmpdir() }, logger: pino({ level: 'silent' }) });
const server = createServer((req, res) => void api.handler(req, res));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

const examples = readFileSync(join(root, 'api/examples.graphql'), 'utf8');
const operations = [...examples.matchAll(/^query (\w+)/gm)].map((m) => m[1]!);
const send = async (operationName: string) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: examples, operationName }) });
  const body = (await response.json()) as { errors?: unknown[] };
  if (response.status !== 200 || body.errors) throw new Error(`${operationName} failed: ${JSON.stringify(body).slice(0, 300)}`);
};

const rows = [];
for (const name of operations) {
  const cold = performance.now();
  await send(name);
  const first = performance.now() - cold;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await send(name);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  rows.push({ question: name, firstMs: round(first), medianMs: round(at(0.5)), p95Ms: round(at(0.95)), runs });
}
console.table(rows);

const result = { date: new Date().toISOString(), machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: round(totalmem() / 2 ** 30), node: process.version }, runs, questions: rows };
mkdirSync(join(root, 'bench/results'), { recursive: true });
const out = join(root, 'bench/results', `api-latency-${result.date.slice(0, 10)}.json`);
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote ${out}`);
server.close();
await store.close();

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
