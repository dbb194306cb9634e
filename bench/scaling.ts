/**
 * How cost grows with the corpus: the real corpus plus synthetic agreements up to N documents,
 * ingested into a fresh embedded store (whole pipeline per file), then each question asked over
 * HTTP, once the server has computed at start what questions build on (reported as warmS): the
 * first request and repeated ones, with the server's response cache off. Reports ingest time, its growth between sizes
 * (log-log slope), and per-question latency.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ingestExtracted } from '../graph/documents.ts';
import { extractDocument } from '../ingest/extract/extract.ts';
import { readDocument } from '../ingest/read-document.ts';
import { ask, overHttp, startBenchServer } from './load.ts';
import { QUESTIONS } from './questions.ts';
import { peakRssMiB, round, type Summary } from './stats.ts';
import type { SyntheticCorpus } from './synthetic.ts';
import { openScratchStore, removeScratchStore } from './scratch-store.ts';
import { syntheticFiles } from './render-synthetic.ts';

export interface ScalePoint {
  documents: number;
  pages: number;
  ingestS: number;
  /** Seconds in each stage: PDF → page text, text → facts, facts → graph writes. */
  stageS: { read: number; extract: number; write: number };
  pagesPerSecond: number;
  documentsPerSecond: number;
  msPerDocument: number;
  /** Mean ms per document over the first and the last tenth of the files: flat when ingest is linear. */
  firstTenthMsPerDocument: number;
  lastTenthMsPerDocument: number;
  /** Peak resident memory of the process once it has ingested the documents: what `kg ingest` of them holds. */
  ingestPeakRssMiB?: number;
  /** Peak resident memory once the server has also warmed up and answered every question. */
  peakRssMiB: number;
  nodes: number;
  /** Seconds the server spent at start on what questions build on (search index, meaning models, …), before the first request. */
  warmS: number;
  questions: Record<string, { firstMs: number; latencyMs: Summary }>;
  /** Questions that failed at this size, with the error (the point is kept, the question left out). */
  failed: Record<string, string>;
}

export async function scalePoint(corpusFiles: string[], synthetic: SyntheticCorpus, cacheDir: string, n: number, runs: number, log: (m: string) => void): Promise<ScalePoint> {
  // rendered apart: the peak memory measured here is the ingest's and the server's
  const files = [...corpusFiles, ...(await syntheticFiles(synthetic, Math.max(0, n - corpusFiles.length), cacheDir, log))];
  const store = await openScratchStore();
  const perFile: number[] = [];
  const stage = { read: 0, extract: 0, write: 0 };
  let pages = 0;
  try {
    for (const [i, file] of files.entries()) {
      const t0 = performance.now();
      const doc = await readDocument(readFileSync(file), basename(file));
      const t1 = performance.now();
      const x = extractDocument(doc);
      const t2 = performance.now();
      await ingestExtracted(store, x);
      const t3 = performance.now();
      stage.read += t1 - t0;
      stage.extract += t2 - t1;
      stage.write += t3 - t2;
      perFile.push(t3 - t0);
      pages += doc.pages.length;
      if (i % 500 === 499) log(`  ingested ${i + 1}/${n}`);
    }
    // the sizes run smallest first, so the peak so far is this ingest's
    const ingestPeakRssMiB = peakRssMiB();
    const tenth = Math.max(1, Math.floor(n / 10));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // The response cache off: each request runs its question (over the answers queries/ keeps per store version).
    const { url, server, warmS } = await startBenchServer(store, { responseCache: false });
    const questions: ScalePoint['questions'] = {};
    const failed: ScalePoint['failed'] = {};
    try {
      for (const q of QUESTIONS) {
        try {
          const t = performance.now();
          await ask(url, q);
          const firstMs = performance.now() - t;
          questions[q.name] = { firstMs: round(firstMs), latencyMs: await overHttp(url, q, runs) };
        } catch (error) {
          failed[q.name] = (error as Error).message;
          log(`  ${q.name} failed: ${(error as Error).message}`);
        }
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const nodes = (await store.readOnly('MATCH (n) RETURN count(n) AS n'))[0]!.n as number;
    const total = perFile.reduce((a, b) => a + b, 0);
    return {
      documents: n,
      pages,
      ingestS: round(total / 1000),
      stageS: { read: round(stage.read / 1000), extract: round(stage.extract / 1000), write: round(stage.write / 1000) },
      pagesPerSecond: round(pages / (total / 1000), 1),
      documentsPerSecond: round(n / (total / 1000), 1),
      msPerDocument: round(total / n),
      firstTenthMsPerDocument: round(mean(perFile.slice(0, tenth))),
      lastTenthMsPerDocument: round(mean(perFile.slice(-tenth))),
      ingestPeakRssMiB,
      peakRssMiB: peakRssMiB(),
      nodes,
      warmS,
      questions,
      failed,
    };
  } finally {
    await removeScratchStore(store);
  }
}

/** The exponent k in cost ∝ N^k between two sizes: about 1 for linear growth. */
export function growth(a: { n: number; cost: number }, b: { n: number; cost: number }): number {
  return round(Math.log(b.cost / a.cost) / Math.log(b.n / a.n));
}
