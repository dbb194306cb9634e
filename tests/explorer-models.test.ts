/**
 * The explorer's newer view logic without a browser: agreements and their validity, citations and
 * viewer links, the measures and search views. Data comes through the explorer's own GraphQL client
 * from a server over the corpus; expected answers come from reading the documents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementRows, formatDate, obligationLine, subGoalParts, validityText } from '../api/explorer/src/agreements-model.ts';
import { citationText, documentTitles, pageLabel, viewerHref } from '../api/explorer/src/evidence.ts';
import { translator } from '../api/explorer/src/labels.ts';
import { groupHits, hitCount, orderClusters, orderSimilar } from '../api/explorer/src/measures-model.ts';
import { GraphQLClient } from '../api/explorer/src/queries.ts';
import type { ExplorerData, SearchHit } from '../api/explorer/src/types.ts';
import { isDocumentName, pagesToShow, parseViewerRequest, runs } from '../api/explorer/src/viewer-params.ts';
import { MODALITIES } from '../domain/records.ts';
import { startTestServer, type TestServer } from './helpers/api.ts';

let api: TestServer;
let client: GraphQLClient;
let data: ExplorerData;
beforeAll(async () => {
  api = await startTestServer();
  client = new GraphQLClient(`${api.url}/graphql`);
  data = await client.load();
});
afterAll(async () => api.close());

const nb = translator('nb');
const nn = translator('nn');
const en = translator('en');
const fold = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

describe('validity', () => {
  it('writes dates the way each language does, and a bare year as it is', () => {
    expect(formatDate('2028-12-30', 'nb')).toBe('30. desember 2028');
    expect(formatDate('2028-12-31', 'nn')).toBe('31. desember 2028');
    expect(formatDate('2028-12-30', 'en')).toBe('30 December 2028');
    expect(formatDate('2025', 'nb')).toBe('2025');
    expect(validityText({ from: '2025', until: '2028' }, 'nb', nb)).toBe('2025 – 2028');
    expect(validityText({ from: null, until: '2028-12-30' }, 'en', en)).toBe('until 30 December 2028');
    expect(validityText({ from: '2025-01-01', until: null }, 'nn', nn)).toBe('frå 1. januar 2025');
    expect(validityText(null, 'nn', nn)).toBe('ikkje oppgitt');
  });

  it('gives every agreement a row, with the validity the API gives and the sentence that states it', () => {
    const rows = agreementRows(data.agreements, 'nb', nb);
    expect(rows).toHaveLength(data.agreements.length);
    expect(rows.map((r) => r.pilot)).toEqual([...rows.map((r) => r.pilot)].sort((a, b) => a.localeCompare(b, 'nb')));
    const row = (title: string) => rows.find((r) => r.title === title)!;
    // As the agreements read: "… frem til 30. desember 2028" (Nord-Troms, Smøla og Aure), "fram til 31. desember 2028" (Vest-Telemark).
    expect(row('Bygdevekstavtale for Nord-Troms')).toMatchObject({ validity: 'til 30. desember 2028', evidence: { document: 'bygdevekstavtale-nord-troms.pdf', page: 3 } });
    expect(row('Bygdevekstavtale for Nord-Troms').evidence!.quote).toContain('30. desember 2028');
    expect(row('Bygdevekstavtale for Smøla og Aure').validity).toBe('til 30. desember 2028');
    expect(row('Bygdevekstavtale for Vest-Telemark').validity).toBe('til 31. desember 2028');
    expect(row('Bygdevekstavtale for Vest-Telemark').evidence!.quote).toMatch(/^Avtala skal gjelde frå/);
    // The Tromsvekst agreement's period is in its own name.
    expect(row('Tromsvekstavtalen for Nord-Troms 2025–2028').validity).toMatch(/^(1\. januar )?2025 – (31\. desember )?2028$/);
    // Every row says what the API says, and the pilot summaries of the report, which state no period, say so.
    for (const a of data.agreements) {
      const expected = validityText({ from: a.validFrom, until: a.validUntil }, 'nb', nb);
      expect(rows.find((r) => r.id === a.id)!.validity, a.id).toBe(expected);
      if (a.source === 'REPORT_SUMMARY' && !a.validFrom && !a.validUntil) expect(rows.find((r) => r.id === a.id)!.validity).toBe('ikke oppgitt');
    }
    expect(agreementRows(data.agreements, 'en', en).find((r) => r.title === 'Bygdevekstavtale for Nord-Troms')!.validity).toBe('until 30 December 2028');
  });
});

describe('an agreement', () => {
  it('lists its obligations with modality, parties and the sentence each is a clause of', async () => {
    const { detail } = await client.agreement('agreement:bygdevekst-nord-troms');
    expect(detail!.title).toBe('Bygdevekstavtale for Nord-Troms');
    const obligations = detail!.obligations.items;
    expect(obligations.length).toBeGreaterThan(20);
    // a page of up to 100: here the whole list, as the API counts it, and its pages follow on from each other
    expect(obligations.length).toBeLessThanOrEqual(100);
    expect(detail!.obligations.totalCount).toBe(obligations.length);
    type Paged = { agreement: { obligations: { totalCount: number; pageInfo: { offset: number; limit: number; hasNextPage: boolean }; items: { id: string }[] } } };
    const pageAt = async (offset: number) =>
      (await client.request<Paged>('query($offset: Int!) { agreement(id: "agreement:bygdevekst-nord-troms") { obligations(limit: 10, offset: $offset) { totalCount pageInfo { offset limit hasNextPage } items { id } } } }', { offset })).agreement.obligations;
    const [page1, page2] = [await pageAt(0), await pageAt(10)];
    expect(page1.totalCount).toBe(obligations.length);
    expect(page1.pageInfo).toEqual({ offset: 0, limit: 10, hasNextPage: true });
    expect([...page1.items, ...page2.items].map((o) => o.id)).toEqual(obligations.slice(0, 20).map((o) => o.id));
    const last = await pageAt(obligations.length - 3);
    expect(last.items.map((o) => o.id)).toEqual(obligations.slice(-3).map((o) => o.id));
    expect(last.pageInfo.hasNextPage).toBe(false);
    for (const o of obligations) {
      expect(MODALITIES).toContain(o.modality);
      expect(o.parties.length, o.id).toBeGreaterThan(0);
      expect(o.evidence.document).toBe('bygdevekstavtale-nord-troms.pdf');
    }
    // The action is part of its sentence.
    const inQuote = obligations.filter((o) => fold(o.evidence.quote).includes(fold(o.action)));
    expect(inQuote.length / obligations.length).toBeGreaterThan(0.9);
    // "Avtalekommunene forplikter seg …": the four municipalities, in section 2.
    const first = obligationLine(obligations[0]!, nb);
    expect(first).toMatchObject({ who: 'Kåfjord kommune, Kvænangen kommune, Nordreisa kommune, Skjervøy kommune', modality: 'forplikter seg', where: 'avsnitt 2' });
    expect(obligationLine(obligations[0]!, nn).modality).toBe('forpliktar seg');
    const underSubGoal = obligations.find((o) => o.subGoal);
    if (underSubGoal) expect(obligationLine(underSubGoal, nb).where).toBe(`Delmål ${underSubGoal.subGoal!.number}: ${underSubGoal.subGoal!.title}`);
  });

  it('lists its plan anchors, typed, each with its sentence', async () => {
    const { detail } = await client.agreement('agreement:bygdevekst-nord-troms');
    const anchors = detail!.planAnchors;
    expect(anchors.map((a) => a.anchor.name)).toEqual(expect.arrayContaining(['Regional Bærekraftig Næringsplan', 'strategiplanen for Nord-Tromsrådet IPR', 'kommuneplanenes samfunnsdel']));
    const plan = anchors.find((a) => a.anchor.name === 'Regional Bærekraftig Næringsplan')!;
    expect(plan.anchor.type).toBe('REGIONAL_PLAN');
    expect(plan.evidence).toMatchObject({ document: 'bygdevekstavtale-nord-troms.pdf', page: 3 });
    expect(plan.evidence.quote).toContain('Regional Bærekraftig Næringsplan');
    for (const a of anchors) expect(fold(a.evidence.quote), a.anchor.name).toContain(fold(a.anchor.name).slice(0, 12));
  });

  it("gives each sub-goal its partner groups and theme reasons where the API has them", async () => {
    const { detail, extras } = await client.agreement('agreement:bygdevekst-vest-telemark');
    const parts = subGoalParts(detail!, extras);
    expect(extras.length, 'SubGoal.groups and themeReasons from the API').toBe(detail!.subGoals.length);
    expect(parts[0]!.groups.map((g) => [g.group.name, g.role])).toEqual(expect.arrayContaining([['lokale bankar', 'MAY_INVITE'], ['utbyggjarar', 'MAY_INVITE']]));
    expect(parts.some((s) => s.themeReasons.length > 0)).toBe(true);
    expect(parts.map((s) => s.id)).toEqual(detail!.subGoals.map((s) => s.id));
    for (const s of parts) {
      const more = extras.find((x) => x.id === s.id);
      expect(s.groups).toEqual(more?.groups ?? []);
      expect(s.themeReasons).toEqual(more?.themeReasons ?? []);
      // A reason's words stand in its sentence, and its theme is one of the sub-goal's.
      for (const r of s.themeReasons) {
        expect(s.themes, s.id).toContain(r.theme);
        for (const w of r.words) expect(r.evidence.quote.toLowerCase(), `${s.id} ${w}`).toContain(w.toLowerCase());
      }
      for (const g of s.groups) expect(['PARTNER', 'MAY_INVITE']).toContain(g.role);
    }
    // With no extras (an API without the newer fields) the sub-goals still stand, with nothing more.
    expect(subGoalParts(detail!, []).every((s) => s.groups.length === 0 && s.themeReasons.length === 0)).toBe(true);
  });
});

describe('citations and viewer links', () => {
  it('names a document by the agreement it holds, and the report (several pilot summaries) by its file', () => {
    const titles = documentTitles(data.documents);
    expect(titles.get('bygdevekstavtale-nord-troms.pdf')).toBe('Bygdevekstavtale for Nord-Troms');
    expect(titles.get('bygdevekstavtale-vest-telemark.pdf')).toBe('Bygdevekstavtale for Vest-Telemark');
    expect(titles.get('tromsvekstavtale-nord-troms-2025-2028.pdf')).toBe('Tromsvekstavtalen for Nord-Troms 2025–2028');
    expect(titles.has('midtveisrapport-bygdevekstavtaler-sintef.pdf')).toBe(false);
  });

  it('cites "title, page: «quote»", with the page range of a quote over a page break', () => {
    const titles = documentTitles(data.documents);
    const e = { document: 'bygdevekstavtale-nord-troms.pdf', page: 3, quote: 'Avtalen skal gjelde fra den er formelt godkjent av alle hovedparter og frem til 30. desember 2028.' };
    expect(citationText(e, titles, pageLabel(e, en))).toBe('Bygdevekstavtale for Nord-Troms, p. 3: «Avtalen skal gjelde fra den er formelt godkjent av alle hovedparter og frem til 30. desember 2028.»');
    expect(citationText(e, titles, pageLabel(e, nb))).toBe('Bygdevekstavtale for Nord-Troms, s. 3: «Avtalen skal gjelde fra den er formelt godkjent av alle hovedparter og frem til 30. desember 2028.»');
    const over = { ...e, page: 2, pageEnd: 3, quote: 'Partene skal …' };
    expect(citationText(over, titles, pageLabel(over, en))).toBe('Bygdevekstavtale for Nord-Troms, p. 2–3: «Partene skal …»');
    expect(pageLabel({ page: 4, pageEnd: 4 }, nb)).toBe('s. 4');
    const report = { document: 'midtveisrapport-bygdevekstavtaler-sintef.pdf', page: 8, quote: 'a. Utrede felles plankontor' };
    expect(citationText(report, titles, pageLabel(report, nn))).toBe('midtveisrapport-bygdevekstavtaler-sintef.pdf, s. 8: «a. Utrede felles plankontor»');
  });

  it('leads to the viewer with the file, the page(s) and the quote, which the viewer reads back checked', () => {
    const e = { document: 'bygdevekstavtale-nord-troms.pdf', page: 2, pageEnd: 3, quote: 'Partene skal «gjennom» avtalen & bidra' };
    const href = viewerHref(e, 'nn');
    expect(href.startsWith('/explorer/viewer?file=bygdevekstavtale-nord-troms.pdf&page=2&end=3&q=')).toBe(true);
    expect(parseViewerRequest(href.slice(href.indexOf('?')))).toEqual({ file: e.document, page: 2, end: 3, quote: e.quote });
    expect(viewerHref({ ...e, pageEnd: null })).not.toContain('end=');
    // Only a PDF file name: no path, no other file.
    for (const bad of ['../server.ts', '../../etc/passwd.pdf', 'a/b.pdf', 'a\\b.pdf', 'x.txt', '', '..pdf']) expect(isDocumentName(bad), bad).toBe(false);
    expect(parseViewerRequest('?file=..%2Fserver.pdf&page=1')).toBeNull();
    expect(parseViewerRequest('?file=x.pdf&page=abc')).toMatchObject({ page: 1, end: 1 });
    expect(parseViewerRequest('?file=x.pdf&page=4&end=2')).toMatchObject({ page: 4, end: 4 });
    expect(parseViewerRequest('?file=x.pdf&page=4&end=40')).toMatchObject({ page: 4, end: 6 });
    expect(pagesToShow({ file: 'x.pdf', page: 2, end: 3, quote: '' }, 3)).toEqual([2, 3]);
    expect(pagesToShow({ file: 'x.pdf', page: 2, end: 3, quote: '' }, 4)).toEqual([4, 4]);
  });

  it('splits an item into plain and marked runs', () => {
    expect(runs('Avtalen skal gjelde', [{ start: 8, end: 12 }])).toEqual([
      { text: 'Avtalen ', marked: false },
      { text: 'skal', marked: true },
      { text: ' gjelde', marked: false },
    ]);
    expect(runs('abc', [{ start: 0, end: 3 }])).toEqual([{ text: 'abc', marked: true }]);
    expect(runs('abcdef', [{ start: 3, end: 5 }, { start: 0, end: 4 }])).toEqual([
      { text: 'abcd', marked: true },
      { text: 'e', marked: true },
      { text: 'f', marked: false },
    ]);
  });
});

describe('measures and search', () => {
  it('orders clusters of measures found in several pilots, each measure with its quote', async () => {
    const page = await client.transferable(null);
    const clusters = orderClusters(page.items);
    expect(clusters.length).toBeGreaterThan(3);
    // the page holds every cluster (fewer than the 100 asked), as many as the API counts
    expect(page.totalCount).toBe(clusters.length);
    const { transferableMeasures: whole } = await client.request<{ transferableMeasures: { totalCount: number; items: { label: string }[] } }>('{ transferableMeasures(limit: 100) { totalCount items { label } } }');
    expect(clusters.map((c) => c.label).sort()).toEqual(whole.items.map((c) => c.label).sort());
    for (let i = 1; i < clusters.length; i++) expect(clusters[i - 1]!.pilots.totalCount).toBeGreaterThanOrEqual(clusters[i]!.pilots.totalCount);
    for (const c of clusters) {
      expect(c.pilots.items.length, c.label).toBeGreaterThanOrEqual(2);
      // the pilots and measures of a cluster are pages of up to 20: here whole
      expect(c.pilots.totalCount, c.label).toBe(c.pilots.items.length);
      expect(c.measures.totalCount, c.label).toBe(c.measures.items.length);
      expect(new Set(c.measures.items.map((m) => m.pilot.id)).size, c.label).toBeGreaterThanOrEqual(2);
      expect(c.pilots.items.map((p) => p.name)).toEqual([...c.pilots.items.map((p) => p.name)].sort((a, b) => a.localeCompare(b, 'nb')));
      for (const m of c.measures.items) expect(fold(m.evidence.quote), m.id).toContain(fold(m.text).slice(0, 20));
      if (c.sharedTerms) expect(c.sharedTerms.length, c.label).toBeGreaterThan(0);
    }
    // Housing: the Husbanken measure the report lists for several pilots.
    const housing = await client.transferable('HOUSING');
    expect(housing.items.map((c) => c.label).join('\n')).toMatch(/Husbank/);
    expect(housing.totalCount).toBe(housing.items.length);
    expect(housing.totalCount).toBeLessThan(page.totalCount);
  });

  it('orders clusters by all their pilots, not only the page of them it holds', () => {
    const pilots = (n: number, total = n) => ({ totalCount: total, items: Array.from({ length: n }, (_, i) => ({ id: `pilot:${i}`, name: `Pilot ${String.fromCharCode(90 - i)}` })) });
    const cluster = (label: string, p: ReturnType<typeof pilots>) => ({ label, cohesion: 0.9, pilots: p, measures: { totalCount: 0, items: [] } });
    const ordered = orderClusters([cluster('three of three', pilots(3)), cluster('two of five', pilots(2, 5))]);
    expect(ordered.map((c) => c.label)).toEqual(['two of five', 'three of three']);
    // the page's pilots by name, its count kept
    expect(ordered[0]!.pilots).toEqual({ totalCount: 5, items: [{ id: 'pilot:1', name: 'Pilot Y' }, { id: 'pilot:0', name: 'Pilot Z' }] });
  });

  it('orders measures like a description, best first', async () => {
    const page = await client.similar('felles plankontor for kommunene');
    const similar = orderSimilar(page.items);
    // a page of the 10 likest, and how many reach the threshold in all
    expect(similar.length).toBeLessThanOrEqual(10);
    expect(page.totalCount).toBeGreaterThanOrEqual(similar.length);
    const { similarMeasures: all } = await client.request<{ similarMeasures: { totalCount: number; items: unknown[] } }>('{ similarMeasures(text: "felles plankontor for kommunene", limit: 100) { totalCount items { score } } }');
    expect(page.totalCount).toBe(all.items.length);
    expect(similar[0]).toMatchObject({ text: 'Utrede felles plankontor', pilot: { name: 'Hjerteregionen' }, evidence: { document: 'midtveisrapport-bygdevekstavtaler-sintef.pdf', page: 8 } });
    for (let i = 1; i < similar.length; i++) expect(similar[i - 1]!.score).toBeGreaterThanOrEqual(similar[i]!.score);
    if (similar[0]!.sharedTerms) expect(similar[0]!.sharedTerms.join(' ')).toMatch(/\bplan\b.*\bkontor\b|\bkontor\b.*\bplan\b/);
  });

  it('groups search hits by agreement, best group first, when the API gives them flat', () => {
    const hit = (id: string, score: number, agreement: string | null, document = 'a.pdf'): SearchHit => ({
      kind: 'PASSAGE',
      id,
      text: id,
      score,
      section: null,
      agreement: agreement ? { id: agreement, title: agreement } : null,
      pilot: null,
      evidence: { document, page: 1, quote: id },
    });
    const groups = groupHits([hit('a1', 1, 'A'), hit('b1', 3, 'B'), hit('a2', 2, 'A'), hit('r1', 0.5, null, 'report.pdf'), hit('a3', 0.1, 'A')], 2);
    expect(groups.map((g) => [g.agreement?.id ?? g.document, g.score, g.hits.map((h) => h.id)])).toEqual([
      ['B', 3, ['b1']],
      ['A', 2, ['a2', 'a1']],
      ['report.pdf', 0.5, ['r1']],
    ]);
    expect(hitCount(groups)).toBe(4);
  });

  it('finds bolig for bustad, grouped by agreement', async () => {
    const answer = await client.search('bustad');
    const groups = 'groups' in answer ? answer.groups.items : groupHits(answer.hits.items);
    expect(groups.length).toBeGreaterThan(1);
    const texts = groups.flatMap((g) => g.hits.map((h) => h.text.toLowerCase()));
    expect(texts.some((t) => /bolig/.test(t))).toBe(true);
    for (let i = 1; i < groups.length; i++) expect(groups[i - 1]!.score).toBeGreaterThanOrEqual(groups[i]!.score);
    // the nynorsk agreement's own word is found too
    expect(texts.some((t) => /bustad/.test(t))).toBe(true);
    // a page of up to 40 groups, and how many the whole list holds: the same groups as the API's pages of 3, in order
    expect('groups' in answer, 'searchByAgreement').toBe(true);
    const total = 'groups' in answer ? answer.groups.totalCount : 0;
    expect(groups.length).toBe(Math.min(40, total));
    type Groups = { searchByAgreement: { totalCount: number; pageInfo: { hasNextPage: boolean }; items: { document: string; agreement: { id: string } | null }[] } };
    const walked: string[] = [];
    for (let offset = 0; offset < total; offset += 3) {
      const page = (await client.request<Groups>('query($offset: Int!) { searchByAgreement(text: "bustad", limit: 3, offset: $offset) { totalCount pageInfo { hasNextPage } items { document agreement { id } } } }', { offset })).searchByAgreement;
      expect(page.totalCount).toBe(total);
      expect(page.pageInfo.hasNextPage, `offset ${offset}`).toBe(offset + page.items.length < total);
      walked.push(...page.items.map((g) => g.agreement?.id ?? g.document));
    }
    expect(walked).toHaveLength(total);
    expect(walked.slice(0, groups.length)).toEqual(groups.map((g) => g.agreement?.id ?? g.document));
  });
});
