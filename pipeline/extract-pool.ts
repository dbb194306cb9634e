/**
 * Reading and extraction of a batch on every core: a pool of worker threads, each reading a PDF
 * and extracting its record (CPU-bound, and independent per document), while the writes stay one
 * document at a time, in the files' order, through the store's single writer (ingest-files.ts).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ocrDefaults } from '../ingest/ocr/ocr.ts';
import { IngestError, type IngestErrorCode } from '../domain/ingest-errors.ts';
import { projectPath, RUNNING_BUILT } from '../domain/project-files.ts';
import type { ExtractedDocument } from '../domain/records.ts';

export interface PoolTask {
  id: number;
  bytes: Uint8Array;
  file: string;
  sha256: string;
}

export type PoolReply =
  /** `ms`: how long the thread read and extracted (not how long the task waited for a thread). */
  | { id: number; extracted: ExtractedDocument; ms: number }
  | { id: number; error: { code: IngestErrorCode; reason: string } }
  /** Not a property of the file: a fault of the extractor, passed on as it is. */
  | { id: number; failure: string };

/** A document's record, and how long its thread took to read and extract it. */
export interface Extracted {
  extracted: ExtractedDocument;
  ms: number;
}

/** Threads by default: one per core. */
export const DEFAULT_JOBS = availableParallelism();

export class ExtractPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: { task: PoolTask; resolve: (x: Extracted) => void; reject: (e: Error) => void }[] = [];
  private readonly pending = new Map<number, { file: string; resolve: (x: Extracted) => void; reject: (e: Error) => void }>();
  private readonly busy = new Map<Worker, number>();
  private next = 0;

  constructor(readonly jobs: number) {
    if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError(`jobs must be a whole number of at least 1, not ${jobs}`);
  }

  /** The record of one document, read and extracted on a pool thread; a file's own fault is an IngestError. */
  extract(bytes: Uint8Array, file: string, sha256: string): Promise<Extracted> {
    return new Promise((resolve, reject) => {
      this.queue.push({ task: { id: this.next++, bytes, file, sha256 }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
    this.all.length = 0;
    this.idle.length = 0;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.all.length < this.jobs ? this.spawn() : undefined);
      if (!worker) return;
      const { task, resolve, reject } = this.queue.shift()!;
      this.pending.set(task.id, { file: task.file, resolve, reject });
      this.busy.set(worker, task.id);
      // a thread at work keeps the process alive; an idle one does not
      worker.ref();
      worker.postMessage(task);
    }
  }

  private spawn(): Worker {
    // a thread reads with the OCR settings of this one (configureOcr)
    const worker = new Worker(RUNNING_BUILT ? projectPath('dist', 'extract-worker.js') : projectPath('pipeline', 'extract-worker-entry.mjs'), { workerData: { ocr: ocrDefaults() } });
    worker.on('message', (reply: PoolReply) => {
      const waiting = this.pending.get(reply.id)!;
      this.pending.delete(reply.id);
      this.busy.delete(worker);
      worker.unref();
      this.idle.push(worker);
      if ('extracted' in reply) waiting.resolve({ extracted: reply.extracted, ms: reply.ms });
      else if ('error' in reply) waiting.reject(new IngestError(reply.error.code, waiting.file, reply.error.reason));
      else waiting.reject(new Error(`extracting ${waiting.file} failed: ${reply.failure}`));
      this.dispatch();
    });
    worker.on('error', (error) => {
      // the thread is gone: the document it had in hand fails, the rest go to a fresh thread
      const id = this.busy.get(worker);
      this.busy.delete(worker);
      if (id !== undefined) {
        const waiting = this.pending.get(id)!;
        this.pending.delete(id);
        waiting.reject(new Error(`extracting ${waiting.file} failed: ${error.message}`, { cause: error }));
      }
      this.all.splice(this.all.indexOf(worker), 1);
      const idle = this.idle.indexOf(worker);
      if (idle >= 0) this.idle.splice(idle, 1);
      this.dispatch();
    });
    this.all.push(worker);
    return worker;
  }
}
