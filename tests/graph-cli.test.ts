/** The store commands of `kg`: ingest with a per-file summary, stats, export, cypher, remove, and clear errors. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphExport } from '../graph/export.ts';
import { corpusPath } from './helpers/corpus.ts';

const cli = new URL('../cli/kg.ts', import.meta.url).pathname;
let dataDir: string;
let inbox: string;
const kg = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, KG_DATA_DIR: dataDir, NEO4J_URI: '' } });

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'kg-cli-'));
  dataDir = join(dir, 'data');
  inbox = join(dir, 'inbox');
  mkdirSync(inbox);
  copyFileSync(corpusPath('bygdevekstavtale-smola-aure.pdf'), join(inbox, 'bygdevekstavtale-smola-aure.pdf'));
  copyFileSync(corpusPath('tromsvekstavtale-nord-troms-2025-2028.pdf'), join(inbox, 'tromsvekstavtale-nord-troms-2025-2028.pdf'));
  writeFileSync(join(inbox, 'skadd.pdf'), '%PDF-1.7\n1 0 obj');
});

describe('kg ingest, stats, export, cypher, remove', () => {
  it('ingests a folder and reports each file: new, unchanged, failed with its reason', () => {
    const first = kg('ingest', inbox);
    expect(first.status).toBe(1); // one file failed
    expect(first.stdout).toMatch(/bygdevekstavtale-smola-aure\.pdf.*'new'/);
    expect(first.stdout).toMatch(/skadd\.pdf.*failed DAMAGED_PDF/);
    expect(first.stdout).toContain('2 new, 0 unchanged, 0 replaced, 1 failed (3 files)');
    const again = kg('ingest', inbox);
    expect(again.stdout).toContain('0 new, 2 unchanged, 0 replaced, 1 failed (3 files)');
  });

  it('takes the number of reading threads, and refuses one that is no whole number of at least 1', () => {
    const one = kg('ingest', inbox, '--jobs', '2');
    expect(one.stdout).toContain('0 new, 2 unchanged, 0 replaced, 1 failed (3 files)');
    for (const bad of ['0', '1.5', 'two']) {
      const run = kg('ingest', inbox, '--jobs', bad);
      expect(run.status, bad).toBe(2);
      expect(run.stderr).toMatch(/--jobs/);
    }
  });

  it('prints the counts and the store location', () => {
    const run = kg('stats', '--json');
    expect(run.status).toBe(0);
    const stats = JSON.parse(run.stdout);
    expect(stats.store).toMatchObject({ backend: 'embedded', location: join(dataDir, 'graph.grafeo'), lastIngestDocument: 'document:tromsvekstavtale-nord-troms-2025-2028' });
    expect(stats.store.sizeBytes).toBeGreaterThan(10_000);
    expect(Date.now() - Date.parse(stats.store.lastIngestAt)).toBeLessThan(10 * 60_000);
    const text = kg('stats');
    expect(text.stdout).toMatch(/size on disk: \d+(\.\d)? (KiB|MiB)/);
    expect(text.stdout).toContain(`last ingest: ${stats.store.lastIngestAt} (document:tromsvekstavtale-nord-troms-2025-2028)`);
    expect(stats.documents).toBe(2);
    expect(stats.nodes).toMatchObject({ Document: 2, Agreement: 2, SubGoal: 12 });
  });

  it('exports the graph as { nodes, relationships } to a file', () => {
    const out = join(dataDir, 'graph.json');
    expect(kg('export', '--format', 'json', '--out', out).status).toBe(0);
    const graph = JSON.parse(readFileSync(out, 'utf8')) as GraphExport;
    expect(graph.nodes.find((n) => n.id === 'agreement:bygdevekst-smola-og-aure')).toMatchObject({ labels: ['Agreement'], properties: { scheme: 'BYGDEVEKST' } });
    expect(graph.relationships.filter((r) => r.type === 'SIGNED').map((r) => [r.start, r.end, r.properties.person])).toEqual([
      ['party:nord-tromsradet', 'agreement:tromsvekst-nord-troms-2025-2028', 'Bernt Eirik Lyngstad'],
      ['party:troms-fylkeskommune', 'agreement:tromsvekst-nord-troms-2025-2028', 'Kristina Torbergsen'],
    ]);
    expect(kg('export', '--format', 'csv').status).not.toBe(0);
  });

  it('runs a read query with parameters, and keeps nothing a query writes', () => {
    const read = kg('cypher', 'MATCH (p:Party)-[:PARTNER_IN]->(s:SubGoal) WHERE p.name = $name RETURN s.number AS n ORDER BY n', '--params', '{"name":"Husbanken"}');
    expect(JSON.parse(read.stdout)).toEqual([{ n: '1' }]);
    kg('cypher', "CREATE (p:Party {id: 'party:x'}) RETURN p.id AS id");
    expect(JSON.parse(kg('cypher', "MATCH (p:Party {id: 'party:x'}) RETURN count(p) AS n").stdout)).toEqual([{ n: 0 }]);
  });

  it('removes a document by file name, and says so clearly for one it does not hold', () => {
    expect(kg('remove', 'bygdevekstavtale-smola-aure.pdf').status).toBe(0);
    expect(JSON.parse(kg('stats', '--json').stdout).documents).toBe(1);
    const missing = kg('remove', 'bygdevekstavtale-smola-aure.pdf');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('NOT_FOUND: document:bygdevekstavtale-smola-aure: the store holds no such document');
  });

  it('names a bad setting before doing anything', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', cli, 'stats'], { encoding: 'utf8', env: { ...process.env, NEO4J_URI: 'localhost:7687' } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('BAD_CONFIG: NEO4J_URI: must be a bolt:// or neo4j:// URI');
  });
});
