/**
 * What a bench results file holds, the performance targets checked against it, and the README's
 * performance tables written from it (`npm run bench` regenerates them; tests/bench-readme.test.ts
 * checks that the README holds what the latest results say).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendsResult } from './backends.ts';
import type { JobsResult } from './jobs.ts';
import type { LoadResult } from './load.ts';
import { growth, type ScalePoint } from './scaling.ts';
import type { StageResult } from './stages.ts';
import type { StartupResult } from './startup.ts';
import { round } from './stats.ts';
import type { TextLayerResult } from './text-layer.ts';

/** When, how and on how quiet a machine a section was measured. */
export interface Measured {
  measuredAt: string;
  command: string;
  /** The 1-minute load average as the section began. */
  loadAverageAtStart?: number;
  /** Whether that was at most a quarter of the cores. */
  quiet?: boolean;
}

export interface Results {
  machine?: { cpus?: number; cpuModel?: string; memoryGiB?: number; node?: string; platform?: string };
  startup?: StartupResult & Measured;
  stages?: StageResult & Measured;
  textLayer?: (TextLayerResult | { skipped: string }) & Measured;
  writes?: object & Measured;
  jobs?: JobsResult & Measured;
  load?: { questions: LoadResult[] } & Measured;
  scaling?: { points: ScalePoint[]; growth: Growth[]; peakRssMiB?: number } & Measured;
  backends?: BackendsResult & Measured;
  targets?: Target[];
}

export const SECTION_KEYS = ['startup', 'stages', 'textLayer', 'writes', 'jobs', 'load', 'scaling', 'backends'] as const;
type SectionKey = (typeof SECTION_KEYS)[number];

export interface Growth {
  from: number;
  to: number;
  ingest: number;
  questions: Record<string, number>;
}

export interface Target {
  target: string;
  measured: string;
  met: boolean;
}

/** The corpus size the scaling run is projected to. */
export const PROJECT_TO = 50_000;

export interface Projection {
  from: number;
  to: number;
  /** The log-log slope between the two largest measured sizes, and the value it gives at `to`. */
  ingest: { slope: number; s: number };
  /**
   * Memory is a fixed cost and an increment per document (the embedded store holds the graph in
   * memory): carried along the increment between the two largest sizes, as a power law bent by
   * the fixed cost would understate it.
   */
  peakRss: { mibPer1000: number; mib: number };
  questions: Record<string, { slope: number; medianMs: number }>;
}

/** Each figure carried from the largest measured size to PROJECT_TO from the size before (times along their log-log slope, memory along its increment): a straight line, not a promise. */
export function projection(points: ScalePoint[]): Projection | undefined {
  const [a, b] = points.slice(-2);
  if (!a || !b || b.documents <= a.documents) return undefined;
  // carried along the exact slope; both rounded only as they are shown
  const slope = (x: number, y: number) => Math.log(y / x) / Math.log(b.documents / a.documents);
  const carry = (value: number, k: number) => round(value * (PROJECT_TO / b.documents) ** k);
  const ingest = slope(a.ingestS, b.ingestS);
  const perDocument = (b.peakRssMiB - a.peakRssMiB) / (b.documents - a.documents);
  return {
    from: b.documents,
    to: PROJECT_TO,
    ingest: { slope: round(ingest), s: carry(b.ingestS, ingest) },
    peakRss: { mibPer1000: round(perDocument * 1000), mib: round(b.peakRssMiB + perDocument * (PROJECT_TO - b.documents)) },
    questions: Object.fromEntries(
      Object.keys(b.questions)
        .filter((q) => a.questions[q])
        .map((q) => {
          const k = slope(a.questions[q]!.latencyMs.median, b.questions[q]!.latencyMs.median);
          return [q, { slope: round(k), medianMs: carry(b.questions[q]!.latencyMs.median, k) }];
        }),
    ),
  };
}

