/**
 * No one request can take the server down by its fan-out: a query is costed by its real list sizes
 * before it runs (api/query-cost.ts), and a request that still runs long, reads too much, or
 * whose batch adds up to too much is stopped by its budget (api/request-budget.ts) — its store
 * reads stop, not only its answer.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildSchema, getNamedType, isEnumType, isListType, isNonNullType, isObjectType, Kind, parse, print, validate, type GraphQLField, type GraphQLObjectType, type OperationDefinitionNode } from 'graphql';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARGUMENT_COSTS, LIST_SIZES, MAX_PAGE, queryCost } from '../api/query-cost.ts';
import { createApi, DEFAULT_LIMITS, typeDefs, type ServerOptions } from '../api/server.ts';
import { ingestExtracted } from '../graph/documents.ts';
import type { EmbeddedStore } from '../graph/embedded-store.ts';
import { projectRoot } from './helpers/corpus.ts';
import { extractCorpus, temporaryStore } from './helpers/store.ts';

const schema = buildSchema(typeDefs);

/**
 * The two queries of the issue: lists inside lists within the depth limit (12), pages at their
 * default size where none is asked. A page's `items` is a level of its own, so the party fan-out
 * ends at the sub-goal's title rather than its measures.
 */
// roles asked 100 a page, as many as a party has in the corpus: the query must run for many seconds
const PARTY_FAN_OUT = `{ parties(limit: 100) { items { roles(limit: 100) { items { agreement { subGoals { partners { party { roles(limit: 100) { items { subGoal { title } } } } } } } } } } } }`;
const PILOT_FAN_OUT = `{ pilots { items { agreements { pilot { agreements { obligations(limit: 100) { items { parties { roles { items { agreement { title } } } } } } } } } } } }`;

/** Whether a type is a page of a list (`XPage { totalCount pageInfo items }`). */
const isPage = (type: unknown): boolean => isObjectType(type) && Object.keys(type.getFields()).sort().join() === 'items,pageInfo,totalCount';
const pageTypes = Object.values(schema.getTypeMap()).filter(isPage) as GraphQLObjectType[];

/** A literal for a required argument. */
function placeholder(field: GraphQLField<unknown, unknown>): string[] {
  return field.args
    .filter((a) => isNonNullType(a.type) && a.defaultValue === undefined)
    .map((a) => {
      const named = getNamedType(a.type);
      return `${a.name}: ${isEnumType(named) ? named.getValues()[0]!.name : named.name === 'Int' ? '1' : '"x"'}`;
    });
}

type Body = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };

interface Running {
  url: string;
  api: ReturnType<typeof createApi>;
  close(): Promise<void>;
}

let store: EmbeddedStore;
beforeAll(async () => {
  store = await temporaryStore();
  for (const x of await extractCorpus()) await ingestExtracted(store, x);
});
afterAll(async () => store.close());

