/**
 * The pipeline for a set of files: each file's bytes go through `ingestBytes`; a file that fails
 * is reported with its typed error and the rest go on.
 */
import { basename } from 'node:path';
import type { IngestStatus, WriteOptions } from '../graph/documents.ts';
import type { GraphStore } from '../graph/store.ts';
import { isIngestError } from '../domain/ingest-errors.ts';
import { readFileBytes } from '../ingest/read-document.ts';
import { ingestBytes } from './ingest-bytes.ts';

export type FileResult =
  | { file: string; status: IngestStatus; agreements: number; warnings: string[]; ms: number }
  | { file: string; status: 'failed'; code: string; reason: string; ms: number };

export async function ingestFiles(
  store: GraphStore,
  files: string[],
  onFile: (result: FileResult, index: number) => void = () => {},
  options: WriteOptions = {},
): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const [index, path] of files.entries()) {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    let result: FileResult;
    try {
      const outcome = await ingestBytes(store, await readFileBytes(path), basename(path), options);
      result = { file: path, status: outcome.status, agreements: outcome.agreements.length, warnings: outcome.warnings, ms: ms() };
    } catch (error) {
      if (!isIngestError(error)) throw error;
      result = { file: path, status: 'failed', code: error.code, reason: error.reason, ms: ms() };
    }
    results.push(result);
    onFile(result, index);
  }
  return results;
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
