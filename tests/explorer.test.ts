/**
 * The explorer end to end in real headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core) against a server over the corpus: find Husbanken, see the housing pilots
 * highlighted in the matrix, open a cell and follow an evidence link to the right page of the
 * right PDF, compare the two Nord-Troms agreements, switch the language, work by keyboard.
 * Screenshots go to tests/output/; with UPDATE_SCREENSHOTS=1 (or when missing) also to
 * api/explorer/screenshots/, where the README shows them.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocument } from '../ingest/read-document.ts';
import { startTestServer, type TestServer } from './helpers/api.ts';
import { keepForReadme, launchChromium, screenshotDir as outputDir } from './helpers/browser.ts';

const root = join(import.meta.dirname, '..');

let api: TestServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  api = await startTestServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

/** Takes a screenshot, checks it is a real picture (a PNG of many colours), and keeps it. */
async function screenshot(name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const file = join(outputDir, `explorer-${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${name} is a PNG`).toBe(true);
  expect(statSync(file).size, `${name} size`).toBeGreaterThan(30_000);
  // Decode it in the browser and count its colours: a blank or broken page has a handful.
  const colours = await page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < pixels.length; i += 4 * 7) seen.add((pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!);
    return seen.size;
  }, bytes.toString('base64'));
  expect(colours, `${name} distinct colours`).toBeGreaterThan(200);
  keepForReadme(file, name);
}

const gqlData = <T>(query: string, variables: Record<string, unknown> = {}) => api.data<T>(query, variables);

