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
    expect((await search(ctx, 'bustad', 20)).length).toBeGreaterThan(0);
    expect((await similarMeasures(ctx, 'felles plankontor', 5)).length).toBeGreaterThan(0);
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
    await search(ctx, 'hospitering', 5);
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
    const { search: hits } = await server.data<{ search: { text: string }[] }>('{ search(text: "bustad", limit: 5) { text } }');
    expect(hits.length).toBeGreaterThan(0);
    expect(server.api.query.reads).toBe(before);
  });
});
