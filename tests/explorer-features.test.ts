/**
 * The explorer's analyst views in real headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core) against a server over the corpus: agreements with their validity, obligations
 * and plan anchors; measures that recur and measures like a description; search in nb or nn;
 * "copy citation" on a quote (the Clipboard API and the fallback); the local pdf.js viewer that
 * opens the PDF at the page and marks the quote. Expected answers are the API's own, asked here,
 * and what the documents say. Screenshots as in tests/explorer.test.ts.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/api.ts';
import { keepForReadme, launchChromium, screenshotDir as outputDir } from './helpers/browser.ts';
import { projectRoot as root } from './helpers/corpus.ts';


let api: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
/** Every URL the browser asked for: nothing may leave this server (no CDN). */
const requested: string[] = [];

function watch(p: Page): Page {
  p.on('pageerror', (error) => pageErrors.push(`${p.url()}: ${error.message}`));
  p.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${p.url()}: ${message.text()}`);
  });
  p.on('request', (request) => requested.push(request.url()));
  return p;
}

beforeAll(async () => {
  api = await startTestServer();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: api.url });
  page = watch(await context.newPage());
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function screenshot(p: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const file = join(outputDir, `explorer-${name}.png`);
  await p.screenshot({ path: file, fullPage: options.fullPage ?? false });
  expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
  expect(statSync(file).size, `${name} size`).toBeGreaterThan(30_000);
  keepForReadme(file, name);
}

const gqlData = <T>(query: string, variables: Record<string, unknown> = {}) => api.data<T>(query, variables);
/** The same, or null while the API does not give the field yet. */
const gqlMaybe = async <T>(query: string, variables: Record<string, unknown> = {}) => {
  const { body } = await api.gql<T>(query, variables);
  return body.errors?.length ? null : body.data!;
};
const fold = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The explorer loaded afresh on a view (a change of hash alone would keep the state of the last test). */
async function open(hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${api.url}/?lang=nb#${hash}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  await page.waitForSelector(`#view-${hash}:not([hidden])`);
}

