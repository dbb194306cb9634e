/**
 * Faults in the middle of work on the embedded store: `kg ingest` killed (SIGKILL) at random
 * points while it writes a document, then the store reopened — it must hold the document
 * wholly or not at all (the export equals one of two reference states computed from clean
 * runs), and ingesting again must finish the job. Two processes on one store: the second gets
 * STORE_LOCKED and the store is unharmed.
 *
 * KG_KILL_POINTS sets the number of kill points (default 12), KG_KILL_SEED the seed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestExtracted } from '../graph/documents.ts';
import { EmbeddedStore } from '../graph/embedded-store.ts';
import { exportGraph, serialise } from '../graph/export.ts';
import { graphStats } from '../graph/stats.ts';
import type { ExtractedDocument } from '../domain/records.ts';
import { corpusPath } from './helpers/corpus.ts';
import { extractCorpus } from './helpers/store.ts';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

const KILL_POINTS = Number(process.env.KG_KILL_POINTS ?? 12);
const SEED = Number(process.env.KG_KILL_SEED ?? 7);
const cli = new URL('../cli/kg.ts', import.meta.url).pathname;
/** The document the killed runs write: the largest, so the write takes longest. */
const WRITTEN = 'midtveisrapport-bygdevekstavtaler-sintef.pdf';

const root = mkdtempSync(join(tmpdir(), 'kg-crash-'));
const inbox = join(root, 'inbox');
const base = join(root, 'base');
const env = (dataDir: string) => ({ ...process.env, KG_DATA_DIR: dataDir, NEO4J_URI: '' });
const kg = (dataDir: string, ...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 60_000, env: env(dataDir), maxBuffer: 256 * 1024 * 1024 });

async function exportOf(dataDir: string): Promise<string> {
  const store = EmbeddedStore.open(join(dataDir, 'graph.grafeo'));
  try {
    return serialise(await exportGraph(store), 'json');
  } finally {
    await store.close();
  }
}