async function serve(limits: ServerOptions['limits'] = {}): Promise<Running> {
  const api = createApi({ store, documentDirs: [], ingest: { token: undefined, maxBytes: 1024, uploadsDir: join(projectRoot, 'data', 'unused') }, logger: pino({ level: 'silent' }), limits });
  const server: Server = createServer((req, res) => void api.handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    api,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function post(url: string, body: unknown): Promise<{ status: number; body: Body | Body[]; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Body, ms: performance.now() - started };
}

const one = (r: { body: Body | Body[] }) => r.body as Body;
const codeOf = (b: Body) => b.errors?.[0]?.extensions?.code;

describe('the cost of a query, by its fan-out', () => {
  it('declares a size for every list without a limit, and only for such lists; a page’s items are as many as its limit', () => {
    const lists: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !('getFields' in type) || type.constructor.name !== 'GraphQLObjectType') continue;
      // a page's items: sized by the limit of the field that gives the page (below), not declared
      if (isPage(type)) continue;
      for (const field of Object.values((type as GraphQLObjectType).getFields())) {
        const composite = isObjectType(getNamedType(field.type));
        if (isListType(isNonNullType(field.type) ? field.type.ofType : field.type) && composite && !field.args.some((a) => a.name === 'limit')) lists.push(`${type.name}.${field.name}`);
      }
    }
    expect(lists.length).toBeGreaterThan(20);
    expect(lists.filter((l) => LIST_SIZES[l] === undefined)).toEqual([]);
    expect(Object.keys(LIST_SIZES).filter((l) => !lists.includes(l))).toEqual([]);
    // the pages: one for each kind of list that grows with the corpus, each a list of objects
    expect(pageTypes.length).toBeGreaterThanOrEqual(15);
    for (const page of pageTypes) {
      expect(page.name).toMatch(/Page$/);
      const items = page.getFields().items!.type;
      expect(isListType(isNonNullType(items) ? items.ofType : items), page.name).toBe(true);
      expect(isObjectType(getNamedType(items)), page.name).toBe(true);
    }
    // every field that gives a page takes a limit (its default within the largest page) and an offset, so its items are always sized
    const giving: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (!isPage(getNamedType(field.type))) continue;
        const coordinate = `${type.name}.${field.name}`;
        giving.push(coordinate);
        expect(isListType(isNonNullType(field.type) ? field.type.ofType : field.type), coordinate).toBe(false);
        const limit = field.args.find((a) => a.name === 'limit');
        expect(typeof limit?.defaultValue, coordinate).toBe('number');
        expect(limit!.defaultValue as number, coordinate).toBeGreaterThanOrEqual(1);
        expect(limit!.defaultValue as number, coordinate).toBeLessThanOrEqual(MAX_PAGE);
        expect(field.args.find((a) => a.name === 'offset')?.defaultValue, coordinate).toBe(0);
        expect(LIST_SIZES[coordinate], coordinate).toBeUndefined();
      }
    }
    expect(giving.length).toBeGreaterThanOrEqual(20);
    // no page type unused
    expect(pageTypes.filter((p) => !Object.values(schema.getTypeMap()).some((t) => isObjectType(t) && Object.values(t.getFields()).some((f) => getNamedType(f.type) === p))).map((p) => p.name)).toEqual([]);
  });

  it('costs each page question 1, its pageInfo 1, its totalCount nothing, and its items as many as its limit', () => {
    const questions = Object.values(schema.getQueryType()!.getFields()).filter((f) => isPage(getNamedType(f.type)));
    expect(questions.map((f) => f.name)).toEqual(
      expect.arrayContaining(['pilotsInvolving', 'transferableMeasures', 'similarMeasures', 'search', 'searchByAgreement', 'partnerGroups', 'documents', 'agreements', 'pilots', 'parties', 'subGoals', 'obligations', 'planAnchors']),
    );
    for (const field of questions) {
      const required = placeholder(field);
      const args = (more: string[] = []) => ([...required, ...more].length ? `(${[...required, ...more].join(', ')})` : '');
      // the arguments' own cost (a party name, a search text)
      const argumentCost = required.reduce((sum, a) => sum + (ARGUMENT_COSTS[`Query.${field.name}.${a.split(':')[0]}`] ?? 0), 0);
      const cost = (query: string) => queryCost(schema, parse(query)) - argumentCost;
      const limit = field.args.find((a) => a.name === 'limit')!.defaultValue as number;
      expect(cost(`{ ${field.name}${args()} { totalCount } }`), field.name).toBe(1);
      expect(cost(`{ ${field.name}${args()} { totalCount pageInfo { offset limit hasNextPage } } }`), field.name).toBe(1 + 1);
      expect(cost(`{ ${field.name}${args()} { items { __typename } } }`), field.name).toBe(1 + limit);
      expect(cost(`{ ${field.name}${args(['limit: 7', 'offset: 30'])} { totalCount pageInfo { hasNextPage } items { __typename } } }`), field.name).toBe(1 + 1 + 7);
      // a limit past the largest page (refused when it runs) counts as the largest page
      expect(cost(`{ ${field.name}${args(['limit: 100000'])} { items { __typename } } }`), field.name).toBe(1 + MAX_PAGE);
    }
  });

  it('multiplies by each list: the issue’s fan-out queries cost millions, a flat page a few hundred', () => {
    expect(queryCost(schema, parse(PARTY_FAN_OUT))).toBeGreaterThan(1_000_000);
    expect(queryCost(schema, parse(PILOT_FAN_OUT))).toBeGreaterThan(1_000_000);
    // exactly, by the rule: 1 for the page, its items × its limit (20 for a nested page not asked otherwise), declared sizes elsewhere
    // parties(100) › roles(20) › agreement › subGoals(15) › partners(10) › party › roles(20) › subGoal
    expect(queryCost(schema, parse(PARTY_FAN_OUT))).toBe(1 + 100 * (1 + (1 + 100 * (1 + (1 + 15 * (1 + 10 * (1 + (1 + (1 + 100 * (1 + 1))))))))));
    // pilots(50) › agreements(3) › pilot › agreements(3) › obligations(100) › parties(3) › roles(20) › agreement
    expect(queryCost(schema, parse(PILOT_FAN_OUT))).toBe(1 + 50 * (1 + 3 * (1 + (1 + 3 * (1 + (1 + 100 * (1 + 3 * (1 + (1 + 20 * (1 + 1))))))))));
    expect(queryCost(schema, parse('{ agreements(limit: 10) { items { id title } } }'))).toBe(1 + 10);
    expect(queryCost(schema, parse('{ agreements(limit: 10) { totalCount pageInfo { hasNextPage } items { id title } } }'))).toBe(1 + 1 + 10);
    expect(queryCost(schema, parse('{ agreements(limit: 10) { items { id subGoals { title } } } }'))).toBe(1 + 10 * (1 + 15));
    // a page of 50 when no limit is given: the documents and the pilots, which before gave every one
    expect(queryCost(schema, parse('{ documents { items { id } } pilots { items { name } } }'))).toBe(2 * (1 + 50));
    // a nested page: 20 unless asked for more or fewer, whatever the page above it holds
    expect(queryCost(schema, parse('{ parties(limit: 10) { items { name pilots { totalCount items { name } } } } }'))).toBe(1 + 10 * (1 + (1 + 20)));
    expect(queryCost(schema, parse('{ parties(limit: 10) { items { name pilots(limit: 3) { items { name } } } } }'))).toBe(1 + 10 * (1 + (1 + 3)));
    // the same kind of page inside another of its kind: each its own limit
    // partnerGroups(1) › pilots(2) › municipalities(10) › pilots(4, then the default 20)
    expect(queryCost(schema, parse('{ partnerGroups(limit: 1) { items { pilots(limit: 2) { items { municipalities { pilots(limit: 4) { items { name } } } } } } } }'))).toBe(1 + 1 * (1 + (1 + 2 * (1 + 10 * (1 + (1 + 4))))));
    expect(queryCost(schema, parse('{ partnerGroups(limit: 1) { items { pilots(limit: 2) { items { municipalities { pilots { items { name } } } } } } } }'))).toBe(1 + 1 * (1 + (1 + 2 * (1 + 10 * (1 + (1 + 20))))));
    // an agreement's obligations: a page of 50 unless asked
    expect(queryCost(schema, parse('{ agreement(id: "x") { obligations { totalCount items { action } } } }'))).toBe(1 + (1 + 50));
    // a list whose length its parent's argument sets, under the page's items
    expect(queryCost(schema, parse('{ searchByAgreement(text: "x", limit: 10, hitsPerGroup: 3) { items { hits { id } } } }'))).toBe(500 + 1 + 10 * (1 + 3));
    // a variable limit counts as given, or as the largest page when not yet known; so does a nested one
    const paged = parse('query($n: Int) { agreements(limit: $n) { items { id } } }');
    expect(queryCost(schema, paged, undefined, { variables: { n: 3 } })).toBe(1 + 3);
    expect(queryCost(schema, paged)).toBe(1 + 100);
    const nested = parse('query($n: Int) { agreements(limit: 2) { items { obligations(limit: $n) { items { id } } } } }');
    expect(queryCost(schema, nested, undefined, { variables: { n: 3 } })).toBe(1 + 2 * (1 + (1 + 3)));
    expect(queryCost(schema, nested)).toBe(1 + 2 * (1 + (1 + 100)));
    // fragments count where they are spread, the page's items too
    expect(queryCost(schema, parse('{ agreements(limit: 2) { items { ...A } } } fragment A on Agreement { subGoals { title } }'))).toBe(1 + 2 * (1 + 15));
    expect(queryCost(schema, parse('{ agreements(limit: 2) { ...P } } fragment P on AgreementPage { totalCount items { id } }'))).toBe(1 + 2);
    // the themes stay a plain list of sixteen
    expect(queryCost(schema, parse('{ themes { theme } }'))).toBe(16);
  });

  it('lets every operation of the explorer and of GraphiQL’s examples through', () => {
    const examples = parse(readFileSync(join(projectRoot, 'api/examples.graphql'), 'utf8'));
    const operations = examples.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations.length).toBeGreaterThan(5);
    for (const op of operations) {
      const document = { kind: Kind.DOCUMENT, definitions: [op] } as const;
      // a cost is only worth checking for an operation the schema takes (fields it does not know cost nothing)
      expect(validate(schema, document).map((e) => e.message), op.name?.value).toEqual([]);
      expect(queryCost(schema, document), op.name?.value).toBeLessThanOrEqual(DEFAULT_LIMITS.maxCost);
    }
    // the explorer's operations, as its client sends them (api/explorer/src/queries.ts)
    const source = readFileSync(join(projectRoot, 'api/explorer/src/queries.ts'), 'utf8');
    const parts = new Map([...source.matchAll(/^const ([A-Z_]+) = (?:'([^']*)'|`([^`]*)`)/gm)].map((m) => [m[1]!, m[2] ?? m[3]!]));
    const expand = (text: string): string => text.replace(/\$\{([A-Z_]+)\}/g, (_, name: string) => expand(parts.get(name)!));
    const explorer = [...parts.values()].filter((t) => /^\s*(\{|query)/.test(t)).map(expand);
    expect(explorer.length).toBeGreaterThan(6);
    for (const text of explorer) {
      const where = print(parse(text)).slice(0, 80);
      expect(validate(schema, parse(text)).map((e) => e.message), where).toEqual([]);
      expect(queryCost(schema, parse(text)), where).toBeLessThanOrEqual(DEFAULT_LIMITS.maxCost);
    }
  });
});

