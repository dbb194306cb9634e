/**
 * The store with the whole corpus, on each backend (the embedded store and Neo4j, the same tests):
 * counts that follow from the extraction, idempotent re-ingest, removal that keeps what other
 * documents contributed, order independence, new versions, and all-or-nothing writes.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, storeConfig } from '../cli/config.ts';
import { ingestExtracted, removeDocument } from '../graph/documents.ts';
import { extend, merge } from '../graph/derived.ts';
import { exportGraph, serialise } from '../graph/export.ts';
import { decodePassages } from '../graph/stored-passages.ts';
import { documentId } from '../domain/ids.ts';
import { graphStats } from '../graph/stats.ts';
import type { GraphStore } from '../graph/store.ts';
import type { ExtractedDocument } from '../domain/records.ts';
import { BACKEND_HOOK_TIMEOUT, forEachBackend } from './helpers/backends.ts';
import { extractCorpus, temporaryStore } from './helpers/store.ts';

let corpus: ExtractedDocument[];
const exportJson = async (s: GraphStore) => serialise(await exportGraph(s), 'json');

beforeAll(async () => {
  corpus = await extractCorpus();
});

/** What the extraction says the graph must hold, counted straight from the records. */
function expectedCounts(records: ExtractedDocument[]) {
  const agreements = records.flatMap((x) => x.agreements);
  const subGoals = agreements.flatMap((a) => a.subGoals);
  const measures = subGoals.flatMap((s) => s.measures);
  const distinct = (values: string[]) => new Set(values).size;
  const evidence = [
    ...agreements.flatMap((a) => [...a.focusAreas.map((f) => f.evidence), ...a.obligations.map((o) => o.evidence), ...a.crossReferences.map((r) => r.evidence)]),
    ...subGoals.map((s) => s.evidence),
    ...measures.map((m) => m.evidence),
  ].map((e) => `${e.document}|${e.page}|${e.quote}`);
  return {
    nodes: {
      Document: records.length,
      Agreement: distinct(agreements.map((a) => a.id)),
      Pilot: distinct(agreements.map((a) => a.pilot.id)),
      Party: distinct(records.flatMap((x) => x.parties.map((p) => p.id))),
      FocusArea: agreements.reduce((n, a) => n + a.focusAreas.length, 0),
      SubGoal: subGoals.length,
      Measure: measures.length,
      Obligation: agreements.reduce((n, a) => n + a.obligations.length, 0),
      PlanAnchor: distinct(agreements.flatMap((a) => a.planAnchors.map((p) => p.id))),
      Theme: distinct([...subGoals.flatMap((s) => s.themes), ...measures.flatMap((m) => m.themes)]),
      Evidence: distinct(evidence),
      CrossReference: agreements.reduce((n, a) => n + a.crossReferences.length, 0),
      PartnerGroup: distinct(subGoals.flatMap((s) => (s.groups ?? []).map((g) => g.name.toLowerCase()))),
      // one node holds a document's passages
      DocumentText: records.filter((x) => (x.passages ?? []).length > 0).length,
    },
    relationships: {
      PARTNER_IN: subGoals.reduce((n, s) => n + s.partners.length, 0),
      MAY_INVITE: subGoals.reduce((n, s) => n + s.mayInvite.length, 0),
      MAIN_PARTY_OF: agreements.reduce((n, a) => n + a.mainParties.length, 0),
      SPECIAL_ROLE_IN: agreements.reduce((n, a) => n + a.specialRoles.length, 0),
      HAS_MEASURE: measures.length,
      UNDER: agreements.reduce((n, a) => n + a.obligations.length, 0),
      BINDS: agreements.reduce((n, a) => n + a.obligations.reduce((m, o) => m + o.parties.length, 0), 0),
      MENTIONS: records.reduce((n, x) => n + x.parties.length, 0),
      INCLUDES: distinct(agreements.flatMap((a) => a.pilot.municipalities.map((m) => `${a.pilot.id}|${m}`))),
      GROUP_IN: distinct(subGoals.flatMap((s) => (s.groups ?? []).map((g) => `${g.name.toLowerCase()}|${s.id}`))),
      HAS_TEXT: records.filter((x) => (x.passages ?? []).length > 0).length,
      ABOUT: subGoals.reduce((n, s) => n + s.themes.length, 0) + measures.reduce((n, m) => n + m.themes.length, 0),
    },
  };
}

