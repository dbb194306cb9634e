/**
 * Hostile use of the API, beyond tests/api-protection.test.ts: floods of aliases and batches,
 * wide and deep queries, introspection abuse, huge and negative page sizes on every list, bodies
 * too large or of unstated length, bad tokens, slow-loris clients against the real startServer,
 * a sustained load, and Cypher injection through every String and ID argument of every Query
 * field. Each is refused with a clear error at bounded cost, and the graph is left as it was.
 */
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import autocannon from 'autocannon';
import { buildSchema, getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType, type GraphQLArgument, type GraphQLInputType } from 'graphql';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUTS, startServer, typeDefs } from '../api/server.ts';
import { exportGraph, serialise } from '../graph/export.ts';
import { graphStats } from '../graph/stats.ts';
import { startTestServer, type TestServer } from './helpers/api.ts';
import { corpusDir } from './helpers/corpus.ts';

const TOKEN = 'hostile-token-5e2a';
let api: TestServer;
let before: string;
beforeAll(async () => {
  api = await startTestServer({ token: TOKEN });
  before = serialise(await exportGraph(api.store), 'json');
});
afterAll(async () => {
  // whatever was thrown at it, the graph is as it was
  expect(serialise(await exportGraph(api.store), 'json')).toBe(before);
  await api.close();
});

type Body = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
const code = (body: Body) => body.errors?.[0]?.extensions?.code;
async function post(body: unknown, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started, body: (text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : {}) as Body };
}

describe('floods', () => {
  it('refuses a thousand aliases quickly', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: agreements(limit: 100) { items { id subGoals { title } } }`).join(' ');
    const r = await post({ query: `{ ${aliases} }` });
    expect(r.body.data ?? undefined).toBeUndefined();
    expect(r.body.errors?.[0]?.message).toMatch(/aliases|token/i);
    expect(r.ms).toBeLessThan(2_000);
  });

  it('refuses a batch of a thousand operations, and a batch of five alias floods', async () => {
    const batch = Array.from({ length: 1000 }, () => ({ query: '{ agreements(limit: 100) { items { id } } }' }));
    const r = await post(batch);
    expect(r.status).toBe(413);
    expect(r.text).toMatch(/Batching is limited to 5 operations/);
    const floods = Array.from({ length: 5 }, () => ({ query: `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: themes { theme }`).join(' ')} }` }));
    const f = await post(floods);
    expect(f.status).toBeLessThan(500);
    const results = f.body as unknown as Body[];
    expect(results).toHaveLength(5);
    for (const result of results) expect(result.errors?.[0]?.message).toMatch(/aliases/i);
  });

  it('refuses a query of more than 2,000 tokens (a wide query), and one of a thousand directives', async () => {
    const fields = Array.from({ length: 700 }, () => 'id title scheme').join(' ');
    const wide = await post({ query: `{ agreements { items { ${fields} } } }` });
    expect(wide.body.errors?.[0]?.message).toMatch(/token/i);
    const directives = await post({ query: `{ themes { theme ${'@include(if: true) '.repeat(1000)} } }` });
    expect(directives.body.errors?.[0]?.message).toMatch(/directive|token/i);
  });

  it('bounds the cost of the widest legal query: everything, at the largest page size', async () => {
    const r = await post({
      query: `{ agreements(limit: 100) { totalCount items { id title pilot { name municipalities { name roles(limit: 100) { items { role evidence { quote } } } } }
        subGoals { title partners { party { name roles(limit: 100) { items { role agreement { title } } } } } measures { text } }
        obligations(limit: 100) { totalCount items { action parties { name pilots(limit: 100) { items { name agreements { title } } } } } } } } }`,
    });
    // refused by the cost limit, or answered in bounded time
    if (r.body.errors) expect(r.body.errors[0]!.message).toMatch(/cost|depth/i);
    expect(r.ms).toBeLessThan(10_000);
  });
});

describe('introspection abuse', () => {
  it('refuses deeply nested __type / ofType and circular __schema walks', async () => {
    let ofType = 'name';
    for (let i = 0; i < 40; i++) ofType = `ofType { ${ofType} }`;
    const deep = await post({ query: `{ __type(name: "Agreement") { fields { type { ${ofType} } } } }` });
    expect(deep.body.errors?.[0]?.message).toMatch(/depth|cost/i);
    expect(deep.body.data ?? undefined).toBeUndefined();
    let circular = 'name';
    for (let i = 0; i < 12; i++) circular = `fields { type { ${circular} } }`;
    const walk = await post({ query: `{ __schema { types { ${circular} } } }` });
    expect(walk.body.errors?.[0]?.message).toMatch(/depth|cost/i);
    expect(walk.body.data ?? undefined).toBeUndefined();
    expect(walk.ms).toBeLessThan(2_000);
  });

  it('still answers the ordinary introspection query that GraphiQL sends', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const r = await post({ query: getIntrospectionQuery() });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data).toHaveProperty('__schema');
  });
});