/** Growth exponents between consecutive sizes, for ingest and each question answered at both. */
export function growthBetween(points: ScalePoint[]): Growth[] {
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

/** " [busy: load 3.1]" after a figure measured on a machine that was not quiet. */
const busy = (section: Measured | undefined) => (section?.quiet === false ? ` [machine busy: load ${section.loadAverageAtStart}]` : '');

/** The targets against what the results hold. */
export function targets(r: Results): Target[] {
  const list: Target[] = [];
  const add = (section: Measured | undefined, target: string, measured: string, met: boolean) => list.push({ target, measured: `${measured}${busy(section)}`, met });
  for (const c of r.startup?.commands ?? []) {
    const peers = `${c.ratioToNode}× node -e 1${c.ratioToPdftotext === undefined ? '' : `, ${c.ratioToPdftotext}× pdftotext on the corpus`}`;
    add(r.startup, `${c.name} ≤ ${c.limitS} s from process start`, `${round(c.wallMs.median / 1000)} s (${peers})`, c.met);
  }
  if (r.stages) add(r.stages, 'whole corpus, PDF to queryable graph < 3 s', `${round(r.stages.wholeMs.median / 1000)} s`, r.stages.wholeMs.median < 3000);
  if (r.textLayer && 'timeRatio' in r.textLayer) {
    add(r.textLayer, 'text layer time per page ≤ 3× pdftotext', `${r.textLayer.timeRatio}×`, r.textLayer.timeRatio <= 3);
    add(r.textLayer, 'text agreement with the sources (word F1) ≥ 0.99', `${r.textLayer.oursF1}`, r.textLayer.oursF1 >= 0.99);
  }
  if (r.jobs) {
    const j = r.jobs;
    add(j, `ingest of ${j.documents} documents with --jobs ${j.jobs} ≥ 1.7× faster than --jobs 1, same export`, `${j.speedup}× (${j.oneJobS} s → ${j.poolS} s), export ${j.sameExport ? 'identical' : 'DIFFERENT'}`, j.speedup >= 1.7 && j.sameExport);
  }
  for (const q of r.load?.questions ?? []) {
    add(
      r.load,
      `${q.question}: p99 ≤ 1.5× a bare graphql-yoga server's at ${q.connections} connections, 0 errors`,
      q.peerLatencyMs ? `p99 ${q.latencyMs.p99} ms, bare yoga ${q.peerLatencyMs.p99} ms: ${q.p99RatioToPeer}×; ${q.errors} errors` : `p99 ${q.latencyMs.p99} ms; no peer measured in that run`,
      q.peerLatencyMs !== undefined && q.p99RatioToPeer <= 1.5 && q.errors === 0,
    );
  }
  const points = r.scaling?.points ?? [];
  const largest = points.at(-1);
  if (largest && points.length > 1) {
    const from500 = points.filter((p) => p.documents >= 500);
    const steps = growthBetween(from500.length > 1 ? from500 : points);
    const steepest = steps.reduce((a, b) => (b.ingest > a.ingest ? b : a));
    add(
      r.scaling,
      `ingest time per document flat: log-log slope ≤ 1.05 (${steps[0]!.from} → ${largest.documents} documents)`,
      `slope ${steepest.ingest} from ${steepest.from} to ${steepest.to} documents; ms per document ${largest.firstTenthMsPerDocument} in the first tenth of ${largest.documents}, ${largest.lastTenthMsPerDocument} in the last`,
      steepest.ingest <= 1.05,
    );
    if (largest.documents >= 5000) {
      // the target is the ingest's (item 3 of the speed targets); the server's figure is shown beside it
      const ingestMiB = largest.ingestPeakRssMiB ?? largest.peakRssMiB;
      const serving = `with the server warm and every question asked ${round(largest.peakRssMiB / 1024)} GiB`;
      const measured = largest.ingestPeakRssMiB === undefined ? `not measured apart from serving; ${serving}` : `ingest ${round(ingestMiB / 1024)} GiB; ${serving}`;
      add(r.scaling, `peak memory of the ingest at ${largest.documents} documents ≤ 1.5 GB`, measured, ingestMiB <= 1.5 * 1024);
    }
    for (const [name, q] of Object.entries(largest.questions)) {
      add(r.scaling, `${name}: p99 ≤ 100 ms at ${largest.documents} documents, the first request too`, `p99 ${q.latencyMs.p99} ms, first request ${q.firstMs} ms (after ${largest.warmS} s at start)`, q.latencyMs.p99 <= 100 && q.firstMs <= 100);
    }
    for (const [name, error] of Object.entries(largest.failed ?? {})) add(r.scaling, `${name}: p99 ≤ 100 ms at ${largest.documents} documents`, `failed: ${error}`, false);
  }
  return list;
}

const RESULTS_NAME = /^\d{4}-\d{2}-\d{2}\.json$/;

/** Each section as the latest results file that has it holds it, and that file's name. */
export function latestResults(dir: string): { results: Results; from: Partial<Record<SectionKey, string>> } {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => RESULTS_NAME.test(f)).sort().reverse() : [];
  const results: Results = {};
  const from: Partial<Record<SectionKey, string>> = {};
  for (const file of files) {
    const r = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Results;
    results.machine ??= r.machine;
    for (const key of SECTION_KEYS) {
      if (results[key] === undefined && r[key] !== undefined) {
        (results as Record<string, unknown>)[key] = r[key];
        from[key] = file;
      }
    }
  }
  return { results, from };
}

