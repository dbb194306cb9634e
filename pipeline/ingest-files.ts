/**
 * The pipeline for a set of files: each file's bytes go through `ingestBytes`; a file that fails
 * is reported with its typed error and the rest go on.
 */
import { basename } from 'node:path';
import type { IngestStatus, WriteOptions } from '../graph/documents.ts';
import type { GraphStore } from '../graph/store.ts';
import { isIngestError } from '../domain/ingest-errors.ts';
import { extractDocument } from '../ingest/extract/extract.ts';
import { readDocument, readFileBytes, sha256Of } from '../ingest/read-document.ts';
import { documentId } from '../domain/ids.ts';
import { holdsVersion } from '../graph/held-documents.ts';
import { ExtractPool } from './extract-pool.ts';
import { ingestBytes } from './ingest-bytes.ts';

export type FileResult =
  | { file: string; status: IngestStatus; agreements: number; warnings: string[]; ms: number }
  | { file: string; status: 'failed'; code: string; reason: string; ms: number };

export interface BatchOptions extends WriteOptions {
  /** Threads that read and extract (pool of extract-pool.ts); 1: all in this thread. */
  jobs?: number;
}

/**
 * Ingests files in their order. With `jobs` above 1, files are read and extracted on a pool of
 * threads a few ahead of the writes, which stay one document at a time, in order: the store ends
 * the same as with one job.
 */
export async function ingestFiles(
  store: GraphStore,
  files: string[],
  onFile: (result: FileResult, index: number) => void = () => {},
  options: BatchOptions = {},
): Promise<FileResult[]> {
  const { jobs = 1, ...write } = options;
  const pool = jobs > 1 ? new ExtractPool(jobs) : undefined;
  const started = new Map<number, number>();
  // a file's bytes, and its record once a pool thread has it (started ahead of its turn to be written)
  const prepare = (index: number) => {
    started.set(index, performance.now());
    const file = basename(files[index]!);
    return readFileBytes(files[index]!).then(async (bytes) => {
      const sha256 = sha256Of(bytes);
      // a document the store holds in these very bytes is not read again (its write finds it unchanged)
      const held = await holdsVersion(store, documentId(file), sha256);
      // on a pool, read and extracted ahead; with one job, the next file's PDF is read (on pdf.js's
      // own thread) while this one is extracted here, and extracted in its turn
      const extracted = held ? undefined : pool ? pool.extract(bytes, file, sha256) : readAhead(bytes, file, sha256);
      // read later, in order; until then its rejection is not unhandled
      extracted?.catch(() => {});
      return { bytes, extracted };
    });
  };
  const ahead = new Map<number, ReturnType<typeof prepare>>();
  const results: FileResult[] = [];
  try {
    for (const [index, path] of files.entries()) {
      // keep twice the pool's threads in hand, so that none waits while a document is written
      for (let k = index; k < Math.min(files.length, index + 2 * jobs); k++) {
        if (ahead.has(k)) continue;
        const next = prepare(k);
        // awaited in its turn; a file that fails before then must not count as unhandled
        next.catch(() => {});
        ahead.set(k, next);
      }
      const prepared = ahead.get(index)!;
      ahead.delete(index);
      let result: FileResult;
      // a file's own time: its reading and extraction on its thread (not its wait for a turn) and its write
      let threadMs = 0;
      let waitedMs = 0;
      let turn = performance.now();
      const ms = () => Math.round(pool ? threadMs + (performance.now() - turn - waitedMs) : performance.now() - started.get(index)!);
      try {
        const { bytes, extracted } = await prepared;
        turn = performance.now();
        const fromPool = extracted && (async () => {
          const waiting = performance.now();
          const done = await extracted;
          waitedMs = performance.now() - waiting;
          if ('parsed' in done) return extractDocument(done.parsed);
          threadMs = done.ms;
          return done.extracted;
        });
        const outcome = await ingestBytes(store, bytes, basename(path), write, fromPool);
        result = { file: path, status: outcome.status, agreements: outcome.agreements.length, warnings: outcome.warnings, ms: ms() };
      } catch (error) {
        if (!isIngestError(error)) throw error;
        result = { file: path, status: 'failed', code: error.code, reason: error.reason, ms: ms() };
      }
      results.push(result);
      onFile(result, index);
    }
  } finally {
    await pool?.close();
  }
  return results;
}

/** A PDF read ahead of its turn (pdf.js works on its own thread); extracted when its turn comes. */
function readAhead(bytes: Uint8Array, file: string, sha256: string) {
  return readDocument(bytes, file, { sha256 }).then((parsed) => ({ parsed }));
}

export function summarise(results: FileResult[]): string {
  const count = (s: string) => results.filter((r) => r.status === s).length;
  return `${count('new')} new, ${count('unchanged')} unchanged, ${count('replaced')} replaced, ${count('failed')} failed (${results.length} files)`;
}

/** The quality warnings of every file, one line each: "file: warning: …". */
export function warningLines(results: FileResult[]): string[] {
  return results.flatMap((r) => (r.status === 'failed' ? [] : r.warnings.map((w) => `${basename(r.file)}: warning: ${w}`)));
}

export function describe(result: FileResult): string {
  const name = basename(result.file);
  return result.status === 'failed' ? `${name}: failed ${result.code}: ${result.reason}` : `${name}: ${result.status} (${result.ms} ms)`;
}