describe('requests over their budget', () => {
  let server: Running;
  beforeAll(async () => {
    server = await serve();
  });
  afterAll(async () => server.close());

  it('refuses the fan-out queries before they read anything', async () => {
    for (const query of [PARTY_FAN_OUT, PILOT_FAN_OUT]) {
      const reads = server.api.query.reads;
      const r = await post(server.url, { query });
      expect(codeOf(one(r))).toBe('QUERY_TOO_COSTLY');
      expect(one(r).errors![0]!.message).toMatch(/cost \d+ .* exceeds the limit of 20000/);
      expect(one(r).data ?? undefined).toBeUndefined();
      expect(server.api.query.reads).toBe(reads);
    }
  });

  it('refuses 15 aliases of distinct 200-character party names, and a batch whose operations add up to too much', async () => {
    const names = Array.from({ length: 15 }, (_, i) => `${String.fromCharCode(65 + i)}${'Ukjend part '.repeat(17)}`.slice(0, 200));
    const aliases = (from: number, n: number) => names.slice(from, from + n).map((name, i) => `p${i}: party(name: ${JSON.stringify(name)}) { id }`).join(' ');
    const flood = await post(server.url, { query: `{ ${aliases(0, 15)} }` });
    expect(codeOf(one(flood))).toBe('QUERY_TOO_COSTLY');
    // each operation of the batch is within the limit; together they are not
    const batch = await post(server.url, Array.from({ length: 5 }, (_, i) => ({ query: `{ ${aliases(i, 9)} }` })));
    const results = batch.body as Body[];
    expect(results).toHaveLength(5);
    const refused = results.filter((b) => b.errors?.some((e) => e.extensions?.code === 'REQUEST_BUDGET_EXCEEDED' && e.extensions.budget === 'cost'));
    expect(refused.length).toBeGreaterThanOrEqual(4);
  });
});

