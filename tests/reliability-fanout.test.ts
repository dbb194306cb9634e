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
import { buildSchema, getNamedType, isListType, isNonNullType, isObjectType, Kind, parse, print, type GraphQLObjectType, type OperationDefinitionNode } from 'graphql';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_SIZES, queryCost } from '../api/query-cost.ts';
import { createApi, DEFAULT_LIMITS, typeDefs, type ServerOptions } from '../api/server.ts';
import { ingestExtracted } from '../graph/documents.ts';
import type { EmbeddedStore } from '../graph/embedded-store.ts';
import { projectRoot } from './helpers/corpus.ts';
import { extractCorpus, temporaryStore } from './helpers/store.ts';

const schema = buildSchema(typeDefs);

/** The two queries of the issue: lists inside lists within the depth limit. */
const PARTY_FAN_OUT = `{ parties(limit: 100) { roles { agreement { subGoals { partners { party { roles { subGoal { measures { text } } } } } } } } } }`;
const PILOT_FAN_OUT = `{ pilots { agreements { pilot { agreements { obligations(limit: 100) { parties { roles { agreement { title } } } } } } } } }`;

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
  it('declares a size for every list without a limit, and only for such lists', () => {
    const lists: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !('getFields' in type) || type.constructor.name !== 'GraphQLObjectType') continue;
      for (const field of Object.values((type as GraphQLObjectType).getFields())) {
        const composite = isObjectType(getNamedType(field.type));
        if (isListType(isNonNullType(field.type) ? field.type.ofType : field.type) && composite && !field.args.some((a) => a.name === 'limit')) lists.push(`${type.name}.${field.name}`);
      }
    }
    expect(lists.length).toBeGreaterThan(20);
    expect(lists.filter((l) => LIST_SIZES[l] === undefined)).toEqual([]);
    expect(Object.keys(LIST_SIZES).filter((l) => !lists.includes(l))).toEqual([]);
  });

  it('multiplies by each list: the issue’s fan-out queries cost millions, a flat page a few hundred', () => {
    expect(queryCost(schema, parse(PARTY_FAN_OUT))).toBeGreaterThan(1_000_000);
    expect(queryCost(schema, parse(PILOT_FAN_OUT))).toBeGreaterThan(1_000_000);
    expect(queryCost(schema, parse('{ agreements(limit: 10) { id title } }'))).toBe(10);
    expect(queryCost(schema, parse('{ agreements(limit: 10) { id subGoals { title } } }'))).toBe(10 * (1 + 15));
    // a list whose length its parent's argument sets
    expect(queryCost(schema, parse('{ searchByAgreement(text: "x", limit: 10, hitsPerGroup: 3) { hits { id } } }'))).toBe(500 + 10 * (1 + 3));
    // a variable limit counts as given, or as the largest page when not yet known
    const paged = parse('query($n: Int) { agreements(limit: $n) { id } }');
    expect(queryCost(schema, paged, undefined, { variables: { n: 3 } })).toBe(3);
    expect(queryCost(schema, paged)).toBe(100);
    // fragments count where they are spread
    expect(queryCost(schema, parse('{ agreements(limit: 2) { ...A } } fragment A on Agreement { subGoals { title } }'))).toBe(2 * (1 + 15));
  });

  it('lets every operation of the explorer and of GraphiQL’s examples through', () => {
    const examples = parse(readFileSync(join(projectRoot, 'api/examples.graphql'), 'utf8'));
    const operations = examples.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations.length).toBeGreaterThan(5);
    for (const op of operations) expect(queryCost(schema, { kind: Kind.DOCUMENT, definitions: [op] }), op.name?.value).toBeLessThanOrEqual(DEFAULT_LIMITS.maxCost);
    // the explorer's operations, as its client sends them (api/explorer/src/queries.ts)
    const source = readFileSync(join(projectRoot, 'api/explorer/src/queries.ts'), 'utf8');
    const parts = new Map([...source.matchAll(/^const ([A-Z_]+) = (?:'([^']*)'|`([^`]*)`)/gm)].map((m) => [m[1]!, m[2] ?? m[3]!]));
    const expand = (text: string): string => text.replace(/\$\{([A-Z_]+)\}/g, (_, name: string) => expand(parts.get(name)!));
    const explorer = [...parts.values()].filter((t) => /^\s*(\{|query)/.test(t)).map(expand);
    expect(explorer.length).toBeGreaterThan(6);
    for (const text of explorer) expect(queryCost(schema, parse(text)), print(parse(text)).slice(0, 80)).toBeLessThanOrEqual(DEFAULT_LIMITS.maxCost);
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
  const timeBudgetMs = 1_000;
  beforeAll(async () => {
    // no cost limit to speak of: only the request budget holds the fan-out
    server = await serve({ maxCost: Number.MAX_SAFE_INTEGER, timeBudgetMs, cachedResponses: 0 });
  });
  afterAll(async () => server.close());

  it('stops a query that would run for many seconds at its time budget, and its reads stop with it', async () => {
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
    const after = await post(server.url, { query: '{ agreements(limit: 2) { id } }' });
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
      const r = await post(small.url, { query: '{ agreements(limit: 50) { id subGoals { title partners { party { name } } } } }' });
      expect(one(r).errors?.[0]?.extensions).toMatchObject({ code: 'REQUEST_BUDGET_EXCEEDED', budget: 'rows', limit: 20 });
      const fine = await post(small.url, { query: '{ agreements(limit: 2) { id } }' });
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
      // near the cost limit: every party's roles, their agreements' pilots and sub-goals
      const query = '{ parties(limit: 75) { name roles { role agreement { title pilot { name } } subGoal { title } evidence { quote } } } }';
      const cost = queryCost(schema, parse(query));
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