describe('the explorer for an analyst', () => {
  it('serves the viewer and pdf.js from the installed package, by a fixed list of names only', async () => {
    const version = JSON.parse(readFileSync(join(root, 'node_modules/pdfjs-dist/package.json'), 'utf8')).version;
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies['pdfjs-dist']).toBe(version);
    const lib = await fetch(`${api.url}/explorer/pdfjs/pdf.min.mjs`);
    expect(lib.status).toBe(200);
    expect(lib.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(Buffer.from(await lib.arrayBuffer()).equals(readFileSync(join(root, 'node_modules/pdfjs-dist/build/pdf.min.mjs')))).toBe(true);
    expect((await fetch(`${api.url}/explorer/pdfjs/pdf.worker.min.mjs`)).status).toBe(200);
    const font = await fetch(`${api.url}/explorer/pdfjs/standard_fonts/FoxitSerif.pfb`);
    expect(Buffer.from(await font.arrayBuffer()).equals(readFileSync(join(root, 'node_modules/pdfjs-dist/standard_fonts/FoxitSerif.pfb')))).toBe(true);
    expect((await fetch(`${api.url}/explorer/viewer`)).headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await (await fetch(`${api.url}/explorer/viewer.js`)).text()).toContain('/explorer/pdfjs/pdf.min.mjs');
    for (const path of [
      '/explorer/pdfjs/pdf.mjs',
      '/explorer/pdfjs/../package.json',
      '/explorer/pdfjs/%2e%2e/package.json',
      '/explorer/pdfjs/standard_fonts/LICENSE_FOXIT',
      '/explorer/pdfjs/standard_fonts/..%2f..%2fpackage.json',
      '/explorer/viewer.ts',
      '/explorer/src/viewer.ts',
      '/explorer/viewer/../serve.ts',
    ]) {
      expect((await fetch(`${api.url}${path}`)).status, path).toBe(404);
    }
  });

  it('shows the validity of every agreement, and an agreement with its obligations, plan anchors and sub-goals', async () => {
    const { agreements: listed } = await gqlData<{ agreements: { totalCount: number; items: { id: string; title: string; validFrom: string | null; validUntil: string | null }[] } }>(
      '{ agreements(limit: 100) { totalCount items { id title validFrom validUntil } } }',
    );
    const agreements = listed.items;
    expect(agreements).toHaveLength(listed.totalCount);
    await open('agreements');
    const rows = page.locator('#agreements-table tbody tr');
    // one row per agreement: the whole list, as many as the API counts
    expect(await rows.count()).toBe(listed.totalCount);
    const validity = (id: string) => page.locator(`#agreements-table tr[data-agreement="${id}"] td.validity`).textContent();
    expect(await validity('agreement:bygdevekst-nord-troms')).toBe('til 30. desember 2028');
    expect(await validity('agreement:bygdevekst-vest-telemark')).toBe('til 31. desember 2028');
    expect(await validity('agreement:tromsvekst-nord-troms-2025-2028')).toMatch(/2025 – .*2028$/);
    for (const a of agreements.filter((x) => !x.validFrom && !x.validUntil)) expect(await validity(a.id)).toBe('ikke oppgitt');

    // Opened on Nord-Troms (the first agreement text): the sentence of its validity, with the page.
    await page.waitForSelector('#view-agreements[data-agreement="agreement:bygdevekst-nord-troms"]');
    const detail = page.locator('#agreement-detail');
    expect(await detail.locator('#agreement-title').textContent()).toBe('Bygdevekstavtale for Nord-Troms');
    expect(await detail.locator('[data-part="validity"] blockquote').textContent()).toBe('«Avtalen skal gjelde fra den er formelt godkjent av alle hovedparter og frem til 30. desember 2028.»');
    expect(await detail.locator('[data-part="validity"] a.pdf-link').getAttribute('href')).toBe('/documents/bygdevekstavtale-nord-troms.pdf#page=3');

    // Chosen by keyboard: Vest-Telemark, a nynorsk agreement.
    const id = 'agreement:bygdevekst-vest-telemark';
    const answer = await gqlData<{
      agreement: {
        obligations: { totalCount: number; items: { id: string; modality: string; action: string; parties: { name: string }[]; evidence: { page: number; quote: string } }[] };
        planAnchors: { anchor: { id: string; name: string; type: string }; evidence: { page: number; quote: string } }[];
        subGoals: { id: string; number: string; title: string }[];
      };
    }>('query($id: ID!) { agreement(id: $id) { obligations(limit: 100) { totalCount items { id modality action parties { name } evidence { page quote } } } planAnchors { anchor { id name type } evidence { page quote } } subGoals { id number title } } }', { id });
    await page.focus(`#agreements-table button[data-agreement="${id}"]`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#view-agreements[data-agreement="${id}"]`);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-agreement'))).toBe(id);
    expect(await page.getAttribute(`#agreements-table button[data-agreement="${id}"]`, 'aria-pressed')).toBe('true');
    expect(await detail.locator('[data-part="validity"] blockquote').textContent()).toMatch(/^«Avtala skal gjelde frå .*31\. desember 2028\.»$/);

    const obligations = detail.locator('ol.obligations > li');
    const apiObligations = answer.agreement.obligations.items;
    expect(apiObligations.length).toBeGreaterThan(10);
    // the page of 100 holds them all
    expect(answer.agreement.obligations.totalCount).toBe(apiObligations.length);
    expect(await obligations.count()).toBe(apiObligations.length);
    expect(await obligations.evaluateAll((els) => els.map((e) => e.getAttribute('data-obligation')))).toEqual(apiObligations.map((o) => o.id));
    const firstObligation = apiObligations[0]!;
    expect(await obligations.first().locator('.who').textContent()).toBe(firstObligation.parties.map((p) => p.name).join(', '));
    expect(await obligations.first().locator('.action').textContent()).toBe(firstObligation.action);
    expect(await obligations.first().locator('blockquote').textContent()).toBe(`«${firstObligation.evidence.quote}»`);
    expect(await detail.locator('[data-part="obligations"] summary').textContent()).toBe(`Forpliktelser (${answer.agreement.obligations.totalCount})`);
    expect(await detail.locator('[data-part="obligations"] .more').count()).toBe(0);

    const anchors = detail.locator('ul.anchors > li');
    expect(answer.agreement.planAnchors.length).toBeGreaterThan(0);
    expect(await anchors.locator('.anchor-name').allTextContents()).toEqual(answer.agreement.planAnchors.map((a) => a.anchor.name));
    expect(await anchors.first().locator('blockquote').textContent()).toBe(`«${answer.agreement.planAnchors[0]!.evidence.quote}»`);
    expect(await detail.locator('ul.subgoals > li > h5').allTextContents()).toEqual(answer.agreement.subGoals.map((s) => `${s.number}. ${s.title}`));
    await screenshot(page, 'agreements');
  });

  it("shows a sub-goal's partner groups and theme reasons where the API gives them", async () => {
    const id = 'agreement:bygdevekst-vest-telemark';
    const extras = await gqlMaybe<{ agreement: { subGoals: { id: string; groups: { group: { name: string }; role: string; evidence: { quote: string } }[]; themeReasons: { theme: string; words: string[]; evidence: { quote: string } }[] }[] } }>(
      'query($id: ID!) { agreement(id: $id) { subGoals { id groups { group { name } role evidence { quote } } themeReasons { theme words evidence { quote } } } } }',
      { id },
    );
    const detail = page.locator('#agreement-detail');
    expect(extras, 'SubGoal.groups and themeReasons').not.toBeNull();
    // Delmål 1 of Vest-Telemark: "Partane kan bli samde om å invitere … lokale bankar, utbyggjarar …".
    const first = detail.locator('ul.subgoals > li').first();
    expect(await first.locator('ul.groups > li .group-name').allTextContents()).toEqual(expect.arrayContaining(['lokale bankar', 'utbyggjarar']));
    expect(await first.locator('ul.groups > li[data-group="lokale bankar"] .chip.role').textContent()).toBe('Kan inviteres');
    expect(await detail.locator('ul.reasons > li').count()).toBeGreaterThan(0);
    for (const s of extras!.agreement.subGoals) {
      const item = detail.locator(`ul.subgoals > li[data-subgoal="${s.id}"]`);
      expect(await item.locator('ul.groups > li .group-name').allTextContents(), s.id).toEqual(s.groups.map((g) => g.group.name));
      expect(await item.locator('ul.reasons > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-theme'))), s.id).toEqual(s.themeReasons.map((r) => r.theme));
      if (s.themeReasons[0]) expect(await item.locator('ul.reasons > li .words').first().textContent()).toBe(`ord: ${s.themeReasons[0].words.join(', ')}`);
      if (s.groups[0]) expect(await item.locator('ul.groups > li blockquote').first().textContent()).toBe(`«${s.groups[0].evidence.quote}»`);
    }
  });

  it('shows the measures that recur across pilots, by theme, with their pilots and quotes', async () => {
    type Page<T> = { totalCount: number; items: T[] };
    type Cluster = { label: string; pilots: Page<{ name: string }>; measures: Page<{ text: string; evidence: { quote: string } }> };
    const CLUSTERS = (theme: string) => `{ transferableMeasures(${theme}limit: 100) { totalCount items { label pilots(limit: 20) { totalCount items { name } } measures(limit: 20) { totalCount items { text evidence { quote } } } } } }`;
    const all = (await gqlData<{ transferableMeasures: Page<Cluster> }>(CLUSTERS(''))).transferableMeasures;
    // the page of 100 holds every cluster, and each cluster's page of 20 all its pilots and measures
    expect(all.items).toHaveLength(all.totalCount);
    for (const c of all.items) expect([c.pilots.items.length, c.measures.items.length], c.label).toEqual([c.pilots.totalCount, c.measures.totalCount]);
    await open('measures');
    await page.waitForSelector(`#view-measures[data-clusters=":${all.totalCount}"]`);
    expect(await page.textContent('#clusters p.status')).toBe(`${all.totalCount} klynger`);
    const clusters = page.locator('#clusters li.cluster');
    expect(all.items.length).toBeGreaterThan(3);
    expect((await clusters.evaluateAll((els) => els.map((e) => e.getAttribute('data-label')))).sort()).toEqual(all.items.map((c) => c.label).sort());
    expect(await page.locator('#clusters .more').count()).toBe(0);
    for (const c of all.items.slice(0, 5)) {
      const item = page.locator(`#clusters li.cluster[data-label="${c.label.replace(/"/g, '\\"')}"]`);
      expect((await item.locator('.pilots .chip').allTextContents()).sort()).toEqual(c.pilots.items.map((p) => p.name).sort());
      expect(await item.locator('ul.measures > li').count()).toBe(c.measures.items.length);
      expect((await item.locator('ul.measures blockquote').allTextContents()).sort()).toEqual(c.measures.items.map((m) => `«${m.evidence.quote}»`).sort());
    }
    // The shared terms, where the API gives them.
    const terms = await gqlMaybe<{ transferableMeasures: Page<{ label: string; sharedTerms: string[] }> }>('{ transferableMeasures(limit: 100) { items { label sharedTerms } } }');
    expect(terms, 'MeasureCluster.sharedTerms').not.toBeNull();
    for (const c of terms!.transferableMeasures.items.slice(0, 5)) {
      expect(c.sharedTerms.length, c.label).toBeGreaterThan(0);
      expect(await page.locator(`#clusters li.cluster[data-label="${c.label.replace(/"/g, '\\"')}"] .shared-terms .chip`).allTextContents()).toEqual(c.sharedTerms);
    }

    // On housing: what the API gives for the theme, the Husbanken measure among them.
    const housing = (await gqlData<{ transferableMeasures: Page<Cluster> }>(CLUSTERS('theme: HOUSING, '))).transferableMeasures;
    expect(housing.items).toHaveLength(housing.totalCount);
    expect(housing.totalCount).toBeLessThan(all.totalCount);
    await page.focus('#measures-theme');
    await page.selectOption('#measures-theme', 'HOUSING');
    await page.waitForSelector(`#view-measures[data-clusters="HOUSING:${housing.totalCount}"]`);
    expect((await clusters.evaluateAll((els) => els.map((e) => e.getAttribute('data-label')))).sort()).toEqual(housing.items.map((c) => c.label).sort());
    expect((await page.locator('#clusters').textContent())!).toMatch(/Husbank/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('measures-theme');
    await screenshot(page, 'measures');
  });

  it('finds the measures like a typed description, best first, with score and quote', async () => {
    const text = 'felles plankontor for kommunene';
    const { similarMeasures: similarPage } = await gqlData<{ similarMeasures: { totalCount: number; items: { score: number; text: string; measure: { id: string }; evidence: { quote: string } }[] } }>(
      'query($text: String!) { similarMeasures(text: $text, limit: 10) { totalCount items { score text measure { id } evidence { quote } } } }',
      { text },
    );
    const similarMeasures = similarPage.items;
    await page.fill('#similar-text', text);
    await page.press('#similar-text', 'Enter');
    await page.waitForSelector(`#view-measures[data-similar="${text}"]`);
    const items = page.locator('#similar ol.similar > li');
    const expected = [...similarMeasures].sort((a, b) => b.score - a.score);
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-measure')))).toEqual(expected.map((m) => m.measure.id));
    // fewer than the 10 asked reach the threshold: all of them are shown, and counted so
    expect(similarPage.totalCount).toBe(similarMeasures.length);
    expect(await page.textContent('#similar p.status')).toBe(`${similarPage.totalCount} tiltak ligner på «${text}»`);
    expect(await items.first().textContent()).toContain('Hjerteregionen: Utrede felles plankontor');
    expect(await items.first().locator('.chip.score').textContent()).toBe(`likhet ${expected[0]!.score.toFixed(3)}`);
    expect(await items.first().locator('blockquote').textContent()).toBe('«a. Utrede felles plankontor»');
    const terms = await gqlMaybe<{ similarMeasures: { items: { sharedTerms: string[] }[] } }>('query($text: String!) { similarMeasures(text: $text, limit: 10) { items { sharedTerms } } }', { text });
    expect(terms, 'ScoredMeasure.sharedTerms').not.toBeNull();
    expect(terms!.similarMeasures.items[0]!.sharedTerms).toEqual(expect.arrayContaining(['plan', 'kontor']));
    expect(await items.first().locator('.shared-terms .chip').allTextContents()).toEqual(terms!.similarMeasures.items[0]!.sharedTerms);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('similar-text');
  });

  it('says how many of how many where a list is longer than the page it shows', async () => {
    // The corpus's lists fit the pages the explorer asks for; here the answers say the whole lists are longer.
    let bumped = '';
    const longer = async (route: Route) => {
      const response = await route.fetch();
      const body = await response.json();
      const data = body.data ?? {};
      if (data.transferableMeasures) {
        data.transferableMeasures.totalCount += 100;
        const first = data.transferableMeasures.items[0];
        bumped = first.label;
        first.pilots.totalCount += 30;
        first.measures.totalCount += 40;
      }
      if (data.similarMeasures) data.similarMeasures.totalCount += 20;
      if (data.searchByAgreement) data.searchByAgreement.totalCount += 50;
      if (data.agreement?.obligations) data.agreement.obligations.totalCount += 200;
      await route.fulfill({ response, json: body });
    };
    await page.route('**/graphql', longer);
    try {
      await open('measures');
      await page.waitForSelector('#view-measures[data-clusters^=":"]');
      const shown = await page.locator('#clusters li.cluster').count();
      expect(await page.textContent('#clusters p.status')).toBe(`${shown} av ${shown + 100} klynger`);
      const cluster = page.locator('#clusters li.cluster').first();
      expect(await cluster.getAttribute('data-label')).toBe(bumped);
      const pilots = await cluster.locator('.pilots .chip').count();
      expect(await cluster.locator('.pilots .more').textContent()).toBe(` (${pilots} av ${pilots + 30})`);
      const measures = await cluster.locator('ul.measures > li').count();
      expect(await cluster.locator('p.more').textContent()).toBe(`Viser ${measures} av ${measures + 40}.`);
      // only that cluster says so
      expect(await page.locator('#clusters .more').count()).toBe(2);

      await page.fill('#similar-text', 'felles plankontor for kommunene');
      await page.press('#similar-text', 'Enter');
      await page.waitForSelector('#view-measures[data-similar="felles plankontor for kommunene"]');
      const similar = await page.locator('#similar ol.similar > li').count();
      expect(await page.textContent('#similar p.status')).toBe(`${similar} av ${similar + 20} tiltak ligner på «felles plankontor for kommunene»`);

      await open('search');
      await page.fill('#search-text', 'bustad');
      await page.press('#search-text', 'Enter');
      await page.waitForSelector('#view-search[data-searched="bustad"]');
      const groups = await page.locator('#search-result section.search-group').count();
      const hits = await page.locator('#search-result li.hit').count();
      expect(await page.textContent('#search-result p.status')).toBe(`${hits} treff i ${groups} av ${groups + 50} grupper på «bustad»`);

      await open('agreements');
      await page.waitForSelector('#view-agreements[data-agreement="agreement:bygdevekst-nord-troms"]');
      const obligations = await page.locator('#agreement-detail ol.obligations > li').count();
      expect(obligations).toBeGreaterThan(20);
      expect(await page.textContent('#agreement-detail [data-part="obligations"] summary')).toBe(`Forpliktelser (${obligations} av ${obligations + 200})`);
      expect(await page.textContent('#agreement-detail [data-part="obligations"] p.more')).toBe(`Viser ${obligations} av ${obligations + 200}.`);
      await page.click('#lang-en');
      expect(await page.textContent('#agreement-detail [data-part="obligations"] p.more')).toBe(`Showing ${obligations} of ${obligations + 200}.`);
      await page.click('#lang-nb');
    } finally {
      await page.unroute('**/graphql', longer);
    }
  });

  it('searches in nynorsk and finds bokmål, grouped by agreement and pilot', async () => {
    await open('search');
    await page.fill('#search-text', 'bustad');
    await page.press('#search-text', 'Enter');
    await page.waitForSelector('#view-search[data-searched="bustad"]');
    const groups = page.locator('#search-result section.search-group');
    expect(await groups.count()).toBeGreaterThan(1);
    const hits = await page.locator('#search-result li.hit > p').allTextContents();
    expect(hits.some((h) => /bolig/i.test(h))).toBe(true);
    expect(hits.some((h) => /bustad/i.test(h))).toBe(true);
    // The API's groups (searchByAgreement), in its order, each with its hits.
    const grouped = await gqlMaybe<{ searchByAgreement: { totalCount: number; items: { agreement: { id: string } | null; document: string; hits: { id: string }[] }[] } }>(
      '{ searchByAgreement(text: "bustad", limit: 40, hitsPerGroup: 5) { totalCount items { agreement { id } document hits { id } } } }',
    );
    const apiGroups = grouped?.searchByAgreement.items ?? [];
    expect(apiGroups.length, 'searchByAgreement').toBeGreaterThan(1);
    expect(await groups.evaluateAll((els) => els.map((e) => e.getAttribute('data-agreement') ?? e.getAttribute('data-document')))).toEqual(apiGroups.map((g) => g.agreement?.id ?? g.document));
    expect(await page.locator('#search-result li.hit').evaluateAll((els) => els.map((e) => e.getAttribute('data-hit')))).toEqual(apiGroups.flatMap((g) => g.hits.map((h) => h.id)));
    // every group is shown (fewer than the 40 asked), and the status counts them
    expect(grouped!.searchByAgreement.totalCount).toBe(apiGroups.length);
    expect(await page.textContent('#search-result p.status')).toBe(`${apiGroups.flatMap((g) => g.hits).length} treff i ${apiGroups.length} grupper på «bustad»`);
    // And bokmål finds nynorsk: the Vest-Telemark agreement speaks of bustader.
    await page.fill('#search-text', 'boliger');
    await page.click('#search-button');
    await page.waitForSelector('#view-search[data-searched="boliger"]');
    expect(await page.locator('#search-result').textContent()).toMatch(/bustad/i);
    await screenshot(page, 'search');
  });

  it('copies a citation of a quote to the clipboard, by mouse or keyboard, and says so', async () => {
    await open('agreements');
    await page.waitForSelector('#view-agreements[data-agreement="agreement:bygdevekst-nord-troms"]');
    const button = page.locator('#agreement-detail [data-part="validity"] button.copy-citation');
    expect(await button.textContent()).toBe('Kopier sitat');
    const citation = 'Bygdevekstavtale for Nord-Troms, s. 3: «Avtalen skal gjelde fra den er formelt godkjent av alle hovedparter og frem til 30. desember 2028.»';
    await button.click();
    await page.waitForSelector('#agreement-detail [data-part="validity"] button.copy-citation[data-copied="true"]');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(citation);
    expect(await button.textContent()).toBe('✓ Kopiert');
    expect(await page.getAttribute('#copy-status', 'role')).toBe('status');
    expect(await page.textContent('#copy-status')).toBe(`Kopiert: ${citation}`);
    expect(await page.locator('#copy-status').isVisible()).toBe(true);

    // By keyboard, in English, from an obligation: the focus stays on the button.
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.click('#lang-en');
    const obligation = page.locator('#agreement-detail ol.obligations > li').first();
    const quote = (await obligation.locator('blockquote').textContent())!.replace(/^«|»$/g, '');
    const pageNo = await obligation.locator('a.evidence-link').getAttribute('data-page');
    await obligation.locator('button.copy-citation').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#agreement-detail ol.obligations > li:first-child button.copy-citation[data-copied="true"]');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`Bygdevekstavtale for Nord-Troms, p. ${pageNo}: «${quote}»`);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('copy-citation'))).toBe(true);
    expect(await page.textContent('#copy-status')).toMatch(/^Copied: Bygdevekstavtale for Nord-Troms, p\. /);
    await page.click('#lang-nb');

    // A quote of the report: the file name stands in for a title.
    await open('measures');
    await page.waitForSelector('#view-measures[data-clusters^=":"]');
    const measure = page.locator('#clusters ul.measures > li').first();
    const measureQuote = (await measure.locator('blockquote').textContent())!.replace(/^«|»$/g, '');
    const measurePage = await measure.locator('a.evidence-link').getAttribute('data-page');
    await measure.locator('button.copy-citation').click();
    await page.waitForSelector('#clusters ul.measures > li:first-child button.copy-citation[data-copied="true"]');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(new RegExp(`^(midtveisrapport-bygdevekstavtaler-sintef\\.pdf|Tromsvekstavtalen for Nord-Troms 2025–2028|Bygdevekstavtale for [^,]+), s\\. ${measurePage}: «`));
    expect(copied.endsWith(`«${measureQuote}»`)).toBe(true);
  });

  it('copies without the Clipboard API too, by selecting the text and the copy command', async () => {
    const plain = watch(await context.newPage());
    // as in a browser that refuses the Clipboard API: the explorer falls back to the copy command
    await plain.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });
      document.addEventListener('copy', (e) => {
        const target = e.target as HTMLTextAreaElement;
        (window as unknown as { copied: string }).copied = target.value.slice(target.selectionStart, target.selectionEnd);
      });
    });
    await plain.goto(`${api.url}/?lang=nb#agreements`);
    await plain.waitForSelector('#view-agreements[data-agreement="agreement:bygdevekst-nord-troms"]');
    expect(await plain.evaluate(() => typeof navigator.clipboard)).toBe('undefined');
    await plain.locator('#agreement-detail [data-part="validity"] button.copy-citation').click();
    await plain.waitForSelector('#agreement-detail [data-part="validity"] button.copy-citation[data-copied="true"]');
    expect(await plain.evaluate(() => (window as unknown as { copied: string }).copied)).toBe('Bygdevekstavtale for Nord-Troms, s. 3: «Avtalen skal gjelde fra den er formelt godkjent av alle hovedparter og frem til 30. desember 2028.»');
    // the hidden text area is gone and the focus is back on the button
    expect(await plain.locator('textarea').count()).toBe(0);
    expect(await plain.evaluate(() => document.activeElement?.classList.contains('copy-citation'))).toBe(true);
    await plain.close();
  });

  it('opens an evidence link in the viewer: the PDF at the page, drawn, with the quote marked', async () => {
    await open('agreements');
    await page.waitForSelector('#view-agreements[data-agreement="agreement:bygdevekst-nord-troms"]');
    const link = page.locator('#agreement-detail [data-part="validity"] a.evidence-link');
    expect(await link.getAttribute('target')).toBe('_blank');
    const [viewer] = await Promise.all([context.waitForEvent('page'), link.click()]);
    watch(viewer);
    await viewer.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    const quote = 'Avtalen skal gjelde fra den er formelt godkjent av alle hovedparter og frem til 30. desember 2028.';
    expect(new URL(viewer.url()).searchParams.get('q')).toBe(quote);
    expect(await viewer.getAttribute('html', 'lang')).toBe('nb');
    expect(await viewer.textContent('#viewer-page')).toBe('Side 3 av 6');
    expect(await viewer.locator('.pdf-page').evaluateAll((els) => els.map((e) => e.getAttribute('data-page')))).toEqual(['3']);
    expect(await viewer.getAttribute('#viewer-status', 'data-found')).toBe('whole');
    expect(await viewer.textContent('#viewer-status')).toBe('Sitatet er markert på siden.');
    // The marks in the text layer read the quote, and nothing else.
    expect(fold((await viewer.locator('.textLayer .quote-mark').allTextContents()).join(''))).toBe(fold(quote));
    // …and sit over the drawn page, where the canvas has ink.
    const ink = await viewer.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('.pdf-page canvas')!;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let dark = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128) dark++;
      return dark;
    });
    expect(ink).toBeGreaterThan(5_000);
    const mark = (await viewer.locator('.textLayer .quote-mark').first().boundingBox())!;
    const pageBox = (await viewer.locator('.pdf-page').boundingBox())!;
    expect(mark.y).toBeGreaterThan(pageBox.y);
    expect(mark.y + mark.height).toBeLessThan(pageBox.y + pageBox.height);
    // The plain PDF link is the Evidence.url, which still serves the PDF.
    expect(await viewer.getAttribute('#viewer-pdf', 'href')).toBe('/documents/bygdevekstavtale-nord-troms.pdf#page=3');
    expect((await fetch(`${api.url}/documents/bygdevekstavtale-nord-troms.pdf`)).headers.get('content-type')).toBe('application/pdf');
    await screenshot(viewer, 'viewer');

    // To the next page by keyboard: drawn without marks; back again, marked again.
    await viewer.focus('#viewer-next');
    await viewer.keyboard.press('Enter');
    await viewer.waitForSelector('body[data-ready="true"][data-page="4"]');
    expect(await viewer.locator('.quote-mark').count()).toBe(0);
    await viewer.click('#viewer-prev');
    await viewer.waitForSelector('body[data-ready="true"][data-page="3"]');
    expect(fold((await viewer.locator('.textLayer .quote-mark').allTextContents()).join(''))).toBe(fold(quote));
    await viewer.close();
  });

  it('marks a quote that runs over a page break on both pages, and says when a quote is not on the page', async () => {
    // An obligation whose sentence starts on one page and ends on the next.
    type Page<T> = { totalCount: number; items: T[] };
    const { agreements } = await gqlData<{ agreements: Page<{ obligations: Page<{ evidence: { document: string; page: number; pageEnd: number | null; quote: string } }> }> }>(
      '{ agreements(limit: 50) { totalCount items { obligations(limit: 100) { totalCount items { evidence { document page pageEnd quote } } } } } }',
    );
    // every agreement, each with every obligation
    expect(agreements.items).toHaveLength(agreements.totalCount);
    for (const a of agreements.items) expect(a.obligations.items).toHaveLength(a.obligations.totalCount);
    const over = agreements.items.flatMap((a) => a.obligations.items.map((o) => o.evidence)).find((e) => e.pageEnd && e.pageEnd > e.page);
    const viewer = watch(await context.newPage());
    expect(over, 'an obligation whose sentence runs over a page break (Smøla og Aure p. 1–2)').toBeDefined();
    await viewer.goto(`${api.url}/explorer/viewer?${new URLSearchParams({ file: over!.document, page: String(over!.page), end: String(over!.pageEnd), q: over!.quote })}`);
    await viewer.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    expect(await viewer.locator('.pdf-page').count()).toBe(over!.pageEnd! - over!.page + 1);
    const marked = await viewer.locator('.pdf-page').evaluateAll((els) => els.map((e) => e.querySelectorAll('.quote-mark').length));
    expect(marked.every((n) => n > 0), `marks per page ${marked}`).toBe(true);
    expect(Number(await viewer.getAttribute('#viewer-status', 'data-coverage'))).toBeGreaterThan(0.85);
    await viewer.goto(`${api.url}/explorer/viewer?file=bygdevekstavtale-nord-troms.pdf&page=1&q=${encodeURIComponent('Denne setningen står ikke i noen avtale om havbruk på Svalbard')}&lang=nn`);
    await viewer.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    expect(await viewer.getAttribute('#viewer-status', 'data-found')).toBe('false');
    expect(await viewer.textContent('#viewer-status')).toBe('Fann ikkje sitatet på sida.');
    expect(await viewer.locator('.quote-mark').count()).toBe(0);
    // A name that is no document file: refused before anything is fetched.
    await viewer.goto(`${api.url}/explorer/viewer?file=..%2F..%2Fpackage.json&page=1&lang=en`);
    await viewer.waitForSelector('body[data-ready="error"]');
    expect(await viewer.textContent('[role="alert"]')).toBe('Not a document name');
    await viewer.close();
  });

  it('asked nothing of any other server, and raised no errors', () => {
    const origin = new URL(api.url).origin;
    const elsewhere = requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(elsewhere).toEqual([]);
    expect(requested.some((u) => u.endsWith('/explorer/pdfjs/pdf.worker.min.mjs'))).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