describe('the time and read budget of a request that passes the cost check', () => {
  let server: Running;
  // a quarter of a second: the fan-out runs for about four times that when nothing holds it
  const timeBudgetMs = 250;
  beforeAll(async () => {
    // no cost limit to speak of: only the request budget holds the fan-out
    server = await serve({ maxCost: Number.MAX_SAFE_INTEGER, timeBudgetMs, cachedResponses: 0 });
  });
  afterAll(async () => server.close());

  it('stops a query that would run for several times its time budget at that budget, and its reads stop with it', async () => {
    const r = await post(server.url, { query: PARTY_FAN_OUT });
    const readsAtAnswer = server.api.query.reads;
    console.log(`fan-out under a ${timeBudgetMs} ms budget: stopped after ${Math.round(r.ms)} ms`);
    expect(r.status).toBe(503);
    expect(one(r).errors?.[0]?.extensions).toMatchObject({ code: 'REQUEST_BUDGET_EXCEEDED', budget: 'time', limit: timeBudgetMs });
    // generous: the budget plus a read in flight on a busy machine, where the query itself runs for tens of seconds
    expect(r.ms).toBeLessThan(timeBudgetMs + 5_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // reads already sent to the store finish; no new ones start
    expect(server.api.query.reads - readsAtAnswer).toBeLessThan(10);
    const after = await post(server.url, { query: '{ agreements(limit: 2) { items { id } } }' });
    expect(one(after).errors).toBeUndefined();
  }, 30_000);

  it('answers 15 aliased unknown 200-character party names, each NOT_FOUND with its suggestions, for the work of names of a usual length', async () => {
    // no cost limit: the names reach the resolver, whose synchronous work no budget can cut short
    const quick = await serve({ maxCost: Number.MAX_SAFE_INTEGER, cachedResponses: 0 });
    try {
      let seed = 7;
      const letter = () => String.fromCharCode(97 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 26));
      const word = () => Array.from({ length: 5 + (seed % 6) }, letter).join('');
      // distinct words in every name (repetition would make it cheap), each name starting as a known one does
      const distinct = Array.from({ length: 15 }, (_, i) => {
        let name = ['Husbanken', 'Troms', 'Nordreisa', 'Statsforvalteren'][i % 4]!;
        while (name.length < 200) name += ` ${word()}`;
        return name.slice(0, 200);
      });
      const repeated = Array.from({ length: 15 }, (_, i) => `${String.fromCharCode(65 + i)}${'Ukjend part '.repeat(17)}`.slice(0, 200));
      // the peer, in the same run: 15 unknown names of a usual length
      const usual = Array.from({ length: 15 }, (_, i) => `${['Husbanken', 'Troms', 'Nordreisa', 'Statsforvalteren'][i % 4]} ${word()} ${word()}`);
      const ask = async (names: string[]) => {
        const query = `{ ${names.map((name, i) => `p${i}: party(name: ${JSON.stringify(name)}) { id }`).join(' ')} }`;
        const r = await post(quick.url, { query });
        const errors = one(r).errors ?? [];
        expect(errors.map((e) => e.extensions?.code)).toEqual(names.map(() => 'NOT_FOUND'));
        expect(errors.every((e) => Array.isArray(e.extensions?.suggestions))).toBe(true);
        return r.ms;
      };
      await ask(usual); // warm: the party index is read once
      const peer = Math.min(await ask(usual), await ask(usual));
      for (const names of [distinct, repeated]) {
        const ms = Math.min(await ask(names), await ask(names));
        console.log(`15 aliased 200-character unknown names: ${Math.round(ms)} ms; 15 of a usual length: ${Math.round(peer)} ms`);
        // the work is bounded by the words compared, not by the length of the name
        expect(ms).toBeLessThan(5 * peer + 50);
      }
    } finally {
      await quick.close();
    }
  });

  it('stops a request that reads more rows than it may', async () => {
    const small = await serve({ maxRowsRead: 20, cachedResponses: 0 });
    try {
      const r = await post(small.url, { query: '{ agreements(limit: 50) { items { id subGoals { title partners { party { name } } } } } }' });
      expect(one(r).errors?.[0]?.extensions).toMatchObject({ code: 'REQUEST_BUDGET_EXCEEDED', budget: 'rows', limit: 20 });
      const fine = await post(small.url, { query: '{ agreements(limit: 2) { items { id } } }' });
      expect(one(fine).errors).toBeUndefined();
    } finally {
      await small.close();
    }
  });
});

