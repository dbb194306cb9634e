/**
 * The two backends side by side: the same documents (the corpus, and the corpus with synthetic
 * agreements up to N) written into a fresh embedded store and into a fresh Neo4j database (Neo4j
 * Community 5.26 on loopback, started from tests/neo4j-server/), then each question asked over HTTP
 * with the response cache off. Reports the write time of the documents (read and extraction are the
 * same for both and done once) and each question's p50/p99 on both, and Neo4j's as a ratio of the
 * embedded store's.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ingestExtracted } from '../graph/documents.ts';
import { Neo4jStore } from '../graph/neo4j-store.ts';
import type { GraphStore } from '../graph/store.ts';
import type { ExtractedDocument } from '../domain/records.ts';
import { extractDocument } from '../ingest/extract/extract.ts';
import { readDocument } from '../ingest/read-document.ts';
import { launcherTools, NEO4J_TEST_PASSWORD, NEO4J_TEST_USER, NEO4J_VERSION, startNeo4jServer } from '../tests/neo4j-server/launcher.ts';
import { ask, overHttp, startBenchServer } from './load.ts';
import { QUESTIONS } from './questions.ts';
import { round, type Summary } from './stats.ts';
import type { SyntheticCorpus } from './synthetic.ts';
import { openScratchStore, removeScratchStore } from './scratch-store.ts';

interface Side {
  ingestS: number;
  questions: Record<string, Summary>;
  /** Questions that failed, with the error (left out of the ratios). */
  failed: Record<string, string>;
}

export interface BackendPoint {
  documents: number;
  embedded: Side;
  neo4j: Side;
  /** Neo4j's time over the embedded store's: ingest, and each question's p50 and p99. */
  ratio: { ingest: number; questions: Record<string, { p50: number; p99: number }> };
}

export type BackendsResult = { neo4jVersion: string; runs: number; points: BackendPoint[] } | { skipped: string };

export async function compareBackends(corpusFiles: string[], synthetic: SyntheticCorpus, cacheDir: string, sizes: number[], runs: number, log: (m: string) => void): Promise<BackendsResult> {
  const tools = launcherTools();
  if (!tools.ok) return { skipped: `${tools.reason}: no Neo4j server can be started` };
  const home = mkdtempSync(join(tmpdir(), 'kg-bench-neo4j-'));
  log(' starting Neo4j …');
  const server = await startNeo4jServer({ home, servers: sizes.length, steadyState: true });
  try {
    const points: BackendPoint[] = [];
    for (const [i, n] of sizes.entries()) {
      log(` ${n} documents: read and extract …`);
      const documents = await extracted(corpusFiles, synthetic, cacheDir, n);
      log(' … embedded store');
      const scratch = await openScratchStore();
      const embedded = await measure(scratch, documents, runs, log).finally(() => removeScratchStore(scratch));
      log(' … Neo4j');
      const neo4jStore = await Neo4jStore.connect({ backend: 'neo4j', uri: server.uris[i]!, user: NEO4J_TEST_USER, password: NEO4J_TEST_PASSWORD });
      await neo4jStore.ensureSchema();
      const neo4j = await measure(neo4jStore, documents, runs, log).finally(() => neo4jStore.close());
      const ratio = (a: number, b: number) => round(b / a);
      points.push({
        documents: n,
        embedded,
        neo4j,
        ratio: {
          ingest: ratio(embedded.ingestS, neo4j.ingestS),
          questions: Object.fromEntries(
            Object.keys(embedded.questions)
              .filter((q) => neo4j.questions[q])
              .map((q) => [q, { p50: ratio(embedded.questions[q]!.median, neo4j.questions[q]!.median), p99: ratio(embedded.questions[q]!.p99, neo4j.questions[q]!.p99) }]),
          ),
        },
      });
      log(`  ingest ${embedded.ingestS} s embedded, ${neo4j.ingestS} s Neo4j (${points.at(-1)!.ratio.ingest}×)`);
    }
    return { neo4jVersion: NEO4J_VERSION, runs, points };
  } finally {
    await server.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

async function extracted(corpusFiles: string[], synthetic: SyntheticCorpus, cacheDir: string, n: number): Promise<ExtractedDocument[]> {
  const files = [...corpusFiles];
  for (let i = 0; files.length < n; i++) files.push(await synthetic.pdf(i, cacheDir));
  const documents: ExtractedDocument[] = [];
  for (const file of files) documents.push(extractDocument(await readDocument(readFileSync(file), basename(file))));
  return documents;
}

/**
 * Writes the documents one transaction each, then asks each question `runs` times after a warm-up
 * (a fresh Neo4j plans each Cypher text on its first run: the first ask may run out of the request's time budget).
 */
async function measure(store: GraphStore, documents: ExtractedDocument[], runs: number, log: (m: string) => void): Promise<Side> {
  const started = performance.now();
  for (const x of documents) await ingestExtracted(store, x);
  const ingestS = round((performance.now() - started) / 1000);
  const { url, server } = await startBenchServer(store, { responseCache: false });
  const questions: Side['questions'] = {};
  const failed: Side['failed'] = {};
  try {
    for (const q of QUESTIONS) {
      for (let warm = 0; warm < 3; warm++) await ask(url, q).catch(() => undefined);
      try {
        questions[q.name] = await overHttp(url, q, runs);
      } catch (error) {
        failed[q.name] = (error as Error).message;
        log(`  ${q.name} failed: ${(error as Error).message}`);
      }
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return { ingestS, questions, failed };
}
