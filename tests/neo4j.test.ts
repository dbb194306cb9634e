/**
 * The same behaviour on Neo4j as on the embedded store. These tests run when NEO4J_URI,
 * NEO4J_USER and NEO4J_PASSWORD are set (see the README for a local Neo4j in a container) and
 * are reported as skipped otherwise. They delete every node of the model's labels first, so
 * point them at a throwaway database.
 */
import { spawnSync } from 'node:child_process';
import { Neo4jError } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeConfig } from '../cli/config.ts';
import { CLEAR_GRAPH, DOCUMENT_SHA } from '../graph/cypher.ts';
import { ingestExtracted, removeDocument } from '../graph/documents.ts';
import { exportGraph, serialise } from '../graph/export.ts';
import { NODE_LABELS } from '../graph/model.ts';
import { Neo4jStore } from '../graph/neo4j-store.ts';
import { graphStats } from '../graph/stats.ts';
import type { GraphStore } from '../graph/store.ts';
import type { ExtractedDocument } from '../domain/records.ts';
import { extractCorpus, temporaryStore } from './helpers/store.ts';

const configured = Boolean(process.env.NEO4J_URI);
if (!configured) console.warn('Neo4j integration tests skipped: NEO4J_URI is not set (see README, "Neo4j").');

describe('Neo4j errors that need no server', () => {
  it('says clearly that Neo4j is unreachable', async () => {
    await expect(Neo4jStore.connect({ backend: 'neo4j', uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'x' })).rejects.toMatchObject({
      code: 'STORE_UNREACHABLE',
      subject: 'bolt://127.0.0.1:1',
    });
  });

  it('says so from the command line too, with exit status 2', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', new URL('../cli/kg.ts', import.meta.url).pathname, 'stats'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'x' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error: STORE_UNREACHABLE: bolt:\/\/127\.0\.0\.1:1: cannot reach Neo4j/m);
  });
});

describe.skipIf(!configured)('Neo4j integration (NEO4J_URI set)', () => {
  let neo4j: GraphStore;
  let embedded: GraphStore;
  let corpus: ExtractedDocument[];
  const exportJson = async (s: GraphStore) => serialise(await exportGraph(s), 'json');

  beforeAll(async () => {
    const config = storeConfig();
    if (config.backend !== 'neo4j') throw new Error('NEO4J_URI is set but the configuration is not Neo4j');
    neo4j = await Neo4jStore.connect(config);
    await neo4j.ensureSchema();
    await neo4j.write((tx) => tx.run(CLEAR_GRAPH, { labels: [...NODE_LABELS] }));
    corpus = await extractCorpus();
    embedded = await temporaryStore();
    for (const x of corpus) {
      expect(await ingestExtracted(neo4j, x)).toBe('new');
      await ingestExtracted(embedded, x);
    }
  }, 120_000);
  afterAll(async () => {
    await neo4j?.close();
    await embedded?.close();
  });

  it('builds the same graph as the embedded store, to the byte', async () => {
    expect(await graphStats(neo4j)).toEqual(await graphStats(embedded));
    expect(await exportJson(neo4j)).toBe(await exportJson(embedded));
  });

  it('changes nothing on a second ingest, and restores the same export after remove and ingest', async () => {
    const before = await exportJson(neo4j);
    for (const x of corpus) expect(await ingestExtracted(neo4j, x)).toBe('unchanged');
    await removeDocument(neo4j, 'bygdevekstavtale-nord-troms.pdf');
    await ingestExtracted(neo4j, corpus.find((x) => x.document.file === 'bygdevekstavtale-nord-troms.pdf')!);
    expect(await exportJson(neo4j)).toBe(before);
  });

  it('keeps nothing of a document whose write fails in the middle', async () => {
    const before = await exportJson(neo4j);
    const report = corpus.find((x) => x.document.kind === 'EVALUATION_REPORT')!;
    const revised = { ...structuredClone(report), document: { ...report.document, sha256: '0'.repeat(64) } };
    await expect(ingestExtracted(neo4j, revised, { failAfterStatements: 7 })).rejects.toThrow(/simulated failure/);
    expect(await exportJson(neo4j)).toBe(before);
  });

  it('retries a write that meets a transient error (the retry policy of managed transactions), and nothing else', async () => {
    let attempts = 0;
    const rows = await neo4j.write(async (tx) => {
      attempts++;
      if (attempts < 3) throw new Neo4jError('simulated deadlock', 'Neo.TransientError.Transaction.DeadlockDetected', '50N42', 'simulated');
      return (await tx.run(DOCUMENT_SHA, { id: 'document:bygdevekstavtale-nord-troms' })).length;
    });
    expect(attempts).toBe(3);
    expect(rows).toBe(1);
    let once = 0;
    await expect(
      neo4j.write(async () => {
        once++;
        throw new Error('not transient');
      }),
    ).rejects.toThrow('not transient');
    expect(once).toBe(1);
  });

  it('says clearly that Neo4j rejects wrong credentials', async () => {
    const config = storeConfig();
    if (config.backend !== 'neo4j') return;
    await expect(Neo4jStore.connect({ ...config, password: `${config.password}-wrong` })).rejects.toMatchObject({ code: 'STORE_AUTH' });
  });
});