forEachBackend('the corpus in the store', (backend) => {
  let store: GraphStore;
  beforeAll(async () => {
    store = await backend.open();
    for (const x of corpus) expect(await ingestExtracted(store, x)).toBe('new');
  }, BACKEND_HOOK_TIMEOUT);
  afterAll(async () => store?.close());

  it('holds exactly the nodes and relationships the extraction yields', async () => {
    const stats = await graphStats(store);
    const expected = expectedCounts(corpus);
    expect(stats.nodes).toEqual(expected.nodes);
    for (const [type, count] of Object.entries(expected.relationships)) expect(stats.relationships[type], type).toBe(count);
    // the figures, as the extraction tests justify them (see the closing note of the extraction work)
    expect(stats.nodes).toMatchObject({ Document: 5, Agreement: 9, Pilot: 8, SubGoal: 51, Measure: 136, Obligation: 150, PlanAnchor: 23, Theme: 16 });
    expect(stats.relationships).toMatchObject({ PARTNER_IN: 157, MAY_INVITE: 38, MAIN_PARTY_OF: 27, SPECIAL_ROLE_IN: 9, SIGNED: 2, DESCRIBES: 9, FOR_PILOT: 9 });
  });

  it("reads each document's passages back from its one text value as they were extracted", async () => {
    for (const x of corpus) {
      const [row] = await store.readOnly('MATCH (d:Document {id: $doc})-[:HAS_TEXT]->(t:DocumentText) RETURN t.id AS id, d.file AS document, t.passages AS passages', { doc: documentId(x.document.file) });
      expect(x.passages?.length, x.document.file).toBeGreaterThan(0);
      expect(decodePassages(row!.id as string, row!.document as string, row!.passages), x.document.file).toEqual(x.passages);
    }
  });

  it('links the two Nord-Troms agreements both ways, whichever came first', async () => {
    const rows = await store.readOnly('MATCH (a:Agreement)-[r:REFERENCES]->(b:Agreement) RETURN a.id AS a, b.id AS b ORDER BY a');
    expect(rows).toEqual([
      { a: 'agreement:bygdevekst-nord-troms', b: 'agreement:tromsvekst-nord-troms-2025-2028' },
      { a: 'agreement:tromsvekst-nord-troms-2025-2028', b: 'agreement:bygdevekst-nord-troms' },
    ]);
  });

  it('changes nothing when the same files are ingested again', async () => {
    const before = await exportJson(store);
    for (const x of corpus) expect(await ingestExtracted(store, x)).toBe('unchanged');
    expect(await exportJson(store)).toBe(before);
  });

  it('gives the same graph whatever order the documents come in', async () => {
    const reversed = await backend.open();
    try {
      for (const x of [...corpus].reverse()) await ingestExtracted(reversed, x);
      expect(await exportJson(reversed)).toBe(await exportJson(store));
    } finally {
      await reversed.close();
    }
  });

  it('removes a document and only what it alone contributed; ingesting it again restores the same export', async () => {
    const before = await exportJson(store);
    const nordTroms = corpus.find((x) => x.document.file === 'bygdevekstavtale-nord-troms.pdf')!;
    await removeDocument(store, 'bygdevekstavtale-nord-troms.pdf');
    const husbanken = await store.readOnly("MATCH (p:Party {id: 'party:husbanken'})<-[m:MENTIONS]-(d:Document) RETURN d.id AS doc");
    expect(husbanken.length).toBeGreaterThan(0); // named in other documents too: it survives
    expect(husbanken.map((r) => r.doc)).not.toContain('document:bygdevekstavtale-nord-troms');
    const gone = await store.readOnly("MATCH (p:Party {id: 'party:nord-troms-plan-og-eiendom'}) RETURN p.id AS id");
    expect(gone).toEqual([]); // named only there: it goes
    expect(await store.readOnly("MATCH (a:Agreement {id: 'agreement:bygdevekst-nord-troms'}) RETURN a.id AS id")).toEqual([]);
    expect(await store.readOnly('MATCH ()-[r:REFERENCES]->() RETURN count(r) AS n')).toEqual([{ n: 0 }]);
    expect(await ingestExtracted(store, nordTroms)).toBe('new');
    expect(await exportJson(store)).toBe(before);
  });

  it('replaces a new version of a document: its old facts go, what others contributed stays', async () => {
    const before = await exportJson(store);
    const original = corpus.find((x) => x.document.file === 'bygdevekstavtale-smola-aure.pdf')!;
    const revised: ExtractedDocument = structuredClone(original);
    revised.document.sha256 = 'f'.repeat(64);
    revised.agreements[0]!.subGoals = revised.agreements[0]!.subGoals.filter((s) => s.number !== '4');
    revised.agreements[0]!.obligations = revised.agreements[0]!.obligations.filter((o) => !o.under.endsWith(':4'));
    expect(await ingestExtracted(store, revised)).toBe('replaced');
    const subGoals = await store.readOnly("MATCH (:Agreement {id: 'agreement:bygdevekst-smola-og-aure'})-[:HAS_SUBGOAL]->(s:SubGoal) RETURN s.number AS n ORDER BY n");
    expect(subGoals.map((r) => r.n)).toEqual(['1', '2', '3', '5']);
    expect(await store.readOnly("MATCH (d:Document {id: 'document:bygdevekstavtale-smola-aure'}) RETURN d.sha256 AS sha")).toEqual([{ sha: 'f'.repeat(64) }]);
    expect(await ingestExtracted(store, original)).toBe('replaced');
    expect(await exportJson(store)).toBe(before);
  });

  it('leaves the store as it was when a write fails in the middle of a document', async () => {
    const before = await exportJson(store);
    const report = corpus.find((x) => x.document.kind === 'EVALUATION_REPORT')!;
    await removeDocument(store, report.document.file);
    const withoutReport = await exportJson(store);
    for (const failAfter of [0, 3, 12, 30]) {
      await expect(ingestExtracted(store, report, { failAfterStatements: failAfter, batchSize: 10 })).rejects.toThrow(/simulated failure/);
      expect(await exportJson(store), `failure after ${failAfter} statements`).toBe(withoutReport);
    }
    // a failing new version leaves the old version whole
    await ingestExtracted(store, report);
    const revised = { ...structuredClone(report), document: { ...report.document, sha256: '0'.repeat(64) } };
    await expect(ingestExtracted(store, revised, { failAfterStatements: 5 })).rejects.toThrow(/simulated failure/);
    expect(await exportJson(store)).toBe(before);
  });

  it('exports GraphML and GEXF with every node and relationship', async () => {
    const graph = await exportGraph(store);
    const graphml = serialise(graph, 'graphml');
    const gexf = serialise(graph, 'gexf');
    expect(graphml.match(/<node /g)).toHaveLength(graph.nodes.length);
    expect(graphml.match(/<edge /g)).toHaveLength(graph.relationships.length);
    expect(gexf.match(/<node /g)).toHaveLength(graph.nodes.length);
    expect(gexf.match(/<edge /g)).toHaveLength(graph.relationships.length);
    expect(graphml).toContain('<node id="party:husbanken">');
  });
});

