/**
 * GraphiQL is served whole by this server (@graphql-yoga/render-graphiql): in Chromium with every
 * request to another host refused, the page renders, runs its example operation and shows the
 * answer, and asks nothing of any other server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/api.ts';
import { keepForReadme, launchChromium, screenshotDir } from './helpers/browser.ts';

let api: TestServer;
let browser: Browser;

beforeAll(async () => {
  api = await startTestServer();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

const isLoopback = (url: string) => {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'blob:' || protocol === 'data:' || protocol === 'about:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
};

describe('GraphiQL without the internet', () => {
  it('names no CDN in the page it serves', async () => {
    const html = await (await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('YogaGraphiQL');
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/);
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdnjs/);
  });

  it('renders, runs the example operation and shows the answer, with every outside request refused', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const outside: string[] = [];
    const errors: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLoopback(url)) return route.continue();
      outside.push(url);
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${api.url}/graphql`);
    await page.waitForSelector('.graphiql-container', { timeout: 60_000 });
    // the example operations are in the editor
    await page.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent?.includes('pilotsInvolving'), undefined, { timeout: 60_000 });
    // the editor holds several operations: the run button asks which
    await page.click('.graphiql-execute-button');
    await page.getByRole('menuitem', { name: 'HusbankenOnHousing' }).click({ timeout: 30_000 });
    await page.waitForFunction(() => (document.querySelector('.graphiql-response')?.textContent ?? '').includes('"data"'), undefined, { timeout: 30_000 });
    // the pane shows only the lines in view (the editor is virtualised): the answer's start, a pilot by name
    const shown = await page.textContent('.graphiql-response');
    expect(shown).toContain('"pilotsInvolving"');
    expect(shown).toMatch(/"pilot":\s*\{\s*"name":\s*"\p{L}/u);
    // a page of the pilots: how many there are in all, as the API counts them, then the items
    const { pilotsInvolving } = await api.data<{ pilotsInvolving: { totalCount: number } }>('{ pilotsInvolving(party: "Husbanken", theme: HOUSING, limit: 1) { totalCount } }');
    expect(pilotsInvolving.totalCount).toBeGreaterThan(1);
    expect(shown).toMatch(new RegExp(`"totalCount":\\s*${pilotsInvolving.totalCount}\\s*,\\s*"items":\\s*\\[`));
    const file = join(screenshotDir, 'graphiql-offline.png');
    await page.screenshot({ path: file });
    expect(readFileSync(file).length).toBeGreaterThan(30_000);
    keepForReadme(file, 'graphiql');
    expect(outside).toEqual([]);
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });

  it('would see an outside request: the guard is real', async () => {
    const context = await browser.newContext();
    const outside: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLoopback(url)) return route.continue();
      outside.push(url);
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    await page.setContent('<img src="https://cdn.example.org/x.png">');
    await page.waitForTimeout(200);
    expect(outside).toEqual(['https://cdn.example.org/x.png']);
    await context.close();
  });
});