const schema = buildSchema(typeDefs);

/** A literal for a required argument that is not the one under test. */
function placeholder(type: GraphQLInputType): string {
  const named = getNamedType(type);
  const value = isEnumType(named) ? named.getValues()[0]!.name : named.name === 'Int' ? '1' : named.name === 'Boolean' ? 'true' : '"x"';
  return isListType(isNonNullType(type) ? type.ofType : type) ? `[${value}]` : value;
}

function selection(field: { type: Parameters<typeof getNamedType>[0] }): string {
  const named = getNamedType(field.type);
  return isObjectType(named) ? '{ __typename }' : '';
}

describe('page sizes on every list', () => {
  const paged = Object.values(schema.getQueryType()!.getFields()).filter((f) => f.args.some((a) => a.name === 'limit'));

  it('finds the paged Query fields', () => {
    expect(paged.map((f) => f.name)).toEqual(
      expect.arrayContaining(['agreements', 'parties', 'search', 'searchByAgreement', 'similarMeasures', 'planAnchors', 'documents', 'pilots', 'subGoals', 'obligations', 'partnerGroups', 'pilotsInvolving', 'transferableMeasures']),
    );
    // every list that grows with the corpus is paged: only the sixteen themes are a plain list at the top
    const plain = Object.values(schema.getQueryType()!.getFields()).filter((f) => isListType(isNonNullType(f.type) ? f.type.ofType : f.type));
    expect(plain.map((f) => f.name)).toEqual(['themes']);
  });

  // the nested lists with a page size, each reached by a query that holds one (`L` stands for the limit)
  const nested: Record<string, string> = {
    'Agreement.obligations': '{ agreement(id: "agreement:bygdevekst-nord-troms") { obligations(limit: L) { totalCount } } }',
    'Party.pilots': '{ party(name: "Husbanken") { pilots(limit: L) { totalCount } } }',
    'Party.roles': '{ party(name: "Husbanken") { roles(limit: L) { totalCount } } }',
    'PartnerGroup.subGoals': '{ partnerGroups(limit: 1) { items { subGoals(limit: L) { totalCount } } } }',
    'PartnerGroup.agreements': '{ partnerGroups(limit: 1) { items { agreements(limit: L) { totalCount } } } }',
    'PartnerGroup.pilots': '{ partnerGroups(limit: 1) { items { pilots(limit: L) { totalCount } } } }',
    'PlanAnchor.agreements': '{ planAnchors(limit: 1) { items { agreements(limit: L) { totalCount } } } }',
    'AgreementComparison.similarSubGoals': '{ compareAgreements(a: "agreement:bygdevekst-nord-troms", b: "agreement:tromsvekst-nord-troms-2025-2028") { similarSubGoals(limit: L) { score } } }',
    'MeasureCluster.pilots': '{ transferableMeasures(limit: 1) { items { pilots(limit: L) { totalCount } } } }',
    'MeasureCluster.measures': '{ transferableMeasures(limit: 1) { items { measures(limit: L) { totalCount } } } }',
    'NetworkNode.pilots': '{ partyNetwork(limit: 2) { nodes { pilots(limit: L) { totalCount } } } }',
    'NetworkEdge.pilots': '{ partyNetwork(limit: 2) { edges { pilots(limit: L) { totalCount } } } }',
  };

  it('knows a query for every nested list with a page size', () => {
    const found: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type === schema.getQueryType()) continue;
      for (const field of Object.values(type.getFields())) if (field.args.some((a) => a.name === 'limit')) found.push(`${type.name}.${field.name}`);
    }
    expect(found.sort()).toEqual(Object.keys(nested).sort());
  });

  for (const [coordinate, query] of Object.entries(nested)) {
    it(`${coordinate}: answers a page of 100, refuses a huge, a negative and a zero limit, and an offset past 32 bits`, async () => {
      const fine = await post({ query: query.replace('L', '100') });
      expect(fine.body.errors, coordinate).toBeUndefined();
      for (const limit of ['2147483647', '101', '-1', '0']) {
        const r = await post({ query: query.replace('L', limit) });
        expect(code(r.body), `${coordinate}(limit: ${limit})`).toBe('BAD_USER_INPUT');
        expect(r.body.errors?.[0]?.message).toMatch(/limit/);
      }
      if (coordinate !== 'AgreementComparison.similarSubGoals') {
        const r = await post({ query: query.replace('limit: L', 'offset: 99999999999') });
        expect(r.body.errors?.[0]?.message).toMatch(/Int cannot represent/);
      }
    });
  }

  for (const field of paged) {
    it(`${field.name}: refuses a huge, a negative and a zero limit, and an offset past 32 bits`, async () => {
      const required = field.args.filter((a) => isNonNullType(a.type) && a.name !== 'limit').map((a) => `${a.name}: ${placeholder(a.type)}`);
      for (const limit of ['2147483647', '-1', '0']) {
        const r = await post({ query: `{ ${field.name}(${[...required, `limit: ${limit}`].join(', ')}) ${selection(field)} }` });
        expect(code(r.body), `${field.name}(limit: ${limit})`).toBe('BAD_USER_INPUT');
        expect(r.body.errors?.[0]?.message).toMatch(/limit/);
      }
      if (field.args.some((a) => a.name === 'offset')) {
        const r = await post({ query: `{ ${field.name}(${[...required, 'offset: 99999999999'].join(', ')}) ${selection(field)} }` });
        expect(r.body.errors?.[0]?.message).toMatch(/Int cannot represent/);
      }
    });
  }
});

