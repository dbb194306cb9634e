/**
 * The GraphML files — the party network and the whole graph — checked against the published
 * GraphML 1.0 schema (tests/helpers/official-schemas.ts), with a broken document first to show
 * that the check can fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/api.ts';
import { schemaTools, validateAgainst } from './helpers/official-schemas.ts';

const tools = schemaTools();
if (!tools.ok && process.env.KG_REQUIRE_NEO4J === '1') throw new Error(`the schema checks cannot run: ${tools.reason} (they need Java and Maven, as the Neo4j suites do)`);

describe.skipIf(!tools.ok)(`the GraphML files against the GraphML 1.0 schema${tools.ok ? '' : ` (skipped: ${tools.reason})`}`, { timeout: 300_000 }, () => {
  let api: TestServer;
  const download = async (path: string) => {
    const r = await fetch(`${api.url}${path}`);
    expect(r.status, path).toBe(200);
    return r.text();
  };

  beforeAll(async () => {
    api = await startTestServer();
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('the validator finds what is wrong (so a pass means something)', () => {
    const problems = validateAgainst('graphml', '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="w" for="edge" attr.type="weight"/><graph edgedefault="sideways"/></graphml>');
    expect(problems.join('\n')).toMatch(/'sideways'/);
    expect(problems.join('\n')).toMatch(/'weight'/);
  });

  it('the party network as GraphML is valid GraphML 1.0', async () => {
    const text = await download('/export/party-network.graphml');
    expect(text).toContain('<edge ');
    expect(validateAgainst('graphml', text)).toEqual([]);
  });

  it('the whole graph as GraphML is valid GraphML 1.0', async () => {
    const text = await download('/export/graph.graphml');
    expect(text).toContain('<edge ');
    expect(validateAgainst('graphml', text)).toEqual([]);
  });
});
