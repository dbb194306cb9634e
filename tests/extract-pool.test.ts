/**
 * Reading and extraction on a pool of threads, writes in order through the one writer: the store
 * ends byte for byte as with one job, a file's own fault is still its typed error, and files the
 * store holds already are not read again.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportGraph, serialise } from '../graph/export.ts';
import type { EmbeddedStore } from '../graph/embedded-store.ts';
import { ExtractPool } from '../pipeline/extract-pool.ts';
import { ingestFiles, type FileResult } from '../pipeline/ingest-files.ts';
import { corpusPath, manifest } from './helpers/corpus.ts';
import { temporaryStore } from './helpers/store.ts';

const stores: EmbeddedStore[] = [];
afterAll(async () => {
  for (const s of stores) await s.close();
});

/** The corpus, one damaged file among them, and the first corpus file again under its own name. */
function batch(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kg-pool-'));
  const files = manifest.map((e) => corpusPath(e.file));
  const broken = join(dir, 'broken.pdf');
  writeFileSync(broken, '%PDF-1.7\nthis is no PDF body\n');
  const again = join(dir, manifest[0]!.file);
  copyFileSync(files[0]!, again);
  return [...files.slice(0, 2), broken, ...files.slice(2), again];
}

async function ingestWith(files: string[], jobs: number): Promise<{ export: string; results: FileResult[] }> {
  const store = await temporaryStore();
  stores.push(store);
  const order: number[] = [];
  const results = await ingestFiles(store, files, (_, index) => order.push(index), { jobs });
  expect(order).toEqual(files.map((_, i) => i));
  return { export: serialise(await exportGraph(store), 'json'), results };
}

describe('a batch read and extracted on a pool of threads', () => {
  it('leaves the store as one job does, byte for byte, with the same result for every file', async () => {
    const files = batch();
    const one = await ingestWith(files, 1);
    const two = await ingestWith(files, 2);
    expect(two.export).toBe(one.export);
    const outcome = (r: FileResult) => (r.status === 'failed' ? `${r.file} failed ${r.code}` : `${r.file} ${r.status} ${r.agreements}`);
    expect(two.results.map(outcome)).toEqual(one.results.map(outcome));
    expect(two.results.filter((r) => r.status === 'failed')).toHaveLength(1);
    expect(two.results.at(-1)!.status).toBe('unchanged');
  }, 300_000);

  it('passes a file’s typed error back from its thread', async () => {
    const pool = new ExtractPool(1);
    try {
      await expect(pool.extract(new TextEncoder().encode('%PDF-1.7\nno body'), 'broken.pdf', '0'.repeat(64))).rejects.toMatchObject({ name: 'IngestError', file: 'broken.pdf' });
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('refuses a pool of no threads', () => {
    expect(() => new ExtractPool(0)).toThrow(/at least 1/);
  });
});