describe('bodies', () => {
  it('refuses a declared body over 25 MB at once, without reading it', async () => {
    const socket = await open(new URL(api.url));
    socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${100 * 1024 * 1024}\r\n\r\n{"query":`);
    const reply = await readReply(socket, 5_000, true);
    expect(reply).toMatch(/^HTTP\/1\.1 413/);
    socket.destroy();
  });

  it('refuses a body of unstated length (chunked), which could outgrow the limit unseen', async () => {
    const socket = await open(new URL(api.url));
    socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"que\r\n');
    expect(await readReply(socket, 5_000, true)).toMatch(/^HTTP\/1\.1 411/);
    socket.destroy();
  });

  it('refuses uploads with a missing, wrong, partial or differently-schemed token, and writes nothing', async () => {
    const upload = async (authorization: string | undefined) => {
      const form = new FormData();
      form.append('operations', JSON.stringify({ query: 'mutation($file: File!) { ingestDocument(file: $file) { status } }', variables: { file: null } }));
      form.append('map', JSON.stringify({ 0: ['variables.file'] }));
      form.append('0', new Blob(['%PDF-1.7\n']), 'a.pdf');
      const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'x-graphql-yoga-csrf': '1', ...(authorization === undefined ? {} : { authorization }) }, body: form });
      return (await response.json()) as Body;
    };
    for (const authorization of [undefined, '', 'Bearer', 'Bearer ', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, `Bearer ${TOKEN} ${TOKEN}`, TOKEN]) {
      expect(code(await upload(authorization)), String(authorization)).toBe('UNAUTHORIZED');
    }
  });
});

describe('Cypher injection through every String and ID argument of every Query field', () => {
  const payloads = [
    '"}) MATCH (n) DETACH DELETE n //',
    "' OR 1=1 --",
    '`x`',
    "Husbanken'}) RETURN 1 UNION MATCH (n) RETURN n //",
    '\\"); CREATE (:Party {id: "x"}) //',
    '${id}',
    '$party',
    '{id: "agreement:bygdevekst-nord-troms"}',
    'CALL db.labels() YIELD label RETURN label',
    '\u0000\u202e',
  ];
  const targets: { field: string; arg: GraphQLArgument; others: string[]; select: string }[] = [];
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    for (const arg of field.args) {
      const named = getNamedType(arg.type);
      if (!isScalarType(named) || !['String', 'ID'].includes(named.name) || isInputObjectType(named)) continue;
      const others = field.args.filter((a) => a !== arg && isNonNullType(a.type)).map((a) => `${a.name}: ${placeholder(a.type)}`);
      targets.push({ field: field.name, arg, others, select: selection(field) });
    }
  }

  it('walks the schema: every such argument is found', () => {
    expect(targets.map((t) => `${t.field}.${t.arg.name}`).sort()).toEqual(
      ['agreement.id', 'agreements.expiresBefore', 'agreements.validOn', 'compareAgreements.a', 'compareAgreements.b', 'obligations.party', 'parties.name', 'party.name', 'pilotsInvolving.party', 'search.text', 'searchByAgreement.text', 'similarMeasures.text', 'subGoals.party', 'subGoals.pilot'].sort(),
    );
  });

  it('treats each payload as data: an answer, or a typed BAD_USER_INPUT / NOT_FOUND, never a store error, and the graph unchanged', async () => {
    const statsBefore = await graphStats(api.store);
    const outcomes: string[] = [];
    for (const { field, arg, others, select } of targets) {
      const typeName = String(arg.type);
      for (const payload of payloads) {
        // as a variable, and inline as a string literal
        const asVariable = await post({ query: `query($v: ${typeName}) { ${field}(${[...others, `${arg.name}: $v`].join(', ')}) ${select} }`, variables: { v: payload } });
        const asLiteral = await post({ query: `{ ${field}(${[...others, `${arg.name}: ${JSON.stringify(payload)}`].join(', ')}) ${select} }` });
        for (const [how, r] of [['variable', asVariable], ['literal', asLiteral]] as const) {
          const where = `${field}(${arg.name}) ${how} ${JSON.stringify(payload)}: ${r.text.slice(0, 300)}`;
          expect(r.status, where).toBeLessThan(500);
          if (r.body.errors) {
            for (const e of r.body.errors) expect(['BAD_USER_INPUT', 'NOT_FOUND'], where).toContain(e.extensions?.code);
            outcomes.push(String(r.body.errors[0]!.extensions!.code));
          } else {
            expect(r.body.data, where).toBeDefined();
            outcomes.push('answered');
          }
        }
      }
    }
    expect(outcomes).toHaveLength(targets.length * payloads.length * 2);
    console.log(`injection: ${targets.length} arguments × ${payloads.length} payloads × 2 ways: ${JSON.stringify(Object.fromEntries([...new Set(outcomes)].map((o) => [o, outcomes.filter((x) => x === o).length])))}`);
    expect(await graphStats(api.store)).toEqual(statsBefore);
  }, 60_000);
});

describe('the real server (startServer): slow clients and sustained load', () => {
  let server: Server;
  let url: URL;
  const timeouts = { headersMs: 1_000, requestMs: 2_000, keepAliveMs: 1_000, checkEveryMs: 250 };
  beforeAll(async () => {
    server = await startServer({
      store: api.store,
      port: 0,
      host: '127.0.0.1',
      documentDirs: [corpusDir],
      ingest: { token: undefined, maxBytes: 1024, uploadsDir: corpusDir },
      logger: pino({ level: 'silent' }),
      timeouts,
    });
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('has timeouts by default that cut off stalled clients within seconds', () => {
    expect(DEFAULT_TIMEOUTS).toEqual({ headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000, checkEveryMs: 1_000 });
  });

  it('closes a connection whose headers trickle in (slow-loris)', async () => {
    const socket = await open(url);
    const started = performance.now();
    const trickle = setInterval(() => socket.writable && socket.write('X'), 100);
    socket.write('GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const reply = await readReply(socket, 10_000);
    clearInterval(trickle);
    const ms = performance.now() - started;
    expect(reply).toMatch(/^HTTP\/1\.1 408|^$/); // 408 Request Timeout, or just closed
    expect(ms).toBeLessThan(timeouts.headersMs + 2 * timeouts.checkEveryMs + 3_000); // seconds, where Node's default check (every 30 s) could take 40
    expect(ms).toBeGreaterThan(timeouts.headersMs - 100);
  });

  it('closes a connection whose body trickles in', async () => {
    const socket = await open(url);
    const started = performance.now();
    socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":"');
    const trickle = setInterval(() => socket.writable && socket.write(' '), 100);
    const reply = await readReply(socket, 10_000);
    clearInterval(trickle);
    const ms = performance.now() - started;
    expect(reply).toMatch(/^HTTP\/1\.1 408|^$/);
    expect(ms).toBeLessThan(timeouts.requestMs + 2 * timeouts.checkEveryMs + 3_000);
    expect(ms).toBeGreaterThan(timeouts.requestMs - 100);
  });

  it('serves a sustained load for 5 s with no server errors', async () => {
    const queries = [
      '{ pilotsInvolving(party: "Husbanken", theme: HOUSING) { totalCount items { pilot { name } roles } } }',
      '{ search(text: "bustad", limit: 5) { totalCount pageInfo { hasNextPage } items { text score } } }',
      '{ agreements(limit: 10) { totalCount items { id title subGoals { title } } } }',
      '{ partyNetwork(minWeight: 2) { nodes { name degree pilots(limit: 3) { totalCount items { name } } } } }',
    ];
    const result = await autocannon({
      url: `${url.origin}/graphql`,
      connections: 8,
      duration: 5,
      requests: queries.map((query) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })),
    });
    console.log(`load: ${result.requests.total} requests in 5 s over 8 connections, ${result['2xx']} 2xx, ${result.non2xx} other, ${result.errors} errors, ${result.timeouts} timeouts, p99 ${result.latency.p99} ms`);
    expect(result.requests.total).toBeGreaterThan(100);
    expect(result.non2xx).toBe(0);
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect((await fetch(`${url.origin}/health`)).status).toBe(200);
  }, 30_000);
});

function open(url: URL): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** What the server sends until it closes the connection (or `ms` pass). */
function readReply(socket: Socket, ms: number, untilHeaders = false): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    const done = () => {
      clearTimeout(timer);
      resolve(data);
    };
    const timer = setTimeout(done, ms);
    socket.on('data', (c: Buffer) => {
      data += c.toString('latin1');
      if (untilHeaders && data.includes('\r\n\r\n')) done();
    });
    socket.on('error', () => undefined);
    socket.on('close', done);
    socket.on('end', done);
  });
}
