/** Ingest per stage: PDF → page text, text → facts, facts → graph writes, and the whole ingest. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ingestExtracted, type WriteOptions } from '../graph/documents.ts';
import { extractDocument } from '../ingest/extract/extract.ts';
import type { ExtractedDocument } from '../domain/records.ts';
import { readDocument } from '../ingest/read-document.ts';
import { round, summarise, type Summary } from './stats.ts';
import { openScratchStore, removeScratchStore } from './scratch-store.ts';

export interface StageResult {
  documents: number;
  pages: number;
  readMs: Summary;
  extractMs: Summary;
  writeMs: Summary;
  wholeMs: Summary;
  pagesPerSecond: number;
  documentsPerSecond: number;
}

/** One pass over the files: times of each stage (ms) and the total. */
export async function ingestPass(files: string[], options: WriteOptions = {}) {
  const store = await openScratchStore();
  let read = 0;
  let extract = 0;
  let write = 0;
  let pages = 0;
  const records: ExtractedDocument[] = [];
  try {
    for (const file of files) {
      const bytes = readFileSync(file);
      let t = performance.now();
      const doc = await readDocument(bytes, basename(file));
      read += performance.now() - t;
      pages += doc.pages.length;
      t = performance.now();
      const x = extractDocument(doc);
      extract += performance.now() - t;
      t = performance.now();
      await ingestExtracted(store, x, options);
      write += performance.now() - t;
      records.push(x);
    }
  } finally {
    await removeScratchStore(store);
  }
  return { read, extract, write, whole: read + extract + write, pages, records };
}

/** Stages over repeated passes after a warm-up pass. */
export async function stages(files: string[], runs: number): Promise<StageResult> {
  await ingestPass(files);
  const passes = [];
  for (let i = 0; i < runs; i++) passes.push(await ingestPass(files));
  const whole = summarise(passes.map((p) => p.whole));
  return {
    documents: files.length,
    pages: passes[0]!.pages,
    readMs: summarise(passes.map((p) => p.read)),
    extractMs: summarise(passes.map((p) => p.extract)),
    writeMs: summarise(passes.map((p) => p.write)),
    wholeMs: whole,
    pagesPerSecond: round((passes[0]!.pages / whole.median) * 1000, 1),
    documentsPerSecond: round((files.length / whole.median) * 1000, 1),
  };
}
