/**
 * What keeps the API safe: limits on depth, aliases, batches and page sizes, CSRF prevention,
 * masked errors, the token-protected upload with its checks, and the GraphQL-over-HTTP audits.
 */
import { readFileSync } from 'node:fs';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/api.ts';
import { corpusPath } from './helpers/corpus.ts';
import { renderTextToPdf } from './helpers/extracted.ts';

const TOKEN = 'test-token-7d1f';
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ token: TOKEN });
});
afterAll(async () => api.close());

const errorCode = (body: { errors?: { extensions?: Record<string, unknown> }[] }) => body.errors?.[0]?.extensions?.code;

describe('limits', () => {
  it('rejects a query nested deeper than the limit', async () => {
    let inner = 'id';
    for (let i = 0; i < 7; i++) inner = `pilot { agreements { ${inner} } }`;
    const { body } = await api.gql(`{ agreements { items { ${inner} } } }`);
    expect(body.errors?.[0]?.message).toMatch(/depth/i);
    expect(body.data).toBeUndefined();
  });

  it('rejects too many aliases, an oversized page and an over-long argument', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: themes { theme }`).join(' ');
    expect((await api.gql(`{ ${aliases} }`)).body.errors?.[0]?.message).toMatch(/alias/i);
    const huge = await api.gql('{ agreements(limit: 100000) { items { id } } }');
    expect(huge.body.errors?.[0]).toMatchObject({ message: 'limit must be between 1 and 100', extensions: { code: 'BAD_USER_INPUT' } });
    // a nested page is held to the same bound
    const nested = await api.gql('{ party(name: "Husbanken") { pilots(limit: 100000) { items { name } } } }');
    expect(nested.body.errors?.[0]).toMatchObject({ message: 'limit must be between 1 and 100', extensions: { code: 'BAD_USER_INPUT' } });
    const long = await api.gql('query($p: String!) { pilotsInvolving(party: $p) { items { roles } } }', { p: 'x'.repeat(1000) });
    expect(errorCode(long.body)).toBe('BAD_USER_INPUT');
  });

  it('caps batched operations', async () => {
    const batch = Array.from({ length: 6 }, () => ({ query: '{ themes { theme } }' }));
    const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
    expect(response.status).toBe(413);
    expect(JSON.stringify(await response.json())).toMatch(/Batching is limited to 5 operations/);
    const ok = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch.slice(0, 2)) });
    expect(ok.status).toBe(200);
  });

  it('takes values as data: quotes, braces and Cypher keywords in a name find nothing and break nothing', async () => {
    for (const name of ["Husbanken' OR 1=1 //", '`) DETACH DELETE n //', '{id: "x"}) MATCH (n) RETURN n', '$parties']) {
      const { body } = await api.gql<{ pilotsInvolving: unknown; party: unknown }>('query($p: String!) { pilotsInvolving(party: $p) { totalCount items { roles } } party(name: $p) { id } }', { p: name });
      // a name that matches no party is a typed NOT_FOUND, never an answer of nothing
      expect(body.errors?.map((e) => e.extensions?.code), name).toEqual(['NOT_FOUND', 'NOT_FOUND']);
      expect(body.data ?? null, name).toBeNull();
    }
    expect((await api.gql('{ documents { totalCount items { id } } }')).body.data).toMatchObject({ documents: { totalCount: 5, items: expect.arrayContaining([expect.anything()]) } });
  });

  it('answers errors without stack traces or suggestions of field names', async () => {
    const { body } = await api.gql('{ agreementz { id } }');
    expect(JSON.stringify(body)).not.toMatch(/stack|Did you mean|\.ts:\d+/);
  });
});

describe('CSRF prevention', () => {
  it('refuses a browser-simple request without the preflight header', async () => {
    const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ themes { theme } }' });
    expect(response.status).toBe(403);
  });
});

