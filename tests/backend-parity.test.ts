/**
 * The same answers from both backends. One API server over the embedded store and one over Neo4j,
 * each holding the corpus: every operation of GraphiQL's examples (api/examples.graphql), every
 * GraphQL example of the README, and every question of the schema (each Query field with all the
 * fields it can give, three levels deep) is asked of both and the answers compared; `kg export`
 * on Neo4j prints the embedded store's export; an upload through the API lands in Neo4j as it
 * lands in the embedded store.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  print,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type OperationDefinitionNode,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportGraph, serialise } from '../graph/export.ts';
import type { GraphStore } from '../graph/store.ts';
import { startTestServer, type TestServer } from './helpers/api.ts';
import { BACKEND_HOOK_TIMEOUT, BACKEND_TEST_TIMEOUT, EMBEDDED, NEO4J } from './helpers/backends.ts';
import { projectRoot } from './helpers/corpus.ts';
import { renderTextToPdf } from './helpers/extracted.ts';
import { NEO4J_TEST_PASSWORD, NEO4J_TEST_USER } from './neo4j-server/launcher.ts';

const TOKEN = 'parity-token-3c9e';
// the answers are compared whole, so the budgets that cut broad questions short are lifted
const limits = { maxCost: 10_000_000, maxTokens: 100_000, maxRowsRead: 10_000_000, timeBudgetMs: 600_000, cachedResponses: 0 };

interface Question {
  source: string;
  name: string;
  query: string;
}

/** GraphiQL's examples: each operation of api/examples.graphql. */
function graphiqlExamples(): Question[] {
  const document = parse(readFileSync(join(projectRoot, 'api/examples.graphql'), 'utf8'));
  return document.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((op, i) => ({ source: 'GraphiQL', name: op.name?.value ?? `operation ${i + 1}`, query: print(op) }));
}

/** The README's GraphQL examples: each ```graphql block. */
function readmeExamples(): Question[] {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  return [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m, i) => ({ source: 'README', name: `example ${i + 1}: ${m[1]!.replace(/\s+/g, ' ').slice(0, 60)}`, query: m[1]! }));
}

/** Values for the arguments a question requires, by argument name. */
const SAMPLE_ARGUMENTS: Record<string, string> = {
  party: '"Husbanken"',
  name: '"Husbanken"',
  text: '"bustad"',
  a: '"agreement:bygdevekst-nord-troms"',
  b: '"agreement:tromsvekst-nord-troms-2025-2028"',
  id: '"agreement:bygdevekst-nord-troms"',
};

/** A page of a list: `XPage { totalCount pageInfo items }`. */
const isPage = (type: GraphQLObjectType) => ['totalCount', 'pageInfo', 'items'].every((f) => f in type.getFields());

/** Every Query field, with every field it can give down to `depth` levels. */
function schemaQuestions(depth = 3): Question[] {
  const schema = buildSchema(readFileSync(join(projectRoot, 'api/schema.graphql'), 'utf8'));
  const args = (field: GraphQLField<unknown, unknown>) => {
    const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    const missing = required.filter((a) => !(a.name in SAMPLE_ARGUMENTS));
    if (missing.length > 0) throw new Error(`no sample value for the argument ${field.name}(${missing.map((a) => a.name).join(', ')}:): add one to SAMPLE_ARGUMENTS`);
    return required.length ? `(${required.map((a) => `${a.name}: ${SAMPLE_ARGUMENTS[a.name]}`).join(', ')})` : '';
  };
  const select = (type: GraphQLOutputType, level: number): string | undefined => {
    const named = getNamedType(type);
    if (isLeafType(named)) return '';
    if (!isObjectType(named) || level === 0) return undefined;
    // a page (XPage { totalCount pageInfo items }) is a list: its items count at the page's level, so pages ask as deep as lists did
    if (isPage(named)) {
      const items = select(named.getFields().items!.type, level);
      return items === undefined ? undefined : `totalCount pageInfo { offset limit hasNextPage } items { ${items} }`;
    }
    const fields = Object.values(named.getFields())
      .map((f) => {
        const sub = select(f.type, level - 1);
        return sub === undefined ? undefined : `${f.name}${args(f)}${sub ? ` { ${sub} }` : ''}`;
      })
      .filter((f): f is string => f !== undefined);
    return fields.length ? fields.join(' ') : undefined;
  };
  return Object.values(schema.getQueryType()!.getFields()).map((field) => ({
    source: 'schema',
    name: field.name,
    query: `{ ${field.name}${args(field)}${isLeafType(getNamedType(field.type)) ? '' : ` { ${select(field.type, depth)} }`} }`,
  }));
}

