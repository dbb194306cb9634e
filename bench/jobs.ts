/**
 * Both cores: the same batch ingested with one extraction thread and with a pool of them
 * (`kg ingest --jobs N`), into fresh embedded stores; the speed-up and whether the two stores
 * export the same graph byte for byte.
 */
import { exportGraph, serialise } from '../graph/export.ts';
import { ingestFiles } from '../pipeline/ingest-files.ts';
import { round } from './stats.ts';
import { openScratchStore, removeScratchStore } from './scratch-store.ts';

export interface JobsResult {
  documents: number;
  jobs: number;
  oneJobS: number;
  poolS: number;
  speedup: number;
  sameExport: boolean;
}

async function timedIngest(files: string[], jobs: number): Promise<{ seconds: number; exported: string }> {
  const store = await openScratchStore();
  try {
    const t = performance.now();
    const results = await ingestFiles(store, files, () => {}, { jobs });
    const seconds = (performance.now() - t) / 1000;
    const failed = results.filter((r) => r.status === 'failed');
    if (failed.length > 0) throw new Error(`${failed.length} files failed with --jobs ${jobs}, the first: ${failed[0]!.file}`);
    return { seconds, exported: serialise(await exportGraph(store), 'json') };
  } finally {
    await removeScratchStore(store);
  }
}

export async function compareJobs(files: string[], jobs: number, log: (m: string) => void): Promise<JobsResult> {
  log(`  ${files.length} documents with --jobs 1`);
  const one = await timedIngest(files, 1);
  log(`  ${files.length} documents with --jobs ${jobs}`);
  const pool = await timedIngest(files, jobs);
  return { documents: files.length, jobs, oneJobS: round(one.seconds), poolS: round(pool.seconds), speedup: round(one.seconds / pool.seconds), sameExport: one.exported === pool.exported };
}
