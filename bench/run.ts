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
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { Command } from 'commander';
import { collectPdfFiles } from '../cli/collect-files.ts';
import { scalingChart } from './chart.ts';
import { loadTest, type LoadResult } from './load.ts';
import { scalePoint, type ScalePoint } from './scaling.ts';
import { growthBetween, targets, updateReadme, type Results } from './targets.ts';
import { stages, type StageResult } from './stages.ts';
import { startup, type StartupResult } from './startup.ts';
import { peakRssMiB, round } from './stats.ts';
import { SyntheticCorpus } from './synthetic.ts';
import { compareTextLayers, ensurePdftotext, type TextLayerResult } from './text-layer.ts';
import { compareWrites } from './writes.ts';
import { compareJobs, type JobsResult } from './jobs.ts';
import { DEFAULT_JOBS } from '../pipeline/extract-pool.ts';
import { compareBackends, type BackendsResult } from './backends.ts';
import { ingestBytes } from '../pipeline/ingest-bytes.ts';
import { openScratchStore, removeScratchStore } from './scratch-store.ts';

const root = join(new URL('.', import.meta.url).pathname, '..');
const SECTIONS = ['startup', 'stages', 'text', 'writes', 'jobs', 'load', 'scaling', 'backends'] as const;
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
// The machines are shared: each section records the 1-minute load average when it began, and is
// marked busy (and warned about) when that was above a quarter of the cores.
const QUIET_LOAD = cpus().length / 4;
interface Began {
  loadAverage: number;
}
function begin(message: string): Began {
  const loadAverage = round(loadavg()[0]!);
  log(message);
  if (loadAverage > QUIET_LOAD) log(`  warning: the machine is not quiet (load average ${loadAverage} on ${cpus().length} cores): read these figures beside their peers of the same run`);
  return { loadAverage };
}
const measured = <T extends object>(began: Began, value: T) => ({
  measuredAt: new Date().toISOString(),
  command,
  loadAverageAtStart: began.loadAverage,
  quiet: began.loadAverage <= QUIET_LOAD,
  ...value,
});

const SECTION_KEY = { startup: 'startup', stages: 'stages', text: 'textLayer', writes: 'writes', jobs: 'jobs', load: 'load', scaling: 'scaling', backends: 'backends' } as const;

/** Writes this run's sections into the day's file as it is now: two runs at once keep each other's sections. */
function save(): void {
  const onDisk: Results = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Results) : {};
  for (const section of SECTIONS) {
    const key = SECTION_KEY[section];
    if (run(section) && result[key]) (onDisk as Record<string, unknown>)[key] = result[key];
  }
  onDisk.machine = result.machine;
  onDisk.targets = targets(onDisk);
  Object.assign(result, onDisk);
  mkdirSync(dir, { recursive: true });
  writeFileSync(out, `${JSON.stringify(onDisk, null, 2)}\n`);
}


if (run('startup')) {
  const began = begin('start-up of the command line and the server, beside node -e 1 and pdftotext …');
  result.startup = measured(began, await startup(root, corpus, options.quick ? 3 : 5, log));
  save();
}
if (run('stages')) {
  const began = begin('ingest stages on the corpus …');
  result.stages = measured(began, await stages(corpus, options.runs));
}
if (run('text')) {
  const began = begin('text layer beside pdftotext …');
  result.textLayer = measured(began, ensurePdftotext() ? await compareTextLayers(corpus, options.runs) : { skipped: 'pdftotext is not installed and could not be installed' });
}
if (run('writes')) {
  const began = begin('batched against per-fact writes …');
  result.writes = measured(began, await compareWrites(corpus));
}
if (run('jobs')) {
  const n = options.quick ? 100 : 500;
  const began = begin(`both cores: ${n} documents with one extraction thread and with ${DEFAULT_JOBS} …`);
  const synthetic = await SyntheticCorpus.load(root);
  const files = [...corpus];
  for (let i = 0; files.length < n; i++) files.push(await synthetic.pdf(i, join(root, 'bench/.cache/synthetic')));
  result.jobs = measured(began, await compareJobs(files, Math.max(2, DEFAULT_JOBS), log));
  save();
}
if (run('load')) {
  const began = begin(`each question under load (${options.connections} connections, ${durationS} s) …`);
  const store = await openScratchStore();
  for (const file of corpus) await ingestBytes(store, readFileSync(file), basename(file));
  result.load = measured(began, { questions: await loadTest(store, { connections: options.connections, durationS, sequentialRuns: 200 }) });
  await removeScratchStore(store);
}
if (run('scaling')) {
  const began = begin(`scaling: ${sizes.join(', ')} documents …`);
  const synthetic = await SyntheticCorpus.load(root);
  const cacheDir = join(root, 'bench/.cache/synthetic');
  const points: ScalePoint[] = [];
  for (const n of sizes) {
    log(` ${n} documents`);
    points.push(await scalePoint(corpus, synthetic, cacheDir, n, 30, log));
    // saved after every size: the largest takes long
    result.scaling = measured(began, { points, growth: growthBetween(points), peakRssMiB: peakRssMiB() });
    save();
    writeFileSync(join(dir, 'scaling.svg'), scalingChart(points, result.backends));
  }
}
if (run('backends')) {
  const backendSizes = options.backendSizes ?? [corpus.length, 500];
  const began = begin(`the embedded store beside Neo4j: ${backendSizes.join(', ')} documents …`);
  const synthetic = await SyntheticCorpus.load(root);
  result.backends = measured(began, await compareBackends(corpus, synthetic, join(root, 'bench/.cache/synthetic'), backendSizes, options.quick ? 30 : 100, log));
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
// the chart from the day's scaling run, with the day's Neo4j points beside it
if (result.scaling) writeFileSync(join(dir, 'scaling.svg'), scalingChart(result.scaling.points, result.backends));
updateReadme(join(root, 'README.md'), dir);
log(`wrote ${out}${result.scaling ? ` and ${join(dir, 'scaling.svg')}` : ''}, and the README's performance tables`);
console.table(result.targets);
