/**
 * One thread of the extraction pool (extract-pool.ts): bytes in, the extracted record out, or the
 * typed error that the file gave.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isIngestError } from '../domain/ingest-errors.ts';
import { extractDocument } from '../ingest/extract/extract.ts';
import { readDocument } from '../ingest/read-document.ts';
import type { PoolReply, PoolTask } from './extract-pool.ts';
import { configureOcr, type OcrOptions } from '../ingest/ocr/ocr.ts';

const settings = (workerData as { ocr?: OcrOptions } | null)?.ocr;
if (settings) configureOcr(settings);

parentPort!.on('message', async (task: PoolTask) => {
  let reply: PoolReply;
  const started = performance.now();
  try {
    const extracted = extractDocument(await readDocument(task.bytes, task.file, { sha256: task.sha256 }));
    reply = { id: task.id, extracted, ms: performance.now() - started };
  } catch (error) {
    reply = isIngestError(error)
      ? { id: task.id, error: { code: error.code, reason: error.reason } }
      : { id: task.id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(reply);
});
