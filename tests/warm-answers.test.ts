/**
 * The work questions build on is done ahead of the first request, at start and again after each
 * write: a question asked after warming reads nothing from the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepAnswersWarm } from '../api/server.ts';
import { QueryContext } from '../queries/context.ts';
import { partyNetwork, search, similarMeasures, transferableMeasures } from '../queries/index.ts';
import { warmAnswers } from '../queries/warm.ts';
import { startTestServer, type TestServer } from './helpers/api.ts';
import { extractCorpus, temporaryStore } from './helpers/store.ts';
import { ingestExtracted } from '../graph/documents.ts';
import type { EmbeddedStore } from '../graph/embedded-store.ts';

let store: EmbeddedStore;

beforeAll(async () => {
  store = await temporaryStore();
  for (const x of await extractCorpus()) await ingestExtracted(store, x);
}, 120_000);

afterAll(async () => {
  await store?.close();
});

describe('answers computed ahead', () => {
  it('leaves search, the measure questions and the party network nothing to read', async () => {
    const ctx = new QueryContext(store);
    await warmAnswers(ctx);
    const before = ctx.reads;
    expect(before).toBeGreaterThan(0);
    expect((await search(ctx, 'bustad', { limit: 20, offset: 0 })).items.length).toBeGreaterThan(0);
    expect((await similarMeasures(ctx, 'felles plankontor', { limit: 5, offset: 0 })).items.length).toBeGreaterThan(0);
    expect((await transferableMeasures(ctx, undefined, 2)).length).toBeGreaterThan(0);
    expect((await partyNetwork(ctx, undefined, 2)).nodes.length).toBeGreaterThan(0);
    expect(ctx.reads).toBe(before);
  });

  it('is computed again after a write, before anyone asks', async () => {
    const ctx = new QueryContext(store);
    let warmed = 0;
    ctx.whenInvalidated(() => void warmAnswers(ctx).then(() => warmed++));
    await warmAnswers(ctx);
    ctx.invalidate();
    await expect.poll(() => warmed, { timeout: 60_000 }).toBe(1);
    const before = ctx.reads;
    await search(ctx, 'hospitering', { limit: 5, offset: 0 });
    expect(ctx.reads).toBe(before);
  });
});

describe('answers that grow with the corpus', () => {
  it('are held a bounded number at a time, the one used longest ago let go first', async () => {
    const ctx = new QueryContext(store);
    let computed = 0;
    const group = { name: 'test-group', max: 2 };
    const value = (key: string) => ctx.cached(key, async () => ++computed, group);
    await value('a');
    await value('b');
    await value('a');
    expect(computed).toBe(2);
    await value('c');
    await value('a');
    expect(computed).toBe(3);
    await value('b');
    expect(computed).toBe(4);
  });
});

describe('the server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ warm: false });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('warms at start, so that the first search over HTTP reads nothing', async () => {
    await keepAnswersWarm(server.api);
    const before = server.api.query.reads;
    const { search: hits } = await server.data<{ search: { items: { text: string }[] } }>('{ search(text: "bustad", limit: 5) { items { text } } }');
    expect(hits.items.length).toBeGreaterThan(0);
    expect(server.api.query.reads).toBe(before);
  });

  it('answers the warm measure question a page at a time: totalCount counts every measure above the threshold, offset goes on', async () => {
    type Page = { totalCount: number; pageInfo: { offset: number; limit: number; hasNextPage: boolean }; items: { measure: { id: string }; score: number }[] };
    const ask = (limit: number, offset: number) =>
      server.data<{ similarMeasures: Page }>('query ($limit: Int, $offset: Int) { similarMeasures(text: "felles plankontor", limit: $limit, offset: $offset) { totalCount pageInfo { offset limit hasNextPage } items { measure { id } score } } }', { limit, offset });
    const { similarMeasures: all } = await ask(100, 0);
    expect(all.totalCount).toBeLessThan(100);
    expect(all.totalCount).toBe(all.items.length);
    expect(all.pageInfo).toEqual({ offset: 0, limit: 100, hasNextPage: false });
    expect(all.totalCount).toBeGreaterThan(2);
    const { similarMeasures: first } = await ask(2, 0);
    const { similarMeasures: second } = await ask(2, 2);
    expect(first.totalCount).toBe(all.totalCount);
    expect(second.totalCount).toBe(all.totalCount);
    expect(first.pageInfo).toEqual({ offset: 0, limit: 2, hasNextPage: true });
    expect(second.pageInfo.hasNextPage).toBe(4 < all.totalCount);
    expect([...first.items, ...second.items]).toEqual(all.items.slice(0, 4));
  });
});
