/** Batched `UNWIND … MERGE` writes against one statement per fact, on the same engine and the same documents. */
import { round } from './stats.ts';
import { ingestPass } from './stages.ts';

export interface WriteBatchingResult {
  statementsBatched: string;
  batchedMs: number;
  perFactMs: number;
  speedup: number;
}

export async function compareWrites(files: string[]): Promise<WriteBatchingResult> {
  await ingestPass(files); // warm-up
  const batched = await ingestPass(files, { batchSize: 500 });
  const perFact = await ingestPass(files, { batchSize: 1 });
  return {
    statementsBatched: 'UNWIND of up to 500 rows per statement vs 1 row per statement',
    batchedMs: round(batched.write),
    perFactMs: round(perFact.write),
    speedup: round(perFact.write / batched.write, 1),
  };
}
