/**
 * The downloads, over HTTP (/export/<name>) and from `kg export`: the party network as GEXF 1.3
 * and GraphML with typed attributes and edge weights (read back by graphology's parsers), the
 * tables as CSV and XLSX (read back by exceljs), the whole graph as before; bad parameters named.
 */
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { UndirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THEMES } from '../domain/records.ts';
import { startTestServer, type TestServer } from './helpers/api.ts';

let api: TestServer;

beforeAll(async () => {
  api = await startTestServer();
}, 120_000);

afterAll(async () => {
  await api?.close();
});

const get = (path: string, init?: RequestInit) => fetch(`${api.url}${path}`, init);

/** The CSV's rows, as RFC 4180 reads them (quoted fields may hold commas, quotes and line breaks). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [[]];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') rows.at(-1)!.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') rows.at(-1)!.push(field), (field = ''), rows.push([]), i++;
    else field += c;
  }
  rows.at(-1)!.push(field);
  return rows;
}

describe('the party network for Gephi', () => {
  it('is GEXF 1.3 with typed node attributes, weighted undirected edges and the same parties as partyNetwork', async () => {
    const r = await get('/export/party-network.gexf');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/gexf+xml; charset=utf-8');
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="party-network\.gexf"/);
    const text = await r.text();
    const doc = new DOMParser().parseFromString(text, 'text/xml');
    const root = doc.documentElement!;
    expect(root.getAttribute('xmlns')).toBe('http://gexf.net/1.3');
    expect(root.getAttribute('version')).toBe('1.3');
    const types = Object.fromEntries(Array.from(doc.getElementsByTagName('attribute')).map((a) => [`${(a.parentNode as Element).getAttribute('class')}.${a.getAttribute('id')}`, a.getAttribute('type')]));
    expect(types).toMatchObject({ 'node.kind': 'string', 'node.pilots': 'integer', 'node.degree': 'integer', 'node.betweenness': 'double', 'edge.pilots': 'string' });

    const graph = parseGexf(UndirectedGraph, text);
    const { partyNetwork } = await api.data<{ partyNetwork: { nodes: { id: string; degree: number }[]; edges: { source: string; target: string; weight: number }[] } }>(
      '{ partyNetwork(limit: 100) { nodes { id degree } edges { source target weight } } }',
    );
    expect(graph.type).toBe('undirected');
    // the API gives at most 100 parties at a time, the most central first; the file has them all
    expect(partyNetwork.nodes.length).toBeLessThan(100);
    expect(graph.order).toBe(partyNetwork.nodes.length);
    expect(graph.size).toBe(partyNetwork.edges.length);
    expect(graph.getNodeAttribute('party:husbanken', 'label')).toBe('Husbanken');
    expect(graph.getNodeAttribute('party:husbanken', 'degree')).toBe(partyNetwork.nodes.find((n) => n.id === 'party:husbanken')!.degree);
    expect(typeof graph.getNodeAttribute('party:husbanken', 'betweenness')).toBe('number');
    const heaviest = [...partyNetwork.edges].sort((a, b) => b.weight - a.weight)[0]!;
    expect(heaviest.weight).toBeGreaterThan(1);
    expect(graph.getEdgeAttribute(graph.edge(heaviest.source, heaviest.target)!, 'weight')).toBe(heaviest.weight);
    // no Evidence, Passage or SubGoal node: the network of parties only
    expect(graph.filterNodes((id) => !id.startsWith('party:'))).toEqual([]);
  });

  it('is GraphML with typed keys and weights, filtered by kind and weight as asked', async () => {
    const text = await (await get('/export/party-network.graphml?kinds=STATE_AGENCY,MINISTRY,GOVERNOR,COUNTY&minWeight=2')).text();
    expect(text).toContain('<key id="weight" for="edge" attr.name="weight" attr.type="double"/>');
    expect(text).toContain('<key id="degree" for="node" attr.name="degree" attr.type="int"/>');
    const graph = parseGraphml(UndirectedGraph, text);
    expect(graph.order).toBeGreaterThan(3);
    graph.forEachNode((_, a) => expect(['STATE_AGENCY', 'MINISTRY', 'GOVERNOR', 'COUNTY']).toContain(a.kind));
    graph.forEachEdge((_, a) => expect(a.weight).toBeGreaterThanOrEqual(2));
    expect(typeof graph.getNodeAttribute('party:husbanken', 'degree')).toBe('number');
  });

  it('names a bad parameter', async () => {
    const r = await get('/export/party-network.gexf?kinds=BANK');
    expect(r.status).toBe(400);
    expect((await r.json()).error).toMatchObject({ code: 'BAD_USER_INPUT', param: 'kinds' });
    expect((await get('/export/party-network.gexf?minWeight=0')).status).toBe(400);
    expect((await get('/export/network.pdf')).status).toBe(404);
  });
});

describe('tables as CSV and XLSX', () => {
  it('gives the pilots × themes matrix: a row per pilot, a column per theme, counts that add up to the sub-goals on each theme', async () => {
    const r = await get('/export/matrix.csv');
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await r.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = readCsv(bytes.subarray(3).toString('utf8'));
    expect(header).toEqual(['pilot_id', 'pilot', 'cohort', 'sub_goals', ...THEMES]);
    const { pilots } = await api.data<{ pilots: { totalCount: number; items: { id: string }[] } }>('{ pilots(limit: 100) { totalCount items { id } } }');
    // a page large enough for the whole list: every pilot, and the count of them all
    expect(pilots.totalCount).toBe(pilots.items.length);
    expect(rows.map((row) => row[0]).sort()).toEqual(pilots.items.map((p) => p.id).sort());
    const housing = header!.indexOf('HOUSING');
    const total = rows.reduce((sum, row) => sum + Number(row[housing]), 0);
    const { subGoals } = await api.data<{ subGoals: { totalCount: number; items: { id: string }[] } }>('{ subGoals(theme: HOUSING, limit: 100) { totalCount items { id } } }');
    expect(total).toBe(subGoals.totalCount);
    expect(total).toBe(subGoals.items.length);
    expect(rows.find((row) => row[0] === 'pilot:nord-troms')![1]).toBe('Nord-Troms');
  });

  it('gives the pilots a party is involved in, with roles and quotes, and names an unknown party with suggestions', async () => {
    // text() drops the byte-order mark
    const rows = readCsv(await (await get('/export/pilots-involving.csv?party=Husbanken&theme=HOUSING')).text());
    expect(rows[0]).toEqual(['pilot_id', 'pilot', 'cohort', 'roles', 'agreements', 'sub_goals', 'evidence_count', 'evidence']);
    expect(rows.slice(1)).toHaveLength(8);
    // the same pilots as pilotsInvolving gives, walked three at a time
    type Involvement = { totalCount: number; pageInfo: { offset: number; hasNextPage: boolean }; items: { pilot: { id: string } }[] };
    const walked: string[] = [];
    for (let offset = 0; ; offset += 3) {
      const { pilotsInvolving: page } = await api.data<{ pilotsInvolving: Involvement }>(
        'query ($offset: Int) { pilotsInvolving(party: "Husbanken", theme: HOUSING, limit: 3, offset: $offset) { totalCount pageInfo { offset hasNextPage } items { pilot { id } } } }',
        { offset },
      );
      expect(page.totalCount).toBe(8);
      expect(page.pageInfo).toEqual({ offset, hasNextPage: offset + page.items.length < 8 });
      walked.push(...page.items.map((i) => i.pilot.id));
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(walked).toHaveLength(8);
    expect(new Set(walked).size).toBe(8);
    expect(walked.sort()).toEqual(rows.slice(1).map((r) => r[0]).sort());
    expect(rows.find((r) => r[0] === 'pilot:nord-troms')![3]).toBe('SPECIAL_ROLE; PARTNER');
    expect(rows.find((r) => r[0] === 'pilot:nord-troms')![7]).toContain('bygdevekstavtale-nord-troms.pdf p. 5: Samarbeidsparter under dette delmålet');
    const unknown = await get('/export/pilots-involving.csv?party=Ingen%20slik%20etat');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatchObject({ code: 'NOT_FOUND', param: 'party' });
    const missing = await get('/export/pilots-involving.xlsx');
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatchObject({ param: 'party' });
  });

  it('gives workbooks that a spreadsheet reads: the transferable measures and the parties, typed cells, a frozen header', async () => {
    for (const name of ['transferable-measures', 'parties', 'matrix']) {
      const r = await get(`/export/${name}.xlsx`);
      expect(r.status, name).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await r.arrayBuffer());
      const sheet = workbook.worksheets[0]!;
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.rowCount, name).toBeGreaterThan(5);
      if (name === 'matrix') expect(typeof sheet.getRow(2).getCell(5).value).toBe('number');
      if (name === 'parties') expect(sheet.getRow(1).values).toEqual([undefined, 'party_id', 'name', 'kind', 'aliases']);
      if (name === 'transferable-measures') {
        const labels = new Set(sheet.getColumn(2).values.slice(2));
        const { transferableMeasures } = await api.data<{ transferableMeasures: { totalCount: number; items: { label: string }[] } }>(
          '{ transferableMeasures(minPilots: 2, limit: 100) { totalCount items { label } } }',
        );
        expect(transferableMeasures.totalCount).toBe(transferableMeasures.items.length);
        expect([...labels].sort()).toEqual(transferableMeasures.items.map((c) => c.label).sort());
      }
    }
  });

  it('lists every download, answers HEAD, and refuses other methods', async () => {
    const list = (await (await get('/export/')).json()) as { downloads: string[] };
    expect(list.downloads).toContain('/export/party-network.gexf');
    expect(list.downloads).toContain('/export/matrix.xlsx');
    const head = await get('/export/parties.csv', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(100);
    expect((await get('/export/parties.csv', { method: 'POST' })).status).toBe(405);
  });

  it('serves the whole graph as kg export gives it', async () => {
    const graph = (await (await get('/export/graph.json')).json()) as { nodes: unknown[]; relationships: unknown[] };
    expect(graph.nodes.length).toBeGreaterThan(500);
    expect(await (await get('/export/graph.gexf')).text()).toContain('<gexf');
  });
});

describe('kg export of a download', () => {
  const cli = new URL('../cli/kg.ts', import.meta.url).pathname;
  it('refuses what it cannot do, with exit code 2', { timeout: 180_000 }, () => {
    const kg = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 60_000 });
    const noParty = kg('export', 'pilots-involving.csv');
    expect(noParty.status).toBe(2);
    expect(noParty.stderr).toContain('pilots-involving needs --party <name>');
    const binary = kg('export', 'matrix.xlsx', '--json');
    expect(binary.status).toBe(2);
    expect(binary.stderr).toContain('--json prints only JSON: write matrix.xlsx with --out FILE');
    const badKind = kg('export', 'party-network.gexf', '--kinds', 'BANK');
    expect(badKind.status).toBe(2);
    expect(badKind.stderr).toMatch(/--kinds: "BANK" is not a party kind/);
  });
});
