/**
 * npm run bench: ingest per stage, our text layer beside pdftotext, batched against per-fact
 * writes, each API question under load against the direct call, and scaling from 5 to 5,000
 * documents. Writes bench/results/<date>.json and bench/results/scaling.svg.
 *   npm run bench                 the full run (the 5,000-document point takes a while)
 *   npm run bench -- --quick      short load runs and sizes 5, 50, 500
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { collectPdfFiles } from '../ingest/collect-files.ts';
import { ingestExtracted } from '../graph/documents.ts';
import { scalingChart } from './chart.ts';
import { loadTest } from './load.ts';
import { growth, scalePoint, type ScalePoint } from './scaling.ts';
import { openTemporaryStore, stages } from './stages.ts';
import { peakRssMiB, round } from './stats.ts';
import { SyntheticCorpus } from './synthetic.ts';
import { compareTextLayers, ensurePdftotext } from './text-layer.ts';
import { compareWrites } from './writes.ts';
import { extractDocument } from '../ingest/extract/extract.ts';
import { readDocumentFile } from '../ingest/read-document.ts';

const root = join(new URL('.', import.meta.url).pathname, '..');
const options = new Command()
  .option('--quick', 'short load runs (3 s) and sizes up to 500')
  .option('--sizes <list>', 'corpus sizes for the scaling run', (v) => v.split(',').map(Number))
  .option('--duration <s>', 'seconds of load per question', (v) => Number(v))
  .option('--connections <n>', 'concurrent connections of the load', (v) => Number(v), 50)
  .option('--runs <n>', 'repeated runs for the ingest stages', (v) => Number(v), 5)
  .parse()
  .opts<{ quick?: boolean; sizes?: number[]; duration?: number; connections: number; runs: number }>();
const sizes = options.sizes ?? (options.quick ? [5, 50, 500] : [5, 50, 500, 5000]);
const durationS = options.duration ?? (options.quick ? 3 : 20);
const log = (m: string) => process.stderr.write(`${m}\n`);

const corpus = collectPdfFiles([join(root, 'corpus')]);
const result: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: round(totalmem() / 2 ** 30, 1), node: process.version, platform: process.platform },
  command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
};

log('ingest stages on the corpus …');
result.stages = await stages(corpus, options.runs);

log('text layer beside pdftotext …');
result.textLayer = ensurePdftotext() ? await compareTextLayers(corpus, options.runs) : { skipped: 'pdftotext is not installed and could not be installed' };

log('batched against per-fact writes …');
result.writes = await compareWrites(corpus);

log(`each question under load (${options.connections} connections, ${durationS} s) …`);
const store = await openTemporaryStore();
for (const file of corpus) await ingestExtracted(store, extractDocument(await readDocumentFile(file)));
result.load = await loadTest(store, { connections: options.connections, durationS, sequentialRuns: 200 });
await store.close();

log(`scaling: ${sizes.join(', ')} documents …`);
const synthetic = await SyntheticCorpus.load(root);
const cacheDir = join(root, 'bench/.cache/synthetic');
const points: ScalePoint[] = [];
for (const n of sizes) {
  log(` ${n} documents`);
  points.push(await scalePoint(corpus, synthetic, cacheDir, n, 30, log));
}
const growthBetween = points.slice(1).map((p, i) => ({
  from: points[i]!.documents,
  to: p.documents,
  ingest: growth({ n: points[i]!.documents, cost: points[i]!.ingestS }, { n: p.documents, cost: p.ingestS }),
  questions: Object.fromEntries(
    Object.keys(p.questions).map((q) => [q, growth({ n: points[i]!.documents, cost: points[i]!.questions[q]!.latencyMs.median }, { n: p.documents, cost: p.questions[q]!.latencyMs.median })]),
  ),
}));
result.scaling = { points, growth: growthBetween };
result.peakRssMiB = peakRssMiB();

const dir = join(root, 'bench/results');
mkdirSync(dir, { recursive: true });
const out = join(dir, `${String(result.date).slice(0, 10)}.json`);
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(dir, 'scaling.svg'), scalingChart(points));
log(`wrote ${out} and ${join(dir, 'scaling.svg')}`);
console.log(JSON.stringify({ stages: result.stages, textLayer: result.textLayer, writes: result.writes }, null, 2));
console.table((result.load as { question: string; requestsPerSecond: number; latencyMs: { median: number; p95: number; p99: number }; errors: number; overhead: number }[]).map((l) => ({ question: l.question, 'req/s': l.requestsPerSecond, p50: l.latencyMs.median, p95: l.latencyMs.p95, p99: l.latencyMs.p99, errors: l.errors, overhead: l.overhead })));
console.table(points.map((p) => ({ documents: p.documents, ingestS: p.ingestS, msPerDoc: p.msPerDocument, firstTenth: p.firstTenthMsPerDocument, lastTenth: p.lastTenthMsPerDocument, rssMiB: p.peakRssMiB })));
console.log(JSON.stringify(growthBetween));
