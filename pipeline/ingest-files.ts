/**
 * The pipeline for a set of files: read each PDF, extract it and write it to the store in one
 * transaction; a file that fails is reported with its typed error and the rest go on.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { DOCUMENT_SHA } from '../graph/cypher.ts';
import { ingestExtracted, type IngestStatus, type WriteOptions } from '../graph/documents.ts';
import type { GraphStore } from '../graph/store.ts';
import { GRAPH_VERSION } from '../graph/model.ts';
import { documentId } from '../domain/ids.ts';
import { IngestError, isIngestError } from '../ingest/errors.ts';
import { extractDocument } from '../ingest/extract/extract.ts';
import { readDocument } from '../ingest/read-document.ts';

export type FileResult =
  | { file: string; status: IngestStatus; agreements: number; ms: number }
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
    let result: FileResult;
    try {
      const bytes = await readBytes(path);
      const held = (await store.read(DOCUMENT_SHA, { id: documentId(path) }))[0];
      if (held?.sha256 === createHash('sha256').update(bytes).digest('hex') && held.version === GRAPH_VERSION) {
        // the store holds these very bytes: nothing to read or write
        result = { file: path, status: 'unchanged', agreements: 0, ms: Math.round(performance.now() - started) };
      } else {
        const extracted = extractDocument(await readDocument(bytes, basename(path)));
        const status = await ingestExtracted(store, extracted, options);
        result = { file: path, status, agreements: extracted.agreements.length, ms: Math.round(performance.now() - started) };
      }
    } catch (error) {
      if (!isIngestError(error)) throw error;
      result = { file: path, status: 'failed', code: error.code, reason: error.reason, ms: Math.round(performance.now() - started) };
    }
    results.push(result);
    onFile(result, index);
  }
  return results;
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new IngestError('UNREADABLE_FILE', basename(path), `cannot read the file: ${(error as Error).message}`, { cause: error });
  }
}

export function summarise(results: FileResult[]): string {
  const count = (s: string) => results.filter((r) => r.status === s).length;
  return `${count('new')} new, ${count('unchanged')} unchanged, ${count('replaced')} replaced, ${count('failed')} failed (${results.length} files)`;
}

export function describe(result: FileResult): string {
  const name = basename(result.file);
  return result.status === 'failed' ? `${name}: failed ${result.code}: ${result.reason}` : `${name}: ${result.status} (${result.ms} ms)`;
}