describe('opening the store', () => {
  it('refuses a second process the embedded store with a clear error, and does not harm it', async () => {
    const store = await temporaryStore();
    await ingestExtracted(store, corpus[0]!);
    const path = store.location;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', `
      import('${new URL('../graph/embedded-store.ts', import.meta.url).pathname}').then(({ EmbeddedStore }) => {
        try { EmbeddedStore.open(${JSON.stringify(path)}); console.log('opened'); }
        catch (e) { console.log(e.code + ' ' + e.message); }
      });`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    await new Promise((resolve) => child.on('close', resolve));
    expect(out).toMatch(/^STORE_LOCKED .*graph\.grafeo: the embedded store is in use by another process/);
    expect((await graphStats(store)).nodes.Document).toBe(1);
    await store.close();
  });

  it('validates the configuration and names the bad setting', () => {
    const bad = (env: Record<string, string>) => {
      try {
        storeConfig(env);
      } catch (error) {
        return error instanceof ConfigError ? `${error.code} ${error.setting}: ${error.reason}` : String(error);
      }
      return 'no error';
    };
    expect(bad({ NEO4J_URI: 'http://localhost:7474' })).toMatch(/^BAD_CONFIG NEO4J_URI: must be a bolt:\/\/ or neo4j:\/\//);
    expect(bad({ NEO4J_URI: 'bolt://localhost:7687' })).toBe('BAD_CONFIG NEO4J_USER: must be set when NEO4J_URI is set');
    expect(bad({ NEO4J_URI: 'neo4j+s://x.databases.neo4j.io', NEO4J_USER: 'neo4j' })).toBe('BAD_CONFIG NEO4J_PASSWORD: must be set when NEO4J_URI is set');
    expect(storeConfig({ KG_DATA_DIR: '/tmp/kg-data' })).toEqual({ backend: 'embedded', path: join('/tmp/kg-data', 'graph.grafeo') });
    expect(storeConfig({ NEO4J_URI: 'bolt://localhost:7687', NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'secret' })).toMatchObject({ backend: 'neo4j', uri: 'bolt://localhost:7687' });
  });
});

describe('shared node properties extended by a new document', () => {
  const earlier = [
    { name: 'Husbanken', kind: 'STATE_AGENCY', aliases: ['Husbanken'], docs: ['document:b'] },
    { name: 'Husbanken', kind: 'STATE_AGENCY', aliases: ['Den Norske Stats Husbank'], docs: ['document:c'] },
  ];
  const before = merge('Party', ['aliases'], earlier)!;

  it('gives what a recomputation from every view gives when the new views agree', () => {
    const fresh = { name: 'Husbanken', kind: 'STATE_AGENCY', aliases: ['HB'], docs: ['document:a'] };
    // document:a sorts first, so it would win every value: they are the same values
    expect(extend('Party', ['aliases'], before, [fresh], 'document:a')).toEqual(merge('Party', ['aliases'], [...earlier, fresh]));
    expect(extend('Party', ['aliases'], before, [fresh], 'document:a')!.aliases).toEqual(['Den Norske Stats Husbank', 'HB', 'Husbanken']);
  });

  it('places a differing new view where it stands in the order of views, as a recomputation does', () => {
    // document:a sorts before the earlier views, so its kind wins; document:d sorts after, so it does not
    const first = { name: 'Husbanken', kind: 'OTHER', aliases: [], docs: ['document:a'] };
    expect(extend('Party', ['aliases'], before, [first], 'document:a')).toEqual(merge('Party', ['aliases'], [...earlier, first]));
    expect(extend('Party', ['aliases'], before, [first], 'document:a')!.kind).toBe('OTHER');
    const last = { name: 'Husbanken', kind: 'OTHER', aliases: ['HB'], docs: ['document:d'] };
    expect(extend('Party', ['aliases'], before, [last], 'document:d')).toEqual(merge('Party', ['aliases'], [...earlier, last]));
    expect(extend('Party', ['aliases'], before, [last], 'document:d')!.kind).toBe('STATE_AGENCY');
    // an agreement's own text comes before a report's summary, whatever the document ids
    const views = [{ title: 'Summary', source: 'REPORT_SUMMARY', docs: ['document:a'] }];
    const own = { title: 'Own text', source: 'AGREEMENT', docs: ['document:z'] };
    expect(extend('Agreement', [], merge('Agreement', [], views)!, [own], 'document:z')!.title).toBe('Own text');
    // a value no earlier view had comes from the new view
    const pilot = merge('Pilot', ['otherNames'], [{ name: 'Midt', otherNames: [], docs: ['document:b'] }])!;
    expect(extend('Pilot', ['otherNames'], pilot, [{ name: 'Midt', cohort: 1, otherNames: [], docs: ['document:a'] }], 'document:a')!.cohort).toBe(1);
  });

  it('leaves it to a recomputation when a new view was written by another document too, or the node has no order of views', () => {
    expect(extend('Party', ['aliases'], before, [{ name: 'Husbanken', kind: 'STATE_AGENCY', aliases: [], docs: ['document:a', 'document:b'] }], 'document:a')).toBeUndefined();
    expect(extend('Pilot', ['otherNames'], { name: 'Midt', otherNames: [] }, [{ name: 'Midt', cohort: 1, otherNames: [], docs: ['document:a'] }], 'document:a')).toBeUndefined();
  });
});

describe("a document's stored passages", () => {
  it('refuse a value that is not the list this version writes, naming the node', () => {
    for (const bad of ['{"not": "a list"}', 'not json', 42, '[{"id": "passage:x:1", "kind": "POEM", "text": "x", "page": 1}]']) {
      expect(() => decodePassages('text:x', 'x.pdf', bad)).toThrow(expect.objectContaining({ code: 'QUERY_FAILED', subject: 'text:x' }));
    }
  });
});