describe('the explorer in a browser', () => {
  it('serves the page, its assets and still GraphiQL, with the right content types', async () => {
    const index = await fetch(`${api.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('/explorer/main.js');
    const script = await fetch(`${api.url}/explorer/main.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await script.text()).length).toBeGreaterThan(50_000);
    expect((await fetch(`${api.url}/explorer/styles.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    // Only the listed assets: no other file, however the path is written.
    for (const path of ['/explorer/serve.ts', '/explorer/src/main.ts', '/explorer/%2e%2e/server.ts', '/explorer/..%2fserver.ts', '/explorer/nope.js']) {
      expect((await fetch(`${api.url}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(`${api.url}/explorer/main.js`, { method: 'POST' })).status).toBe(405);
    const graphiql = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toMatch(/graphiql/i);
  });

  it('opens in bokmål on the party network, and finds Husbanken by search', async () => {
    await page.goto(`${api.url}/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    expect(await page.getAttribute('html', 'lang')).toBe('nb');
    expect(await page.title()).toBe('Avtalegrafen');
    await page.waitForSelector('#view-network[data-graph="drawn"]');
    expect(await page.locator('#network-canvas canvas').count()).toBeGreaterThan(0);
    expect(await page.textContent('#network-heading')).toBe('Partsnettverk');

    // By an abbreviation: KDD.
    await page.fill('#party-search', 'KDD');
    await page.press('#party-search', 'Enter');
    await expect.poll(() => page.textContent('#party-name')).toBe('Kommunal- og distriktsdepartementet');

    // By a click on its node in the graph.
    const box = (await page.locator('#network-canvas').boundingBox())!;
    const at = await page.evaluate(() => (window as unknown as { explorer: { network: { nodePosition(id: string): { x: number; y: number } | null } } }).explorer.network.nodePosition('party:distriktssenteret'));
    expect(at).not.toBeNull();
    await page.mouse.click(box.x + at!.x, box.y + at!.y);
    await expect.poll(() => page.textContent('#party-name')).toBe('Distriktssenteret');

    await page.fill('#party-search', 'husbanken');
    await page.press('#party-search', 'Enter');
    await expect.poll(() => page.textContent('#party-name')).toBe('Husbanken');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('party-search');
    const pilots = await page.locator('#party-detail .pilot-group h5').allTextContents();
    expect(pilots.map((p) => p.split(' ')[0])).toEqual(['Hjerteregionen', 'Indre-Namdal', 'Midt', 'Midt-Finnmark', 'Nord-Troms', 'Smøla', 'Vest-Telemark', 'Vestre']);
    // every role of it is shown (a page of up to 100), so no "Viser N av M" under them
    const { party } = await gqlData<{ party: { roles: { totalCount: number } } }>('{ party(name: "Husbanken") { roles(limit: 1) { totalCount } } }');
    expect(await page.locator('#party-detail .pilot-group li').count()).toBe(party.roles.totalCount);
    expect(await page.locator('#party-detail .more').count()).toBe(0);
    // Its special role in Nord-Troms, with the sentence and the page it is on.
    const nordTroms = page.locator('#party-detail .pilot-group[data-pilot="pilot:nord-troms"]');
    expect(await nordTroms.locator('blockquote').first().textContent()).toContain('boligtematikk');
    expect(await nordTroms.locator('a.pdf-link').first().getAttribute('href')).toBe('/documents/bygdevekstavtale-nord-troms.pdf#page=2');
    expect(await nordTroms.locator('a.evidence-link').first().getAttribute('href')).toMatch(/^\/explorer\/viewer\?file=bygdevekstavtale-nord-troms\.pdf&page=2&q=Husbanken\+skal/);
    // Off any node, so that no hover label is left in the picture.
    await page.mouse.move(box.x + 3, box.y + 3);
    await page.waitForTimeout(300);
    await screenshot('network');
  });

  it('filters the network by kind and theme', async () => {
    const total = Number(await page.getAttribute('#view-network', 'data-nodes'));
    await page.focus('#filter-theme');
    await page.selectOption('#filter-theme', 'HOUSING');
    // The controls are rebuilt, and the focus stays where the keyboard left it.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('filter-theme');
    const housing = Number(await page.getAttribute('#view-network', 'data-nodes'));
    expect(housing).toBeGreaterThan(0);
    expect(housing).toBeLessThan(total);
    await page.getByLabel('Kommune', { exact: true }).uncheck();
    const noMunicipalities = Number(await page.getAttribute('#view-network', 'data-nodes'));
    expect(noMunicipalities).toBeLessThan(housing);
    expect(await page.locator('.party-list button[data-party="party:husbanken"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Nullstill' }).click();
    expect(Number(await page.getAttribute('#view-network', 'data-nodes'))).toBe(total);
  });

  it('says so when no party has the name typed, and names the closest known ones', async () => {
    await page.click('#tab-matrix');
    await page.waitForSelector('#view-matrix:not([hidden])');
    await page.fill('#matrix-party', 'Husbanke Vest');
    await page.press('#matrix-party', 'Enter');
    await page.waitForFunction(() => /Ingen part heter/.test(document.querySelector('#view-matrix .status')?.textContent ?? ''));
    expect(await page.textContent('#view-matrix .status')).toMatch(/^Ingen part heter «Husbanke Vest»\. Mente du: .*Husbanken/);
    await page.fill('#matrix-party', '');
    await page.press('#matrix-party', 'Enter');
  });

  it('highlights the pilots that involve Husbanken on housing, and leads from a cell to the page of the PDF', async () => {
    await page.click('#tab-matrix');
    await page.waitForSelector('#view-matrix:not([hidden])');
    expect(await page.locator('#matrix tbody tr').count()).toBe(8);
    expect(await page.locator('#matrix thead th.theme-col').count()).toBe(16);
    await page.fill('#matrix-party', 'Husbanken');
    await page.press('#matrix-party', 'Enter');
    await page.waitForSelector('#view-matrix[data-highlight="Husbanken"]');

    const answer = await gqlData<{ pilotsInvolving: { totalCount: number; items: { pilot: { id: string }; subGoals: { id: string; number: string }[]; evidence: { document: string; page: number; quote: string }[] }[] } }>(
      '{ pilotsInvolving(party: "Husbanken", theme: HOUSING, limit: 100) { totalCount items { pilot { id } subGoals { id number } evidence { document page quote } } } }',
    );
    const expectedPilots = answer.pilotsInvolving.items.map((e) => e.pilot.id).sort();
    expect(expectedPilots).toHaveLength(8);
    expect(answer.pilotsInvolving.totalCount).toBe(8);
    const highlightedHousing = await page.locator('button.cell[data-theme="HOUSING"][data-highlighted="true"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-pilot')));
    expect(highlightedHousing.sort()).toEqual(expectedPilots);
    expect((await page.locator('#matrix tbody tr.highlighted').evaluateAll((els) => els.map((e) => e.getAttribute('data-pilot')))).sort()).toEqual(expectedPilots);
    expect(await page.textContent('#view-matrix .status')).toBe('Husbanken deltar i 8 piloter; markerte celler er delmål der Husbanken er samarbeidspart.');

    // By keyboard: focus the Nord-Troms housing cell and press Enter.
    const cell = page.locator('button.cell[data-pilot="pilot:nord-troms"][data-theme="HOUSING"]');
    expect(await cell.getAttribute('title')).toBe('3. Økt variasjon i boligtilbudet i Nord-Troms');
    await cell.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#cell-detail li[data-subgoal="subgoal:bygdevekst-nord-troms:3"]');
    expect(await cell.getAttribute('aria-pressed')).toBe('true');
    // The focus ring shows on the cell reached by keyboard.
    const focused = () => page.evaluate(() => `${document.activeElement?.getAttribute('data-pilot')}|${document.activeElement?.getAttribute('data-theme')}`);
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('pilot:nord-troms|WORKFORCE');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('pilot:vestre-varanger|WORKFORCE');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toBe('pilot:nord-troms|HOUSING');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');

    const detail = page.locator('#cell-detail');
    expect(await detail.locator('h4').allTextContents()).toEqual(['3. Økt variasjon i boligtilbudet i Nord-Troms']);
    expect(await detail.locator('.partners').first().textContent()).toContain('Husbanken');
    expect(await detail.locator('mark').textContent()).toBe('Husbanken');

    // The partner sentence: its link opens the page the API gives, and the quote is on that page of that PDF.
    const figure = detail.locator('figure.evidence', { hasText: 'Samarbeidsparter under dette delmålet' });
    const quote = (await figure.locator('blockquote').textContent())!.replace(/^«|»$/g, '');
    const link = figure.locator('a.pdf-link');
    // the quote's own link opens the viewer at that page with the quote to mark
    const viewer = new URL(await figure.locator('a.evidence-link').evaluate((a) => (a as HTMLAnchorElement).href));
    expect([viewer.pathname, viewer.searchParams.get('file'), viewer.searchParams.get('page'), viewer.searchParams.get('q')]).toEqual(['/explorer/viewer', 'bygdevekstavtale-nord-troms.pdf', '5', quote]);
    const href = await link.evaluate((a) => (a as HTMLAnchorElement).href);
    const apiEvidence = answer.pilotsInvolving.items.find((e) => e.pilot.id === 'pilot:nord-troms')!.evidence.find((e) => e.quote === quote)!;
    expect(apiEvidence).toBeDefined();
    expect(href).toBe(`${api.url}/documents/${apiEvidence.document}#page=${apiEvidence.page}`);
    expect(href.endsWith('/documents/bygdevekstavtale-nord-troms.pdf#page=5')).toBe(true);
    expect(await link.getAttribute('target')).toBe('_blank');
    const pdf = await fetch(href.replace(/#.*$/, ''));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const parsed = await readDocument(new Uint8Array(await pdf.arrayBuffer()), 'bygdevekstavtale-nord-troms.pdf');
    const squash = (s: string) => s.replace(/\s+/g, ' ');
    expect(squash(parsed.pages[4]!.text)).toContain(squash(quote));
    expect(squash(parsed.pages[3]!.text)).not.toContain(squash(quote));

    await screenshot('matrix', { fullPage: true });
  });

  it('compares the Bygdevekst and Tromsvekst agreements for Nord-Troms side by side', async () => {
    const { agreements: listed } = await gqlData<{ agreements: { totalCount: number; items: { id: string; title: string }[] } }>('{ agreements(limit: 100) { totalCount items { id title } } }');
    const agreements = listed.items;
    expect(agreements).toHaveLength(listed.totalCount);
    const bygdevekst = agreements.find((a) => a.title === 'Bygdevekstavtale for Nord-Troms')!.id;
    const tromsvekst = agreements.find((a) => a.title.startsWith('Tromsvekstavtalen for Nord-Troms'))!.id;
    await page.click('#tab-compare');
    await page.waitForSelector('#view-compare:not([hidden])');
    // the selects offer every agreement, as many as the API counts
    expect(await page.locator('#compare-a option').count()).toBe(listed.totalCount);
    // Another pair first, then the Nord-Troms pair chosen in the selects.
    await page.selectOption('#compare-a', 'agreement:bygdevekst-vest-telemark');
    await page.click('#compare-button');
    await page.waitForSelector(`#view-compare[data-compared="agreement:bygdevekst-vest-telemark|${tromsvekst}"]`);
    await page.selectOption('#compare-a', bygdevekst);
    await page.selectOption('#compare-b', tromsvekst);
    await page.click('#compare-button');
    await page.waitForSelector(`#view-compare[data-compared="${bygdevekst}|${tromsvekst}"]`);

    const section = (key: string) => page.locator(`#compare-result [data-section="${key}"]`);
    expect(await page.locator('.compare-head h3').allTextContents()).toEqual(['Bygdevekstavtale for Nord-Troms', 'Tromsvekstavtalen for Nord-Troms 2025–2028']);
    // Bygdevekst: delmål 1–3 (section 6.1–6.3); Tromsvekst: 1.1–1.3, 2.1, 3.1–3.2, 4.1.
    expect(await page.locator('.compare-head .muted').allTextContents()).toEqual(['Nord-Troms · Bygdevekst · bokmål · 3 delmål', 'Nord-Troms · Tromsvekst · bokmål · 7 delmål']);
    expect(await section('sharedParties').locator('li').allTextContents()).toEqual(['Troms fylkeskommune — Fylkeskommune']);
    expect(await section('sharedMunicipalities').locator('li').allTextContents()).toEqual(['Kvænangen kommune', 'Kåfjord kommune', 'Nordreisa kommune', 'Skjervøy kommune']);
    // Themes and similar pairs as the API gives them (their scoring is the API's to refine); attractiveness is shared whatever it refines.
    const api2 = await gqlData<{ compareAgreements: { sharedThemes: string[]; similarSubGoals: { a: { number: string }; b: { number: string }; score: number }[] } }>(
      'query($a: ID!, $b: ID!) { compareAgreements(a: $a, b: $b) { sharedThemes similarSubGoals(limit: 5) { a { number } b { number } score } } }',
      { a: bygdevekst, b: tromsvekst },
    );
    const nbLabels = JSON.parse(readFileSync(join(root, 'api/explorer/src/labels.json'), 'utf8')).nb as Record<string, string>;
    expect(await section('sharedThemes').locator('li').allTextContents()).toEqual(api2.compareAgreements.sharedThemes.map((x) => nbLabels[`theme.${x}`]));
    expect(await section('sharedThemes').locator('li').allTextContents()).toContain('Attraktivitet og bosetting');
    expect(await section('sharedPlanAnchors').textContent()).toContain('Regional Bærekraftig Næringsplan');
    expect(await section('crossReferences').locator('a.pdf-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      '/documents/bygdevekstavtale-nord-troms.pdf#page=4',
      '/documents/tromsvekstavtale-nord-troms-2025-2028.pdf#page=2',
    ]);
    const pairs = section('similarSubGoals').locator('li.pair');
    const expectedPairs = [...api2.compareAgreements.similarSubGoals].sort((x, y) => y.score - x.score);
    expect(await pairs.count()).toBe(expectedPairs.length);
    if (expectedPairs[0]) expect(await pairs.first().locator('.side-b p').textContent()).toMatch(new RegExp(`^${expectedPairs[0].b.number.replace('.', '\\.')}\\. `));
    await screenshot('compare', { fullPage: true });
  });

  it('switches the interface to nynorsk and English and back', async () => {
    expect(await page.locator('#lang-switch button').allTextContents()).toEqual(['Bokmål', 'Nynorsk', 'English']);
    expect(await page.getAttribute('#lang-nb', 'aria-pressed')).toBe('true');
    await page.click('#lang-nn');
    expect(await page.getAttribute('html', 'lang')).toBe('nn');
    expect(await page.getAttribute('#lang-nn', 'aria-pressed')).toBe('true');
    expect(await page.getAttribute('#lang-nb', 'aria-pressed')).toBe('false');
    expect(await page.textContent('#compare-heading')).toBe('Samanlikn to avtalar');
    expect(await page.locator('#compare-result h3').nth(2).textContent()).toBe('Felles partar (1)');
    expect(await page.locator('nav.tabs a').allTextContents()).toEqual(['Partsnettverk', 'Pilotar × tema', 'Samanlikn avtalar', 'Avtalar', 'Tiltak', 'Søk', 'GraphQL (GraphiQL)']);
    await page.click('#tab-matrix');
    expect(await page.locator('#matrix thead th.theme-col').first().textContent()).toBe('Bustad');
    expect(await page.locator('#matrix thead th.theme-col').nth(13).textContent()).toBe('Attraktivitet og busetjing');
    await page.click('#lang-en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('#compare-heading')).toBe('Compare two agreements');
    expect(await page.locator('#compare-result h3').nth(2).textContent()).toBe('Shared parties (1)');
    expect(await page.textContent('#tab-matrix')).toBe('Pilots × themes');
    expect(await page.locator('#matrix thead th.theme-col').first().textContent()).toBe('Housing');
    await screenshot('matrix-en');
    await page.click('#lang-nb');
    expect(await page.getAttribute('html', 'lang')).toBe('nb');
    expect(await page.locator('#matrix thead th.theme-col').first().textContent()).toBe('Bolig');
    // The choice is kept for the next visit.
    await page.click('#lang-nn');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.getAttribute('html', 'lang')).toBe('nn');
    expect(await page.textContent('#tab-agreements')).toBe('Avtalar');
    await page.click('#lang-nb');
  });

  it('can be used by keyboard from the top: the skip link, the views as links, the language as a button', async () => {
    await page.goto(`${api.url}/?lang=nb#matrix`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
    const stops: string[] = [];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      stops.push(await page.evaluate(() => `${document.activeElement?.tagName}#${document.activeElement?.id}`));
    }
    expect(stops).toEqual(['A#tab-network', 'A#tab-matrix', 'A#tab-compare', 'A#tab-agreements', 'A#tab-measures', 'A#tab-search', 'A#', 'BUTTON#lang-nb', 'BUTTON#lang-nn', 'BUTTON#lang-en']);
    // The language by keyboard: the focus stays on the button pressed.
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lang-en');
    await page.focus('#lang-nb');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('html', 'lang')).toBe('nb');
    await page.focus('#tab-compare');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#view-compare:not([hidden])');
    expect(await page.getAttribute('#tab-compare', 'aria-current')).toBe('page');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-compare');
    expect(pageErrors).toEqual([]);
  });
});