const cell = (s: string | number) => String(s).replace(/\|/g, '\\|');
const row = (cells: (string | number)[]) => `| ${cells.map(cell).join(' | ')} |`;
const table = (head: string[], rows: (string | number)[][]) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

const when = (section: Measured | undefined, file: string | undefined) =>
  section ? `${section.measuredAt.slice(0, 16).replace('T', ' ')} UTC, \`${section.command}\`${section.loadAverageAtStart === undefined ? '' : `, load average ${section.loadAverageAtStart} at start${section.quiet === false ? ' (not quiet)' : ''}`}${file ? ` (bench/results/${file})` : ''}` : '';

/** The README's performance tables, from the latest results. */
export function renderReadmeTables(dir: string): string {
  const { results: r, from } = latestResults(dir);
  const m = r.machine ?? {};
  const parts: string[] = [
    `Written by \`npm run bench\` from \`bench/results/\` (each part from the latest run that measured it) on ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}. The machines are shared: a part marked *not quiet* began with the load average above a quarter of the cores, so read its figures beside the peers measured in the same run.`,
    '',
    table(['target', 'measured', 'met'], targets(r).map((t) => [t.target, t.measured, t.met ? 'yes' : '**no**'])),
    '',
    'Measured:',
    '',
    ...SECTION_KEYS.filter((k) => r[k]).map((k) => `- ${k}: ${when(r[k] as Measured, from[k])}`),
  ];
  if (r.startup) {
    const peers = r.startup.peers;
    parts.push('', `Start-up, median wall time from process start (peers: \`node -e 1\` ${peers.nodeMs.median} ms${peers.pdftotextCorpusMs ? `, \`pdftotext\` on the corpus ${peers.pdftotextCorpusMs.median} ms` : ''}):`, '');
    parts.push(table(['command', 'median', 'min – max', 'limit', '× node -e 1', '× pdftotext'], r.startup.commands.map((c) => [c.name, `${round(c.wallMs.median / 1000)} s`, `${round(c.wallMs.min / 1000)} – ${round(c.wallMs.max / 1000)} s`, `${c.limitS} s`, c.ratioToNode, c.ratioToPdftotext ?? '—'])));
  }
  if (r.load) {
    parts.push('', 'Each question under load (autocannon in a second process), then a bare graphql-yoga server under the same load:', '');
    parts.push(
      table(
        ['question', 'connections', 'req/s', 'p50', 'p99', 'bare yoga p99', 'p99 ratio', 'errors', 'one at a time: server, cache off, direct'],
        r.load.questions.map((q) => [q.question, q.connections, q.requestsPerSecond, `${q.latencyMs.median} ms`, `${q.latencyMs.p99} ms`, q.peerLatencyMs ? `${q.peerLatencyMs.p99} ms` : '—', q.peerLatencyMs ? `${q.p99RatioToPeer}×` : '—', q.errors, `${q.serverMedianMs}, ${q.serverUncachedMedianMs}, ${q.directMedianMs} ms`]),
      ),
    );
  }
  if (r.scaling) {
    parts.push('', 'Scaling (the corpus plus synthetic agreements; questions over HTTP with the response cache off):', '');
    parts.push(
      table(
        ['documents', 'pages', 'ingest', 'ms/document (first, last tenth)', 'peak RSS: ingest, then serving', 'nodes', 'warm at start'],
        r.scaling.points.map((p) => [p.documents, p.pages, `${p.ingestS} s`, `${p.msPerDocument} (${p.firstTenthMsPerDocument}, ${p.lastTenthMsPerDocument})`, `${p.ingestPeakRssMiB ?? '—'}, ${p.peakRssMiB} MiB`, p.nodes, `${p.warmS} s`]),
      ),
    );
    const names = [...new Set(r.scaling.points.flatMap((p) => Object.keys(p.questions)))];
    parts.push('', table(['documents', ...names.map((n) => `${n} p99 (first)`)], r.scaling.points.map((p) => [p.documents, ...names.map((n) => (p.questions[n] ? `${p.questions[n]!.latencyMs.p99} (${p.questions[n]!.firstMs}) ms` : p.failed?.[n] ? 'failed' : '—'))])));
    const ahead = projection(r.scaling.points);
    if (ahead) {
      parts.push('', `Projected to ${ahead.to} documents on the embedded store from the two largest sizes measured: times along their log-log slope (ingest dashed in the chart), the server's memory along its increment per document:`, '');
      parts.push(
        table(
          ['figure', `at ${ahead.from}`, 'growth', `at ${ahead.to}`],
          [
            ['ingest, whole pipeline', `${r.scaling.points.at(-1)!.ingestS} s`, `slope ${ahead.ingest.slope}`, `${ahead.ingest.s} s`],
            ['peak RSS, serving', `${r.scaling.points.at(-1)!.peakRssMiB} MiB`, `${ahead.peakRss.mibPer1000} MiB per 1,000 documents`, `${ahead.peakRss.mib} MiB`],
            ...Object.entries(ahead.questions).map(([q, x]) => [`${q} median`, `${r.scaling!.points.at(-1)!.questions[q]!.latencyMs.median} ms`, `slope ${x.slope}`, `${x.medianMs} ms`]),
          ],
        ),
      );
    }
  }
  if (r.backends && 'points' in r.backends) {
    parts.push('', `The embedded store beside Neo4j ${r.backends.neo4jVersion} (p50 / p99 ms, response cache off):`, '');
    parts.push(
      table(
        ['documents', 'what', 'embedded', 'Neo4j', 'Neo4j / embedded'],
        r.backends.points.flatMap((p) => [
          [p.documents, 'write (s)', p.embedded.ingestS, p.neo4j.ingestS, `${p.ratio.ingest}×`],
          ...Object.entries(p.ratio.questions).map(([q, ratio]) => [p.documents, q, `${p.embedded.questions[q]!.median} / ${p.embedded.questions[q]!.p99}`, `${p.neo4j.questions[q]!.median} / ${p.neo4j.questions[q]!.p99}`, `${ratio.p50} / ${ratio.p99}`]),
        ]),
      ),
    );
  }
  return parts.join('\n');
}

export const README_START = '<!-- bench:tables (written by npm run bench; do not edit by hand) -->';
export const README_END = '<!-- /bench:tables -->';

/** The README with its generated block replaced by `tables`. */
export function withTables(readme: string, tables: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`the README has no ${README_START} … ${README_END} block`);
  return `${readme.slice(0, start + README_START.length)}\n${tables}\n${readme.slice(end)}`;
}

export function updateReadme(readmePath: string, resultsDir: string): void {
  writeFileSync(readmePath, withTables(readFileSync(readmePath, 'utf8'), renderReadmeTables(resultsDir)));
}
