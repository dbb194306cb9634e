/**
 * npm run bench: ingest per stage, our text layer beside pdftotext, batched against per-fact
 * writes, each API question under load against the direct call, scaling from 5 to 5,000
 * documents, and the embedded store beside Neo4j (the corpus and 500 documents). Writes
 * bench/results/<date>.json and bench/results/scaling.svg.
 *   npm run bench                 the full run (the 5,000-document point takes a while)
 *   npm run bench -- --quick      short load runs and sizes 5, 50, 500
 *   npm run bench -- --sections load,text    only those parts; the day's results file keeps the others
 *   npm run bench -- --sections backends --backend-sizes 5,500   the two backends side by side
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { Command } from 'commander';
import { collectPdfFiles } from '../cli/collect-files.ts';
import { scalingChart } from './chart.ts';
import { loadTest, type LoadResult } from './load.ts';
import { growth, scalePoint, type ScalePoint } from './scaling.ts';
import { stages, type StageResult } from './stages.ts';
import { peakRssMiB, round } from './stats.ts';
import { SyntheticCorpus } from './synthetic.ts';
import { compareTextLayers, ensurePdftotext, type TextLayerResult } from './text-layer.ts';
import { compareWrites } from './writes.ts';
import { compareBackends, type BackendsResult } from './backends.ts';
import { ingestBytes } from '../pipeline/ingest-bytes.ts';
import { openScratchStore, removeScratchStore } from './scratch-store.ts';

const root = join(new URL('.', import.meta.url).pathname, '..');
const SECTIONS = ['stages', 'text', 'writes', 'load', 'scaling', 'backends'] as const;
const options = new Command()
  .option('--quick', 'short load runs (3 s) and sizes up to 500')
  .option('--sizes <list>', 'corpus sizes for the scaling run', (v) => v.split(',').map(Number))
  .option('--duration <s>', 'seconds of load per question', (v) => Number(v))
  .option('--connections <n>', 'concurrent connections of the load', (v) => Number(v), 50)
  .option('--runs <n>', 'repeated runs for the ingest stages', (v) => Number(v), 5)
  .option('--backend-sizes <list>', 'corpus sizes for the embedded store beside Neo4j', (v) => v.split(',').map(Number))
  .option('--sections <list>', `parts to run, of ${SECTIONS.join(', ')} (none: only recompute the targets from the day's results)`, (v) => v.split(',').filter(Boolean), [...SECTIONS])
  .parse()
  .opts<{ quick?: boolean; sizes?: number[]; backendSizes?: number[]; duration?: number; connections: number; runs: number; sections: string[] }>();
const unknown = options.sections.filter((s) => !(SECTIONS as readonly string[]).includes(s));
if (unknown.length > 0) {
  process.stderr.write(`unknown section ${unknown.join(', ')}: choose from ${SECTIONS.join(', ')}\n`);
  process.exit(2);
}
const run = (section: (typeof SECTIONS)[number]) => options.sections.includes(section);
const sizes = options.sizes ?? (options.quick ? [5, 50, 500] : [5, 50, 500, 5000]);
const durationS = options.duration ?? (options.quick ? 3 : 20);
const log = (m: string) => process.stderr.write(`${m}\n`);

const corpus = collectPdfFiles([join(root, 'corpus')]);
const dir = join(root, 'bench/results');
const out = join(dir, `${new Date().toISOString().slice(0, 10)}.json`);
// A run of some sections keeps the day's other sections; each section says when and how it was measured.
const result: Results = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Results) : {};
result.machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: round(totalmem() / 2 ** 30, 1), node: process.version, platform: process.platform };
const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
const measured = <T extends object>(value: T) => ({ measuredAt: new Date().toISOString(), command, ...value });

function save(): void {
  result.targets = targets(result);
  mkdirSync(dir, { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
}

/** Growth exponents between consecutive sizes, for ingest and each question answered at both. */
function growthBetween(points: ScalePoint[]) {
  return points.slice(1).map((p, i) => {
    const prev = points[i]!;
    return {
      from: prev.documents,
      to: p.documents,
      ingest: growth({ n: prev.documents, cost: prev.ingestS }, { n: p.documents, cost: p.ingestS }),
      questions: Object.fromEntries(
        Object.keys(p.questions)
          .filter((q) => prev.questions[q])
          .map((q) => [q, growth({ n: prev.documents, cost: prev.questions[q]!.latencyMs.median }, { n: p.documents, cost: p.questions[q]!.latencyMs.median })]),
      ),
    };
  });
}