describe('the worst query the bound lets through', () => {
  it('answers within the time budget and far under 256 MB of memory', async () => {
    const server = await serve({ cachedResponses: 0 });
    try {
      // near the cost limit: 50 roles of each party, their agreements' pilots and sub-goals
      const query = '{ parties(limit: 75) { totalCount items { name roles(limit: 50) { totalCount items { role agreement { title pilot { name } } subGoal { title } evidence { quote } } } } } }';
      const cost = queryCost(schema, parse(query));
      // a role: 1, its agreement 1 with its pilot 1, its sub-goal 1, its evidence 1
      expect(cost).toBe(1 + 75 * (1 + (1 + 50 * (1 + (1 + 1) + 1 + 1))));
      expect(cost).toBeLessThanOrEqual(DEFAULT_LIMITS.maxCost);
      expect(cost).toBeGreaterThan(DEFAULT_LIMITS.maxCost / 2);
      global.gc?.();
      const before = process.memoryUsage().heapUsed;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
      const r = await post(server.url, { query });
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      expect(one(r).errors).toBeUndefined();
      console.log(`worst query under the bound: cost ${cost}, ${Math.round(r.ms)} ms, heap +${((peak - before) / 2 ** 20).toFixed(1)} MB`);
      expect(peak - before).toBeLessThan(256 * 2 ** 20);
      expect(r.ms).toBeLessThan(DEFAULT_LIMITS.timeBudgetMs + 3_000);
    } finally {
      await server.close();
    }
  });
});