async function upload(file: Blob, name: string, headers: Record<string, string>) {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: 'mutation($file: File!) { ingestDocument(file: $file) { file status document { id } agreements { id pilot { name } } } }', variables: { file: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', file, name);
  const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers, body: form });
  return { status: response.status, body: (await response.json()) as { data?: { ingestDocument: { file: string; status: string; document: { id: string }; agreements: { id: string; pilot: { name: string } }[] } }; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

describe('ingestDocument (upload)', () => {
  const csrf = { 'x-graphql-yoga-csrf': '1' };
  const pdf = () => new Blob([new Uint8Array(readFileSync(corpusPath('bygdevekstavtale-smola-aure.pdf')))], { type: 'application/pdf' });

  it('refuses an upload without the token or with a wrong one', async () => {
    expect(errorCode((await upload(pdf(), 'a.pdf', csrf)).body)).toBe('UNAUTHORIZED');
    expect(errorCode((await upload(pdf(), 'a.pdf', { ...csrf, authorization: 'Bearer wrong' })).body)).toBe('UNAUTHORIZED');
    expect((await upload(pdf(), 'a.pdf', { authorization: `Bearer ${TOKEN}` })).status).toBe(403); // no CSRF header
  });

  it('ingests a new agreement, knows one it holds, and serves the uploaded PDF', async () => {
    const auth = { ...csrf, authorization: `Bearer ${TOKEN}` };
    const housing = '{ pilotsInvolving(party: "Husbanken", theme: HOUSING) { totalCount items { pilot { name } } } }';
    type Housing = { pilotsInvolving: { totalCount: number; items: { pilot: { name: string } }[] } };
    // asked before the upload, so the response cache holds an answer that the upload must make stale
    const before = await api.gql<Housing>(housing);
    expect(before.body.data!.pilotsInvolving.items.map((e) => e.pilot.name)).not.toContain('Nord-Gudbrandsdal');
    const known = await upload(pdf(), 'bygdevekstavtale-smola-aure.pdf', auth);
    expect(known.body.data?.ingestDocument).toMatchObject({ status: 'UNCHANGED', document: { id: 'document:bygdevekstavtale-smola-aure' } });
    const fjellbygd = await renderTextToPdf(new URL('golden/generalisation/bygdevekstavtale-fjellbygd.txt', import.meta.url).pathname, 'nn');
    const added = await upload(new Blob([new Uint8Array(fjellbygd)]), 'bygdevekstavtale-fjellbygd.pdf', auth);
    expect(added.body.errors).toBeUndefined();
    expect(added.body.data?.ingestDocument).toMatchObject({ file: 'bygdevekstavtale-fjellbygd.pdf', status: 'NEW', agreements: [{ id: 'agreement:bygdevekst-nord-gudbrandsdal', pilot: { name: 'Nord-Gudbrandsdal' } }] });
    // the answers see it at once
    const { body } = await api.gql<Housing>(housing);
    expect(body.data!.pilotsInvolving.items.map((e) => e.pilot.name)).toContain('Nord-Gudbrandsdal');
    // the count is fresh too: one pilot more than before
    expect(body.data!.pilotsInvolving.totalCount).toBe(before.body.data!.pilotsInvolving.totalCount + 1);
    expect(body.data!.pilotsInvolving.totalCount).toBe(body.data!.pilotsInvolving.items.length);
    const served = await fetch(`${api.url}/documents/bygdevekstavtale-fjellbygd.pdf`);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await served.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('gives the typed errors of the command line for bad files', async () => {
    const auth = { ...csrf, authorization: `Bearer ${TOKEN}` };
    const notPdf = await upload(new Blob(['ikkje ein pdf']), 'tekst.pdf', auth);
    expect(notPdf.body.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_PDF', file: 'tekst.pdf' } });
    expect(errorCode((await upload(new Blob(['%PDF-1.7\n1 0 obj']), 'skadd.pdf', auth)).body)).toBe('DAMAGED_PDF');
    expect(errorCode((await upload(pdf(), 'avtale.docx', auth)).body)).toBe('NOT_PDF');
    const big = new Blob([new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3 * 1024 * 1024, 32)]))]);
    expect(errorCode((await upload(big, 'stor.pdf', auth)).body)).toBe('FILE_TOO_LARGE');
    // nothing of these reached the store
    const documents = (await api.gql<{ documents: { totalCount: number; items: unknown[] } }>('{ documents { totalCount items { id } } }')).body.data!.documents;
    expect(documents.items).toHaveLength(6);
    expect(documents.totalCount).toBe(6);
  });

  it('is disabled when the server has no token', async () => {
    const closed = await startTestServer({ corpus: false });
    try {
      const form = new FormData();
      form.append('operations', JSON.stringify({ query: 'mutation($file: File!) { ingestDocument(file: $file) { status } }', variables: { file: null } }));
      form.append('map', JSON.stringify({ 0: ['variables.file'] }));
      form.append('0', pdf(), 'a.pdf');
      const response = await fetch(`${closed.url}/graphql`, { method: 'POST', headers: { ...csrf, authorization: 'Bearer anything' }, body: form });
      expect(errorCode((await response.json()) as { errors?: { extensions?: Record<string, unknown> }[] })).toBe('INGEST_DISABLED');
    } finally {
      await closed.close();
    }
  });
});

describe('the server', () => {
  it('reports its health and store', async () => {
    const health = await (await fetch(`${api.url}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', store: { backend: 'embedded' } });
  });

  it('serves GraphiQL with the example operations', async () => {
    const page = await (await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(page).toMatch(/GraphiQL/i);
    expect(page).toContain('HusbankenOnHousing');
  });

  it('passes every MUST audit of the GraphQL-over-HTTP specification (graphql-http)', async () => {
    const results = [];
    for (const audit of serverAudits({ url: `${api.url}/graphql`, fetchFn: fetch })) results.push({ ...(await audit.fn()), name: audit.name });
    const failedMust = results.filter((r) => r.name.startsWith('MUST') && r.status !== 'ok');
    expect(failedMust.map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`)).toEqual([]);
    expect(results.filter((r) => r.name.startsWith('MUST')).length).toBeGreaterThan(10);
  });
});
