/**
 * The explorer's download links in headless Chromium: each view offers its files with the view's
 * own filters (the party network by kind and weight, the matrix and the highlighted party's
 * pilots, the measures on a theme), and each link gives the file the server makes.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/api.ts';
import { launchChromium } from './helpers/browser.ts';

let api: TestServer;
let browser: Browser;
let page: Page;
const outside: string[] = [];

beforeAll(async () => {
  api = await startTestServer();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  await context.route('**/*', (route) => {
    const { hostname, protocol } = new URL(route.request().url());
    if (protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1') return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function open(hash: string): Promise<void> {
  await page.goto(`${api.url}/?lang=en#${hash}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  await page.waitForSelector(`#view-${hash}:not([hidden])`);
}

const hrefs = (view: string) => page.locator(`#view-${view} .downloads a.download`).evaluateAll((links) => links.map((a) => a.getAttribute('href')));

describe('download links in the explorer', { timeout: 120_000 }, () => {
  it('offers the party network for Gephi with the kinds and weight chosen, and the link downloads it', async () => {
    await open('network');
    expect(await hrefs('network')).toEqual(['/export/party-network.gexf', '/export/party-network.graphml', '/export/parties.csv', '/export/parties.xlsx']);
    await page.fill('#filter-min-weight', '2');
    await page.dispatchEvent('#filter-min-weight', 'change');
    await page.uncheck('#view-network input[name=kind][value=MUNICIPALITY]');
    const [gexf] = await hrefs('network');
    expect(decodeURIComponent(gexf!)).toMatch(/^\/export\/party-network\.gexf\?kinds=[A-Z_,]+&minWeight=2$/);
    expect(gexf).not.toContain('MUNICIPALITY');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#view-network a.download[data-format=gexf]')]);
    expect(download.suggestedFilename()).toBe('party-network.gexf');
    const text = await (await fetch(`${api.url}${gexf}`)).text();
    expect(text).toContain('<gexf');
    expect(text).not.toContain('MUNICIPALITY');
  });

  it("offers the matrix, and the highlighted party's pilots", async () => {
    await open('matrix');
    expect(await hrefs('matrix')).toEqual(['/export/matrix.csv', '/export/matrix.xlsx']);
    await page.fill('#matrix-party', 'Husbanken');
    await page.press('#matrix-party', 'Enter');
    await page.waitForSelector('#view-matrix[data-highlight="Husbanken"]');
    expect(await hrefs('matrix')).toEqual(['/export/matrix.csv', '/export/matrix.xlsx', '/export/pilots-involving.csv?party=Husbanken', '/export/pilots-involving.xlsx?party=Husbanken']);
    const r = await fetch(`${api.url}/export/pilots-involving.csv?party=Husbanken`);
    expect(r.status).toBe(200);
    // the file lists the pilots the matrix marks: every pilot involving the party, as many as the API counts
    const { body } = await api.gql<{ pilotsInvolving: { totalCount: number; items: { pilot: { id: string } }[] } }>('{ pilotsInvolving(party: "Husbanken", limit: 100) { totalCount items { pilot { id } } } }');
    const involving = body.data!.pilotsInvolving;
    expect(involving.items).toHaveLength(involving.totalCount);
    const marked = await page.locator('#matrix tbody tr.highlighted').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-pilot')));
    expect(marked.sort()).toEqual(involving.items.map((e) => e.pilot.id).sort());
    const inFile = [...(await r.text()).matchAll(/^(pilot:[\w-]+),/gm)].map((m) => m[1]);
    expect(inFile.sort()).toEqual(marked);
  });

  it('offers the measures on the theme chosen', async () => {
    await open('measures');
    await page.waitForSelector('#view-measures[data-clusters^=":"]');
    expect(await hrefs('measures')).toEqual(['/export/transferable-measures.csv', '/export/transferable-measures.xlsx']);
    await page.selectOption('#measures-theme', 'HOUSING');
    await page.waitForSelector('#view-measures[data-clusters^="HOUSING:"]');
    expect(await hrefs('measures')).toEqual(['/export/transferable-measures.csv?theme=HOUSING', '/export/transferable-measures.xlsx?theme=HOUSING']);
    expect(await page.textContent('#view-measures .downloads')).toContain('Download: the measures');
    expect(outside).toEqual([]);
  });
});