/** Where two answers first differ (key order counts, as the client sees it), or undefined. */
function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  const show = (v: unknown) => JSON.stringify(v)?.slice(0, 240);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path || 'answer'}: ${a.length} items on the embedded store, ${b.length} on Neo4j: ${show(a)} / ${show(b)}`;
    for (const [i, x] of a.entries()) {
      const d = firstDifference(x, b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const [ka, kb] = [Object.keys(a), Object.keys(b)];
    if (ka.join() !== kb.join()) return `${path || 'answer'}: keys ${ka.join(',')} on the embedded store, ${kb.join(',')} on Neo4j`;
    for (const k of ka) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : `${path || 'answer'}: ${show(a)} on the embedded store, ${show(b)} on Neo4j`;
}

const questions = [...graphiqlExamples(), ...readmeExamples(), ...schemaQuestions()];

describe('the questions asked of both backends', () => {
  it('has every question of the schema, and the examples of GraphiQL and the README', () => {
    const bySource = (source: string) => questions.filter((q) => q.source === source).length;
    expect(bySource('GraphiQL')).toBeGreaterThanOrEqual(7);
    expect(bySource('README')).toBeGreaterThanOrEqual(7);
    expect(questions.filter((q) => q.source === 'schema').map((q) => q.name)).toEqual(expect.arrayContaining(['pilotsInvolving', 'compareAgreements', 'transferableMeasures', 'partyNetwork', 'searchByAgreement', 'documents', 'themes']));
  });

  it('asks each page for its count and where it stands, and its items as deep as a list', () => {
    const documents = questions.find((q) => q.source === 'schema' && q.name === 'documents')!.query;
    expect(documents).toMatch(/^\{ documents \{ totalCount pageInfo \{ offset limit hasNextPage \} items \{ id file /);
    // a nested page too (Party.pilots), and a list inside the items of a page, two levels down
    expect(questions.find((q) => q.name === 'parties')!.query).toContain('pilots { totalCount pageInfo { offset limit hasNextPage } items { id name');
    expect(documents).toContain('agreements { id title');
    // GraphiQL's examples show paging
    const examples = questions.filter((q) => q.source === 'GraphiQL').map((q) => q.query).join('\n');
    for (const word of ['totalCount', 'pageInfo', 'hasNextPage', 'offset: 5']) expect(examples).toContain(word);
  });
});

describe.skipIf(Boolean(NEO4J.skip))('the same answers on the embedded store and on Neo4j', { timeout: BACKEND_TEST_TIMEOUT }, () => {
  let embedded: TestServer<GraphStore>;
  let neo4j: TestServer<GraphStore>;
  const exportJson = async (s: GraphStore) => serialise(await exportGraph(s), 'json');

  beforeAll(async () => {
    [embedded, neo4j] = await Promise.all([
      startTestServer({ backend: EMBEDDED, token: TOKEN, limits }),
      startTestServer({ backend: NEO4J, token: TOKEN, limits }),
    ]);
  }, BACKEND_HOOK_TIMEOUT);
  afterAll(async () => {
    await embedded?.close();
    await neo4j?.close();
  });

  it('holds the same graph: the exports are identical', async () => {
    expect(neo4j.store.backend).toBe('neo4j');
    expect(await exportJson(neo4j.store)).toBe(await exportJson(embedded.store));
  });

  it(`gives the same answer to each of the ${questions.length} questions`, async () => {
    const different: string[] = [];
    let answered = 0;
    for (const q of questions) {
      const [a, b] = [await embedded.gql(q.query), await neo4j.gql(q.query)];
      expect(a.body.errors, `${q.source} ${q.name} (embedded)`).toBeUndefined();
      expect(a.body.data, `${q.source} ${q.name}`).toBeTruthy();
      const difference = firstDifference(a.body, b.body);
      if (difference) different.push(`${q.source} ${q.name}: ${difference}`);
      else answered++;
    }
    console.log(`backend parity: ${answered} of ${questions.length} answers identical on the embedded store and Neo4j`);
    expect(different).toEqual([]);
  });

  it('prints the embedded store\'s export from the command line on Neo4j (kg export --format json)', async () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'cli/kg.ts'), 'export', '--format', 'json'], {
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, NEO4J_URI: neo4j.store.location, NEO4J_USER: process.env.NEO4J_USER ?? NEO4J_TEST_USER, NEO4J_PASSWORD: process.env.NEO4J_PASSWORD ?? NEO4J_TEST_PASSWORD },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe((await exportJson(embedded.store)).trim());
  });

  it('lands an upload through the API in Neo4j as in the embedded store', async () => {
    const pdf = await renderTextToPdf(join(projectRoot, 'tests/golden/generalisation/bygdevekstavtale-fjellbygd.txt'), 'nn');
    const upload = async (api: TestServer<GraphStore>) => {
      const form = new FormData();
      form.append('operations', JSON.stringify({ query: 'mutation($file: File!) { ingestDocument(file: $file) { file status document { id } agreements { id pilot { name } } } }', variables: { file: null } }));
      form.append('map', JSON.stringify({ 0: ['variables.file'] }));
      form.append('0', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'bygdevekstavtale-fjellbygd.pdf');
      const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'x-graphql-yoga-csrf': '1' }, body: form });
      return response.json();
    };
    const housing = '{ pilotsInvolving(party: "Husbanken", theme: HOUSING, limit: 100) { totalCount pageInfo { hasNextPage } items { pilot { name } subGoals { number } } } }';
    type Housing = { pilotsInvolving: { totalCount: number; pageInfo: { hasNextPage: boolean }; items: { pilot: { name: string } }[] } };
    const before = (await neo4j.data<Housing>(housing)).pilotsInvolving.items.map((e) => e.pilot.name);
    const [a, b] = [await upload(embedded), await upload(neo4j)];
    expect(b).toEqual({ data: { ingestDocument: { file: 'bygdevekstavtale-fjellbygd.pdf', status: 'NEW', document: { id: 'document:bygdevekstavtale-fjellbygd' }, agreements: [{ id: 'agreement:bygdevekst-nord-gudbrandsdal', pilot: { name: 'Nord-Gudbrandsdal' } }] } } });
    expect(b).toEqual(a);
    const held = await neo4j.store.readOnly("MATCH (d:Document {id: 'document:bygdevekstavtale-fjellbygd'}) RETURN d.file AS file");
    expect(held).toEqual([{ file: 'bygdevekstavtale-fjellbygd.pdf' }]);
    expect(await exportJson(neo4j.store)).toBe(await exportJson(embedded.store));
    const answer = await neo4j.data<Housing>(housing);
    expect(answer.pilotsInvolving.items.map((e) => e.pilot.name)).toContain('Nord-Gudbrandsdal');
    // the whole list in one page, and counted whole: the pilots of before and the upload's
    expect(answer.pilotsInvolving.totalCount).toBe(answer.pilotsInvolving.items.length);
    expect(answer.pilotsInvolving.totalCount).toBe(new Set([...before, 'Nord-Gudbrandsdal']).size);
    expect(answer.pilotsInvolving.pageInfo.hasNextPage).toBe(false);
    expect(answer).toEqual(await embedded.data(housing));
  });
});