/** Bytes in the store's write-ahead log folder, if it has one. */
function walBytes(dataDir: string): number {
  const wal = join(dataDir, 'graph.grafeo.wal');
  if (!existsSync(wal)) return 0;
  try {
    return readdirSync(wal).reduce((n, f) => n + statSync(join(wal, f)).size, 0);
  } catch {
    return 0;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const reference = { before: '', after: '', runMs: 0 };
let report: ExtractedDocument;
beforeAll(async () => {
  mkdirSync(inbox);
  copyFileSync(corpusPath(WRITTEN), join(inbox, WRITTEN));
  // state "before": one other document
  const store = EmbeddedStore.open(join(base, 'graph.grafeo'));
  await store.ensureSchema();
  const corpus = await extractCorpus();
  report = corpus.find((x) => x.document.file === WRITTEN)!;
  await ingestExtracted(store, corpus.find((x) => x.document.file === 'bygdevekstavtale-smola-aure.pdf')!);
  await store.close();
  reference.before = await exportOf(base);
  // state "after": a clean, uninterrupted `kg ingest` of the report on a copy
  const clean = join(root, 'clean');
  cpSync(base, clean, { recursive: true });
  const started = performance.now();
  const run = kg(clean, 'ingest', inbox);
  reference.runMs = performance.now() - started;
  expect(run.status, run.stderr).toBe(0);
  reference.after = await exportOf(clean);
  expect(reference.after).not.toBe(reference.before);
}, 120_000);

describe('SIGKILL in the middle of kg ingest', () => {
  it(`leaves the document wholly present or wholly absent (${KILL_POINTS} kill points)`, async () => {
    const rng = xoroshiro128plus(SEED);
    const random = () => uniformFloat64(rng);
    const outcomes: { point: number; mode: string; delayMs: number; state: 'before' | 'after' | 'INCONSISTENT'; detail?: string }[] = [];
    const killAt = async (point: number) => {
      const dataDir = join(root, `kill-${point}`);
      cpSync(base, dataDir, { recursive: true });
      const walAtStart = walBytes(dataDir);
      // half the points anywhere in the run, half just after the write-ahead log starts to grow (the transaction, its commit, the checkpoint at close)
      const mode = point % 2 === 0 ? 'anywhere' : 'writing';
      const delayMs = Math.round(mode === 'anywhere' ? random() * reference.runMs : random() * 80);
      const child = spawn(process.execPath, ['--import', 'tsx', cli, 'ingest', inbox], { env: env(dataDir), stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      let done = false;
      void exited.then(() => (done = true));
      if (mode === 'writing') {
        const deadline = performance.now() + 60_000;
        while (!done && walBytes(dataDir) <= Math.max(walAtStart, 4096) && performance.now() < deadline) await sleep(2);
      }
      await sleep(delayMs);
      child.kill('SIGKILL');
      await exited;
      let state: 'before' | 'after' | 'INCONSISTENT';
      let detail: string | undefined;
      try {
        const json = await exportOf(dataDir);
        state = json === reference.before ? 'before' : json === reference.after ? 'after' : 'INCONSISTENT';
        if (state === 'INCONSISTENT') detail = `export of ${json.length} bytes matches neither reference`;
      } catch (error) {
        state = 'INCONSISTENT';
        detail = `cannot reopen: ${(error as Error).message}`;
      }
      // the command line sees the same, and a second run finishes the job
      if (point < 3 && state !== 'INCONSISTENT') {
        const stats = kg(dataDir, 'stats', '--json');
        expect(stats.status, stats.stderr).toBe(0);
        expect(JSON.parse(stats.stdout).documents).toBe(state === 'before' ? 1 : 2);
        expect(kg(dataDir, 'export').stdout).toBe(state === 'before' ? reference.before : reference.after);
      }
      if (state !== 'INCONSISTENT') {
        const store = EmbeddedStore.open(join(dataDir, 'graph.grafeo'));
        try {
          expect(await ingestExtracted(store, report)).toBe(state === 'before' ? 'new' : 'unchanged');
        } finally {
          await store.close();
        }
        expect(await exportOf(dataDir)).toBe(reference.after);
      }
      outcomes.push({ point, mode, delayMs, state, ...(detail ? { detail } : {}) });
      rmSync(dataDir, { recursive: true, force: true });
    };
    // two at a time: the machine's cores, and the timings vary the more for it
    for (let point = 0; point < KILL_POINTS; point += 2) await Promise.all([killAt(point), ...(point + 1 < KILL_POINTS ? [killAt(point + 1)] : [])]);
    const count = (s: string) => outcomes.filter((o) => o.state === s).length;
    console.log(`kill points: ${outcomes.length} tried, ${count('before')} left the store as before, ${count('after')} with the document whole, ${count('INCONSISTENT')} inconsistent`);
    expect(outcomes.filter((o) => o.state === 'INCONSISTENT')).toEqual([]);
    expect(outcomes).toHaveLength(KILL_POINTS);
  }, 60_000 + KILL_POINTS * 30_000);
});

describe('two processes on one embedded store', () => {
  it('the second gets STORE_LOCKED, and the store is unharmed', async () => {
    const dataDir = join(root, 'locked');
    cpSync(base, dataDir, { recursive: true });
    // a real second process holds the store: `kg start` serving on a free port
    const holder = spawn(process.execPath, ['--import', 'tsx', cli, 'start'], { env: { ...env(dataDir), PORT: '0', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    holder.stdout.on('data', (c: Buffer) => (out += c));
    try {
      const deadline = performance.now() + 90_000;
      while (!/GraphQL \(with GraphiQL\) on/.test(out) && performance.now() < deadline && holder.exitCode === null) await sleep(50);
      expect(out).toMatch(/GraphQL \(with GraphiQL\) on/);
      const second = kg(dataDir, 'ingest', inbox);
      expect(second.status).toBe(2);
      expect(second.stderr).toContain(`STORE_LOCKED: ${join(dataDir, 'graph.grafeo')}: the embedded store is in use by another process`);
      // a read is made through the server that holds the store
      const stats = kg(dataDir, 'stats', '--json');
      expect(stats.status, stats.stderr).toBe(0);
      expect(stats.stderr).toMatch(/the store is held by the server at http:\/\/127\.0\.0\.1:\d+ \(pid \d+\): reading through it/);
      expect(JSON.parse(stats.stdout)).toMatchObject({ store: { backend: 'embedded', location: join(dataDir, 'graph.grafeo') }, documents: 5 });
      expect(() => EmbeddedStore.open(join(dataDir, 'graph.grafeo'))).toThrow(expect.objectContaining({ code: 'STORE_LOCKED' }));
    } finally {
      holder.kill('SIGTERM');
      await new Promise((resolve) => (holder.exitCode !== null ? resolve(undefined) : holder.on('exit', resolve)));
    }
    expect(holder.exitCode).toBe(0);
    // the holder ingested the rest of the corpus on start; the refused runs changed nothing of it
    const store = EmbeddedStore.open(join(dataDir, 'graph.grafeo'));
    try {
      expect((await graphStats(store)).nodes.Document).toBe(5);
    } finally {
      await store.close();
    }
  }, 180_000);
});
