/**
 * PDF bytes → positioned text items per page, through pdf-parse v2.
 *
 * pdf-parse's own getText() joins items in content-stream order, which is not reading
 * order for PDFs that draw running headers, bullets or a second column out of order. We
 * let pdf-parse open the document (its options, its error mapping) and then read the
 * positioned items from the pdf.js document it holds.
 *
 * pdf.js runs in a worker thread (`pdf-worker.mjs`), one document at a time: a document that
 * takes longer than the timeout gets the worker terminated — which stops pdf.js even in a
 * synchronous loop, where a timer in this thread could never fire — and one that needs more
 * than the worker's heap limit ends the worker, not the process. The next document gets a
 * fresh worker; a worker is also replaced after a number of documents, so whatever pdf.js
 * keeps between documents cannot grow without bound.
 */
import { Worker } from 'node:worker_threads';
import { projectPath } from '../../domain/project-files.ts';
import { IngestError, type IngestErrorCode } from '../../domain/ingest-errors.ts';
import { recoveredErrors, textLostReason, type PdfWarning } from './recovered-errors.ts';

/** A run of text as pdf.js placed it, in PDF user space (origin bottom left). */
export interface TextItem {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  fontSize: number;
  fontName: string;
  bold: boolean;
}

export interface RawPage {
  number: number;
  width: number;
  height: number;
  items: TextItem[];
  /** Set when the items were measured from the page's image by OCR, not given by a text layer: their positions and sizes are less exact. */
  measured?: boolean;
}

export interface LoadOptions {
  /** Give up on a document after this long. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** The worker's V8 heap limit: far above what any real agreement needs (the 36-page report takes < 100 MB). */
const WORKER_HEAP_MB = 512;
/** Documents a worker reads before it is replaced. */
const DOCUMENTS_PER_WORKER = 100;

export interface LoadedPdf {
  pages: RawPage[];
  /** What pdf.js mended in a damaged file that still gave its text (see recovered-errors.ts); empty for a sound file. */
  repairs: string[];
}

/** The positioned text of every page, or a typed error; a file whose text pdf.js could read only in part is DAMAGED_PDF. */
export async function loadPdf(bytes: Uint8Array, file: string, options: LoadOptions = {}): Promise<LoadedPdf> {
  checkSignature(bytes, file);
  const result = await reader.read(bytes, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  if (!('pages' in result)) throw new IngestError(result.code, file, result.reason);
  const recovered = recoveredErrors(result.warnings, result.pages);
  if (recovered.textLost) throw new IngestError('DAMAGED_PDF', file, textLostReason(recovered.textLost));
  return { pages: result.pages, repairs: recovered.repairs };
}

function checkSignature(bytes: Uint8Array, file: string): void {
  if (bytes.length === 0) throw new IngestError('EMPTY_FILE', file, 'the file is empty');
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) {
    throw new IngestError('NOT_PDF', file, 'the file is not a PDF (no %PDF- signature in its first 1024 bytes)');
  }
}

type ReadResult = { pages: RawPage[]; warnings: PdfWarning[] } | { code: IngestErrorCode; reason: string };

/** One worker, one document at a time; requests queue. */
class WorkerReader {
  private worker: Worker | undefined;
  private served = 0;
  private nextId = 1;
  private tail: Promise<unknown> = Promise.resolve();

  read(bytes: Uint8Array, timeoutMs: number): Promise<ReadResult> {
    const result = this.tail.then(() => this.readNow(bytes, timeoutMs));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private readNow(bytes: Uint8Array, timeoutMs: number): Promise<ReadResult> {
    if (this.worker && this.served >= DOCUMENTS_PER_WORKER) this.stop();
    const worker = (this.worker ??= this.start());
    this.served++;
    const id = this.nextId++;
    const copy = new Uint8Array(bytes); // transferred to the worker: the caller keeps its bytes
    return new Promise<ReadResult>((resolve) => {
      const finish = (result: ReadResult, stop = false) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (stop) this.stop(worker);
        resolve(result);
      };
      const onMessage = (message: { id: number } & ({ pages: RawPage[]; warnings: PdfWarning[] } | { error: { code: IngestErrorCode; reason: string } })) => {
        if (message.id !== id) return;
        finish('pages' in message ? { pages: message.pages, warnings: message.warnings } : message.error);
      };
      const onError = (error: Error & { code?: string }) =>
        finish(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? { code: 'DAMAGED_PDF', reason: `reading the PDF needed more than ${WORKER_HEAP_MB} MB of memory` }
            : { code: 'DAMAGED_PDF', reason: `the PDF reader failed on this file: ${error.message}` },
          true,
        );
      const onExit = (code: number) => finish({ code: 'DAMAGED_PDF', reason: `the PDF reader stopped on this file (exit code ${code})` }, true);
      const timer = setTimeout(() => finish({ code: 'TIMEOUT', reason: `reading the PDF took longer than ${timeoutMs} ms` }, true), timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, bytes: copy }, [copy.buffer]);
    });
  }

  private start(): Worker {
    this.served = 0;
    const worker = new Worker(projectPath('ingest', 'pdf', 'pdf-worker.mjs'), {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    // An idle worker must not keep the process alive; while a document is read, its timer does.
    worker.unref();
    worker.on('error', () => undefined); // errors are answered per request; none may go unhandled
    return worker;
  }

  private stop(worker = this.worker): void {
    if (!worker) return;
    if (worker === this.worker) this.worker = undefined;
    void worker.terminate().catch(() => undefined);
  }
}

const reader = new WorkerReader();