if (run('stages')) {
  log('ingest stages on the corpus …');
  result.stages = measured(await stages(corpus, options.runs));
}
if (run('text')) {
  log('text layer beside pdftotext …');
  result.textLayer = measured(ensurePdftotext() ? await compareTextLayers(corpus, options.runs) : { skipped: 'pdftotext is not installed and could not be installed' });
}
if (run('writes')) {
  log('batched against per-fact writes …');
  result.writes = measured(await compareWrites(corpus));
}
if (run('load')) {
  log(`each question under load (${options.connections} connections, ${durationS} s) …`);
  const store = await openScratchStore();
  for (const file of corpus) await ingestBytes(store, readFileSync(file), basename(file));
  result.load = measured({ questions: await loadTest(store, { connections: options.connections, durationS, sequentialRuns: 200 }) });
  await removeScratchStore(store);
}
if (run('scaling')) {
  log(`scaling: ${sizes.join(', ')} documents …`);
  const synthetic = await SyntheticCorpus.load(root);
  const cacheDir = join(root, 'bench/.cache/synthetic');
  const points: ScalePoint[] = [];
  for (const n of sizes) {
    log(` ${n} documents`);
    points.push(await scalePoint(corpus, synthetic, cacheDir, n, 30, log));
    // saved after every size: the largest takes long
    result.scaling = measured({ points, growth: growthBetween(points), peakRssMiB: peakRssMiB() });
    save();
    writeFileSync(join(dir, 'scaling.svg'), scalingChart(points));
  }
}
if (run('backends')) {
  const backendSizes = options.backendSizes ?? [corpus.length, 500];
  log(`the embedded store beside Neo4j: ${backendSizes.join(', ')} documents …`);
  const synthetic = await SyntheticCorpus.load(root);
  result.backends = measured(await compareBackends(corpus, synthetic, join(root, 'bench/.cache/synthetic'), backendSizes, options.quick ? 30 : 100, log));
  save();
  if ('points' in result.backends) {
    console.table(
      result.backends.points.flatMap((p) => [
        { documents: p.documents, what: 'ingest (s)', embedded: p.embedded.ingestS, neo4j: p.neo4j.ingestS, ratio: p.ratio.ingest },
        ...Object.entries(p.ratio.questions).map(([q, r]) => ({ documents: p.documents, what: `${q} p50 / p99 (ms)`, embedded: `${p.embedded.questions[q]!.median} / ${p.embedded.questions[q]!.p99}`, neo4j: `${p.neo4j.questions[q]!.median} / ${p.neo4j.questions[q]!.p99}`, ratio: `${r.p50} / ${r.p99}` })),
      ]),
    );
  }
}
save();
log(`wrote ${out}${run('scaling') ? ` and ${join(dir, 'scaling.svg')}` : ''}`);
console.table(result.targets);

interface Results {
  machine?: Record<string, unknown>;
  stages?: StageResult;
  textLayer?: TextLayerResult | { skipped: string };
  writes?: object;
  load?: { questions: LoadResult[] };
  scaling?: { points: ScalePoint[]; growth: { from: number; to: number; ingest: number; questions: Record<string, number> }[] };
  backends?: BackendsResult;
  targets?: Target[];
}

interface Target {
  target: string;
  measured: string;
  met: boolean;
}

/** The issue's targets against what the results hold. */
function targets(r: Results): Target[] {
  const list: Target[] = [];
  const add = (target: string, measured: string, met: boolean) => list.push({ target, measured, met });
  if (r.stages) add('whole corpus, PDF to queryable graph < 3 s', `${round(r.stages.wholeMs.median / 1000)} s`, r.stages.wholeMs.median < 3000);
  if (r.textLayer && 'timeRatio' in r.textLayer) {
    add('text layer time per page ≤ 3× pdftotext', `${r.textLayer.timeRatio}×`, r.textLayer.timeRatio <= 3);
    add('text agreement with the sources (word F1) ≥ 0.99', `${r.textLayer.oursF1}`, r.textLayer.oursF1 >= 0.99);
  }
  for (const q of r.load?.questions ?? []) {
    add(`${q.question}: p99 < 20 ms at ${q.connections} connections, 0 errors`, `p99 ${q.latencyMs.p99} ms, ${q.errors} errors`, q.latencyMs.p99 < 20 && q.errors === 0);
    add(`${q.question}: server overhead < 2×`, `${q.overhead}× (${q.overheadUncached}× without the response cache)`, q.overhead < 2);
  }
  const points = r.scaling?.points ?? [];
  const largest = points.at(-1);
  if (largest && points.length > 1) {
    const steps = growthBetween(points);
    const steepest = steps.reduce((a, b) => (b.ingest > a.ingest ? b : a));
    add(
      `ingest grows no worse than linearly (${points[0]!.documents} → ${largest.documents} documents)`,
      `log-log slope ${steepest.ingest} from ${steepest.from} to ${steepest.to} documents (the steepest step); ms per document ${largest.firstTenthMsPerDocument} in the first tenth of ${largest.documents}, ${largest.lastTenthMsPerDocument} in the last`,
      steepest.ingest <= 1.05,
    );
    for (const [name, q] of Object.entries(largest.questions)) {
      add(`${name}: p99 < 100 ms at ${largest.documents} documents`, `p99 ${q.latencyMs.p99} ms (first request ${q.firstMs} ms)`, q.latencyMs.p99 < 100);
    }
    for (const [name, error] of Object.entries(largest.failed ?? {})) add(`${name}: p99 < 100 ms at ${largest.documents} documents`, `failed: ${error}`, false);
  }
  return list;
}
