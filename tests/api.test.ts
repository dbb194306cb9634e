/**
 * The GraphQL API end to end, over HTTP, on the ingested corpus. Expected answers come from
 * reading the documents (see tests/golden/ for the facts underneath them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/api.ts';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => api.close());

const INVOLVEMENT = `query($party: String!, $theme: Theme) {
  pilotsInvolving(party: $party, theme: $theme) {
    totalCount
    pageInfo { offset limit hasNextPage }
    items {
      pilot { name municipalities { name } }
      agreement { id title }
      subGoals { number title themes }
      roles
      evidence { document page quote url }
    }
  }
}`;

interface Involvement {
  pilot: { name: string; municipalities: { name: string }[] };
  agreement: { id: string; title: string };
  subGoals: { number: string; title: string; themes: string[] }[];
  roles: string[];
  evidence: { document: string; page: number; quote: string; url: string }[];
}

/** Where a page stands in its list, as every list question answers it. */
type PageInfo = { offset: number; limit: number; hasNextPage: boolean };
type Page<T> = { totalCount: number; pageInfo: PageInfo; items: T[] };
const PAGE = 'totalCount pageInfo { offset limit hasNextPage }';

/** The pilots involving a party: the whole list, which the default page (20) holds. */
const involvement = async (party: string, theme?: string) => {
  const { body } = await api.gql<{ pilotsInvolving: Page<Involvement> }>(INVOLVEMENT, { party, theme });
  expect(body.errors).toBeUndefined();
  const page = body.data!.pilotsInvolving;
  // the first page is all of it: nothing follows
  expect(page.pageInfo).toEqual({ offset: 0, limit: 20, hasNextPage: false });
  expect(page.totalCount).toBe(page.items.length);
  return page.items;
};

/** Asks one page of a list: `limit` items after `offset`. */
type Ask<T> = (limit: number, offset: number) => Promise<Page<T>>;

/** Every page of a list, `limit` at a time, until a page comes back short (whatever hasNextPage says). */
async function walk<T>(ask: Ask<T>, limit: number): Promise<{ pages: Page<T>[]; items: T[] }> {
  const pages: Page<T>[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await ask(limit, offset);
    pages.push(page);
    if (page.items.length < limit) break;
    if (pages.length > 100) throw new Error('a list that does not end');
  }
  return { pages, items: pages.flatMap((p) => p.items) };
}

/**
 * Checks a list question's paging and gives its whole list: totalCount is the whole list's length
 * on every page, hasNextPage is true exactly when items follow the page, and pages asked by offset
 * follow on from each other (no gap, no overlap) and add up to the whole list.
 */
async function expectPaging<T>(ask: Ask<T>, atLeast = 3): Promise<T[]> {
  const whole = await walk(ask, 100);
  const n = whole.items.length;
  expect(n).toBeGreaterThanOrEqual(atLeast);
  whole.pages.forEach((p, i) => {
    expect(p.totalCount).toBe(n);
    expect(p.pageInfo).toEqual({ offset: i * 100, limit: 100, hasNextPage: i * 100 + p.items.length < n });
  });
  // no item twice
  expect(new Set(whole.items.map((x) => JSON.stringify(x))).size).toBe(n);
  // about three pages
  const size = Math.ceil(n / 3);
  const small = await walk(ask, size);
  expect(small.pages.length).toBeGreaterThanOrEqual(3);
  expect(small.items).toEqual(whole.items);
  small.pages.forEach((p, i) => {
    expect(p.totalCount).toBe(n);
    expect(p.items).toEqual(whole.items.slice(i * size, (i + 1) * size));
    expect(p.pageInfo).toEqual({ offset: i * size, limit: size, hasNextPage: i * size + p.items.length < n });
  });
  expect(small.pages[0]!.pageInfo.hasNextPage).toBe(true);
  expect(small.pages.at(-1)!.pageInfo.hasNextPage).toBe(false);
  // a page past the end is empty, and still counts the whole list
  const past = await ask(size, n + 5);
  expect(past).toEqual({ totalCount: n, pageInfo: { offset: n + 5, limit: size, hasNextPage: false }, items: [] });
  return whole.items;
}

/** A page asker for `query($limit: Int, $offset: Int) { … }`, whose page sits at `path` in the answer. */
function asker<T>(query: string, ...path: string[]): Ask<T> {
  return async (limit, offset) => {
    const { body } = await api.gql(query, { limit, offset });
    expect(body.errors, query).toBeUndefined();
    return path.reduce<unknown>((x, key) => (x as Record<string, unknown>)[key], body.data) as Page<T>;
  };
}

describe('pilotsInvolving: which pilots involve Husbanken on housing?', () => {
  // Husbanken has a special role on housing (boligtematikk / bustadtematikk) in the three
  // Bygdevekst agreements and is a partner of their housing delmål; in the report it is a
  // partner of the housing delmål of all five cohort-1 pilots. The Tromsvekst agreement does not name it.
  const expected = [
    { pilot: 'Hjerteregionen', agreement: 'agreement:bygdevekst-hjerteregionen', subGoals: [['1', 'Økt boligbygging og utvikling av nye botilbud']], roles: ['PARTNER'] },
    { pilot: 'Indre-Namdal', agreement: 'agreement:bygdevekst-indre-namdal', subGoals: [['4', 'Øke boligbygging og utvikle nye boligtilbud']], roles: ['PARTNER'] },
    { pilot: 'Midt', agreement: 'agreement:bygdevekst-midt', subGoals: [['1', 'Øke boligbygging og utvikle nye botilbud']], roles: ['PARTNER'] },
    { pilot: 'Midt-Finnmark', agreement: 'agreement:bygdevekst-midt-finnmark', subGoals: [['4', 'Øke boligbygging og utvikle nye boligtilbud']], roles: ['PARTNER'] },
    { pilot: 'Nord-Troms', agreement: 'agreement:bygdevekst-nord-troms', subGoals: [['3', 'Økt variasjon i boligtilbudet i Nord-Troms']], roles: ['SPECIAL_ROLE', 'PARTNER'] },
    { pilot: 'Smøla og Aure', agreement: 'agreement:bygdevekst-smola-og-aure', subGoals: [['1', 'Utvikle attraktive sentrum i tettsteder og tilrettelegge for flere boliger']], roles: ['SPECIAL_ROLE', 'PARTNER'] },
    { pilot: 'Vest-Telemark', agreement: 'agreement:bygdevekst-vest-telemark', subGoals: [['1', 'Fleire eigna bustader i Vest-Telemark']], roles: ['SPECIAL_ROLE', 'PARTNER'] },
    { pilot: 'Vestre Varanger', agreement: 'agreement:bygdevekst-vestre-varanger', subGoals: [['2', 'Øke boligbygging og utvikle nye botilbud']], roles: ['PARTNER'] },
  ];

  it('lists exactly the eight pilots, with the housing sub-goal, the roles and the sentences', async () => {
    const answer = await involvement('Husbanken', 'HOUSING');
    expect(answer.map((e) => ({ pilot: e.pilot.name, agreement: e.agreement.id, subGoals: e.subGoals.map((s) => [s.number, s.title]), roles: e.roles }))).toEqual(expected);
    for (const e of answer) {
      expect(e.subGoals.every((s) => s.themes.includes('HOUSING'))).toBe(true);
      expect(e.evidence.length).toBeGreaterThan(0);
      for (const ev of e.evidence) {
        expect(ev.quote).toMatch(/Husbank/);
        expect(ev.url).toBe(`/documents/${ev.document}#page=${ev.page}`);
      }
    }
    const vestTelemark = answer.find((e) => e.pilot.name === 'Vest-Telemark')!;
    expect(vestTelemark.evidence.map((e) => e.quote)).toContainEqual(expect.stringContaining('bustadtematikk'));
    expect(answer.find((e) => e.pilot.name === 'Midt')!.pilot.municipalities.map((m) => m.name)).toEqual(['Holtålen kommune', 'Rindal kommune']);
  });

  it('gives the same answer for any alias or near spelling of Husbanken', async () => {
    const reference = JSON.stringify(await involvement('Husbanken', 'HOUSING'));
    for (const name of ['husbanken', 'HUSBANKEN', 'Den norske stats husbank', 'Husbank']) expect(JSON.stringify(await involvement(name, 'HOUSING')), name).toBe(reference);
  });

  it('without a theme, also counts Husbanken in the planning delmål of Indre-Namdal', async () => {
    const indreNamdal = (await involvement('Husbanken')).find((e) => e.pilot.name === 'Indre-Namdal')!;
    expect(indreNamdal.subGoals.map((s) => s.number)).toEqual(['4', '6']);
  });

  it('finds a party named in nynorsk by its bokmål name and the reverse', async () => {
    const bokmaal = await involvement('Statsforvalteren i Vestfold og Telemark');
    const nynorsk = await involvement('Statsforvaltaren i Vestfold og Telemark');
    expect(nynorsk).toEqual(bokmaal);
    expect(bokmaal.map((e) => e.pilot.name)).toEqual(['Vest-Telemark']);
    // a name that is no party's is a typed NOT_FOUND, not "involved nowhere"
    const unknown = await api.gql('{ pilotsInvolving(party: "Ingen slik etat") { items { roles } } }');
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

type Quote = { document: string; page?: number; quote: string };

describe('compareAgreements: where do the Tromsvekst and Bygdevekst agreements for Nord-Troms overlap?', () => {
  it('gives the shared county authority, municipalities, anchor, references and the closest sub-goals', async () => {
    const { body } = await api.gql<{ compareAgreements: Record<string, unknown> }>(`{
      compareAgreements(a: "agreement:bygdevekst-nord-troms", b: "agreement:tromsvekst-nord-troms-2025-2028") {
        sharedParties { name }
        sharedMunicipalities { name }
        sharedThemes
        sharedPlanAnchors { name exact a { name } b { name } }
        crossReferences { from { id } to { id } quote document page }
        similarSubGoals(limit: 2) { a { number } b { number } score basis sharedTerms crossReference { quote } }
        themes { theme evidenceA { document page quote } evidenceB { document page quote } }
        parties { party { name } evidenceA { document quote } evidenceB { document quote } }
        municipalities { party { name } evidenceA { document quote } evidenceB { document quote } }
        anchors: sharedPlanAnchors { evidenceA { document quote } evidenceB { document quote } }
      }
    }`);
    expect(body.errors).toBeUndefined();
    const c = body.data!.compareAgreements as {
      sharedParties: { name: string }[];
      sharedMunicipalities: { name: string }[];
      sharedThemes: string[];
      sharedPlanAnchors: { name: string; exact: boolean; a: { name: string }; b: { name: string } }[];
      crossReferences: { from: { id: string }; to: { id: string }; quote: string; document: string; page: number }[];
      similarSubGoals: { a: { number: string }; b: { number: string }; score: number; basis: string[]; sharedTerms: string[]; crossReference: { quote: string } | null }[];
      themes: { theme: string; evidenceA: Quote[]; evidenceB: Quote[] }[];
      parties: { party: { name: string }; evidenceA: Quote; evidenceB: Quote }[];
      municipalities: { party: { name: string }; evidenceA: Quote; evidenceB: Quote }[];
      anchors: { evidenceA: Quote; evidenceB: Quote }[];
    };
    const [bygdevekst, tromsvekst] = ['bygdevekstavtale-nord-troms.pdf', 'tromsvekstavtale-nord-troms-2025-2028.pdf'];
    // every shared item rests on a sentence of each agreement
    for (const x of [...c.parties, ...c.municipalities, ...c.anchors]) {
      expect(x.evidenceA.document).toBe(bygdevekst);
      expect(x.evidenceB.document).toBe(tromsvekst);
    }
    for (const m of c.municipalities) {
      const place = m.party.name.replace(' kommune', '');
      expect(m.evidenceA.quote).toContain(place);
      expect(m.evidenceB.quote).toContain(place);
    }
    // The Tromsvekst agreement is between Troms fylkeskommune and Nord-Tromsrådet; only the county is also a Bygdevekst party.
    expect(c.sharedParties.map((p) => p.name)).toEqual(['Troms fylkeskommune']);
    // Both are for Nord-Troms: the four municipalities of the Bygdevekst agreement.
    expect(c.sharedMunicipalities.map((m) => m.name).sort()).toEqual(['Kvænangen kommune', 'Kåfjord kommune', 'Nordreisa kommune', 'Skjervøy kommune']);
    // Attractiveness ("Nord-Troms trenger folk - vi må styrke vår attraktivitet" / delmål 1.3 "attraktive
    // … lokalsamfunn"), workforce (the Bygdevekst delmål 1 body: "nye tiltak innen rekruttering" / delmål 1.2
    // "kompetent arbeidskraft") and competence (Bygdevekst delmål 2: "utvikle kompetanse" / Tromsvekst 1.2's
    // strategy "fleksible opplæringsmodeller innen videregående opplæring").
    expect(c.sharedThemes).toEqual(['ATTRACTIVENESS_SETTLEMENT', 'COMPETENCE_EDUCATION', 'WORKFORCE']);
    expect(c.themes.map((t) => t.theme)).toEqual(c.sharedThemes);
    const workforce = c.themes.find((t) => t.theme === 'WORKFORCE')!;
    expect(workforce.evidenceA.some((e) => e.document === bygdevekst && /rekruttering/.test(e.quote))).toBe(true);
    expect(workforce.evidenceB.some((e) => e.document === tromsvekst && /arbeidskraft/.test(e.quote))).toBe(true);
    // The regional sustainable business plan (by Arena Nord-Troms) under two names.
    expect(c.sharedPlanAnchors).toEqual([
      { name: 'Regional Bærekraftig Næringsplan', exact: false, a: { name: 'Regional Bærekraftig Næringsplan' }, b: { name: 'regional bærekraftig næringsplan for Nord-Troms 2024–2034' } },
    ]);
    // Each names the other in the same sentence.
    expect(c.crossReferences.map((r) => [r.from.id, r.to.id, r.document])).toEqual([
      ['agreement:bygdevekst-nord-troms', 'agreement:tromsvekst-nord-troms-2025-2028', 'bygdevekstavtale-nord-troms.pdf'],
      ['agreement:tromsvekst-nord-troms-2025-2028', 'agreement:bygdevekst-nord-troms', 'tromsvekstavtale-nord-troms-2025-2028.pdf'],
    ]);
    for (const r of c.crossReferences) expect(r.quote).toMatch(/^Tromsvekstavtalen og Bygdevekstavtalen for Nord-Troms skal gjensidig forsterke innsatsen/);
    // No two delmål share an aim in their words (the attractiveness titles share one word and the genre's
    // vocabulary, under the threshold); what ties them is the sentence in Bygdevekst delmål 1 that names the
    // Tromsvekst agreement, about recruitment and "tilstrekkelig arbeidskraft": Tromsvekst delmål 1.2.
    expect(c.similarSubGoals.map((p) => [p.a.number, p.b.number, p.basis.join()])).toEqual([['1', '1.2', 'CROSS_REFERENCE']]);
    expect(c.similarSubGoals[0]!.crossReference?.quote).toMatch(/^Tromsvekstavtalen og Bygdevekstavtalen for Nord-Troms skal gjensidig forsterke innsatsen for rekruttering/);
  });

  it('says which agreement it does not know', async () => {
    const { body } = await api.gql('{ compareAgreements(a: "agreement:bygdevekst-nord-troms", b: "agreement:nope") { sharedThemes } }');
    expect(body.errors?.[0]).toMatchObject({ message: 'no agreement with id agreement:nope', extensions: { code: 'NOT_FOUND' } });
  });
});

describe('transferableMeasures: which measures recur across pilots?', () => {
  it('groups the same measure written in several pilot summaries', async () => {
    type Cluster = { label: string; pilots: Page<{ name: string }>; measures: Page<{ text: string; pilot: { name: string }; evidence: { page: number } }> };
    const { body } = await api.gql<{ transferableMeasures: Page<Cluster> }>(
      `{ transferableMeasures(minPilots: 2) { ${PAGE} items { label pilots { totalCount items { name } } measures(limit: 100) { ${PAGE} items { text pilot { name } evidence { page } } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const page = body.data!.transferableMeasures;
    // every cluster on the one page, and every measure of each
    expect(page.pageInfo).toEqual({ offset: 0, limit: 50, hasNextPage: false });
    expect(page.totalCount).toBe(page.items.length);
    for (const c of page.items) {
      expect(c.measures.pageInfo.hasNextPage).toBe(false);
      expect(c.measures.totalCount).toBe(c.measures.items.length);
      expect(c.pilots.totalCount).toBe(c.pilots.items.length);
    }
    const clusters = page.items.map((c) => c.measures.items.map((m) => `${m.pilot.name}: ${m.text}`).sort());
    // Read from the measure lists of the five pilot summaries (report section 1.3): each group is one measure
    // in different words; the first is in four pilots, the rest in two.
    const expected = [
      ['Hjerteregionen: Utforme rammene for hospiteringsordning', 'Indre-Namdal: Utforme rammene for hospiteringsordning', 'Midt: Utforme rammene for hospiteringsordning', 'Vestre Varanger: Utforme rammene for hospiteringsordning'],
      ['Hjerteregionen: Etablere samhandlingsarena (med bla. Husbanken)', 'Midt-Finnmark: Etablere en fast samhandlingsarena og -struktur mellom pilotkommunene og Husbanken'],
      ['Indre-Namdal: Forbedre fly, buss og togtilbud', 'Midt: Forbedre buss- og togtilbudet'],
      ['Hjerteregionen: Forprosjekt: fremtidens utdanning i Finnmark (samarbeid mellom Finnmarkspilotene)', 'Vestre Varanger: Forprosjekt: Fremtidens utdanning i rurale strøk i Finnmark (samarbeid mellom Finnmarkspilotene)'],
      [
        'Hjerteregionen: Innlede dialog og invitere aktuelle statlige etater, fylkeskommune og eventuelle andre aktører, til kompetansesamarbeid med mulighet for fysisk tilstedeværelse i avtalekommunene på kort sikt eller med avtalt frekvens.',
        'Vestre Varanger: Innlede dialog og invitere aktuelle statlige etater, fylkeskommune og ev andre aktører, til kompetansesamarbeid med mulighet for fysisk tilstedeværelse i avtalekommunene på kort sikt eller med avtalt frekvens.',
      ],
      ['Hjerteregionen: Kartlegge og mobilisere relevante kurs- og kompetanseaktører i Hjerteregionen', 'Vestre Varanger: Kartlegge og mobilisere relevante kurs- og kompetanseaktører i Vestre-Varanger'],
      [
        'Indre-Namdal: Økt bruk av dagens virkemidler i Husbanken gjennom systematisk arbeid',
        'Midt-Finnmark: Utredning og styrking av saksbehandling og bruk av virkemidler fra Husbanken',
        'Midt: Kompetansehevende tiltak på Husbankens økonomiske virkemidler – økt bruk av virkemidler fra Husbanken',
        'Vestre Varanger: Øke kommunenes kompetanse om Husbankens virkemidler',
      ],
      ['Indre-Namdal: Nye og/eller økte mobilitetstjenester for en attraktiv bo- og arbeidsmarkedsregion', 'Midt: Nye og/eller økte mobilitetstjenester for en attraktiv bo- og arbeidsmarkedsregion'],
      ['Indre-Namdal: Utarbeid et kunnskapsgrunnlag for behov for kollektivtrafikk i regionen', 'Midt: Utarbeide et kunnskaps-grunnlag for kollektivtrafikk i regionene'],
      ['Indre-Namdal: Utvikle konsepter for lokale studie- og kontorfellesskap', 'Vestre Varanger: Kartlegge mulige lokaler for studie- og kontorfellesskap i alle kommuner'],
      ['Indre-Namdal: Utvikle nye og fremtidsrettede løsninger for bestillingstransport i utvidet forstand', 'Midt: Utvikle nye og fremtids-rettede løsninger for bestillingstransport i utvidet forstand'],
      ['Indre-Namdal: Utvikle og teste nye virkemidler for å øke tilgangen på egnede boliger', 'Midt: Utvikle nye virkemidler for å øke tilgangen til egnede boliger i distriktet'],
      ['Indre-Namdal: Utvikle utlånsforskriften', 'Midt: Utlånsforskriften som ledd i boligutvikling i distriktet'],
    ].map((group) => group.sort());
    // each group read from the report stands whole in one cluster (what else a cluster may join is
    // checked against the hand-labelled pairs in measure-similarity.test.ts)
    const missing = expected.filter((group) => !clusters.some((c) => group.every((m) => c.includes(m))));
    expect(missing).toEqual([]);
    // the secondment scheme in its two wordings: four pilots "Utforme rammene …", Midt-Finnmark "Hospiteringsordning for statlige ansatte"
    expect(clusters.find((c) => c.includes('Midt-Finnmark: Hospiteringsordning for statlige ansatte'))).toEqual(expect.arrayContaining(expected[0]!));
  });

  it('narrows to a theme and to measures in more pilots', async () => {
    const { body } = await api.gql<{ transferableMeasures: Page<{ label: string }> }>('{ transferableMeasures(theme: MOBILITY, minPilots: 2) { totalCount items { label } } }');
    expect(body.data!.transferableMeasures.totalCount).toBe(4);
    expect(body.data!.transferableMeasures.items.map((c) => c.label).sort()).toEqual([
      'Forbedre buss- og togtilbudet',
      'Nye og/eller økte mobilitetstjenester for en attraktiv bo- og arbeidsmarkedsregion',
      'Utarbeide et kunnskaps-grunnlag for kollektivtrafikk i regionene',
      'Utvikle nye og fremtidsrettede løsninger for bestillingstransport i utvidet forstand',
    ]);
    // in four pilots or more: the secondment scheme (five, with Midt-Finnmark's "Hospiteringsordning for
    // statlige ansatte"), and using Husbanken's instruments (four); every cluster returned spans four
    const four = await api.gql<{ transferableMeasures: Page<{ label: string; pilots: Page<{ name: string }>; measures: Page<{ text: string }> }> }>(
      '{ transferableMeasures(minPilots: 4) { items { label pilots { totalCount items { name } } measures(limit: 100) { totalCount items { text } } } } }',
    );
    const byPilots = four.body.data!.transferableMeasures.items.map((c) => {
      expect(c.pilots.totalCount).toBe(c.pilots.items.length);
      expect(c.measures.totalCount).toBe(c.measures.items.length);
      return { pilots: c.pilots.items.map((p) => p.name).join(', '), texts: c.measures.items.map((m) => m.text) };
    });
    for (const c of byPilots) expect(c.pilots.split(', ').length).toBeGreaterThanOrEqual(4);
    expect(byPilots.find((c) => c.texts.includes('Hospiteringsordning for statlige ansatte'))?.pilots).toBe('Hjerteregionen, Indre-Namdal, Midt, Midt-Finnmark, Vestre Varanger');
    expect(byPilots.find((c) => c.texts.includes('Øke kommunenes kompetanse om Husbankens virkemidler'))?.pilots).toBe('Indre-Namdal, Midt, Midt-Finnmark, Vestre Varanger');
  });
});

describe('similarMeasures, partyNetwork, search', () => {
  it('finds the measure most like a description first', async () => {
    const { body } = await api.gql<{ similarMeasures: Page<{ score: number; text: string; pilot: { name: string }; evidence: { document: string; page: number } }> }>(
      '{ similarMeasures(text: "felles plankontor for kommunene", limit: 3) { items { score text pilot { name } evidence { document page } } } }',
    );
    const [first, ...rest] = body.data!.similarMeasures.items;
    expect(first).toMatchObject({ text: 'Utrede felles plankontor', pilot: { name: 'Hjerteregionen' }, evidence: { document: 'midtveisrapport-bygdevekstavtaler-sintef.pdf', page: 8 } });
    for (const r of rest) expect(r.score).toBeLessThan(first!.score);
  });

  it('pages the similar measures, the likest first', async () => {
    const all = await expectPaging(
      asker<{ text: string; score: number; pilot: { name: string } }>(`query($limit: Int, $offset: Int) { similarMeasures(text: "felles plankontor for kommunene", limit: $limit, offset: $offset) { ${PAGE} items { text score pilot { name } } } }`, 'similarMeasures'),
    );
    expect(all[0]!.text).toBe('Utrede felles plankontor');
    for (let i = 1; i < all.length; i++) expect(all[i]!.score).toBeLessThanOrEqual(all[i - 1]!.score);
  });

  it('puts KDD and Husbanken, present in all eight Bygdevekst pilots, at the centre of the network', async () => {
    const { body } = await api.gql<{ partyNetwork: { nodes: { id: string; name: string; degree: number; betweenness: number; pilots: Page<{ name: string }> }[]; edges: { source: string; target: string; weight: number; pilots: { totalCount: number } }[] } }>(
      `{ partyNetwork { nodes { id name degree betweenness pilots { ${PAGE} items { name } } } edges { source target weight pilots { totalCount } } } }`,
    );
    const { nodes, edges } = body.data!.partyNetwork;
    expect(nodes.slice(0, 2).map((n) => n.name).sort()).toEqual(['Husbanken', 'Kommunal- og distriktsdepartementet']);
    for (const n of nodes.slice(0, 2)) {
      expect(n.pilots.items).toHaveLength(8);
      expect(n.pilots).toMatchObject({ totalCount: 8, pageInfo: { offset: 0, limit: 20, hasNextPage: false } });
    }
    // an edge's weight is the number of pilots where the two meet: its pilots' whole list
    for (const e of edges) expect(e.pilots.totalCount, `${e.source} ${e.target}`).toBe(e.weight);
    expect(nodes[2]!.name).toBe('Distriktssenteret');
    expect(edges.find((e) => e.source === 'party:husbanken' && e.target === 'party:kommunal-og-distriktsdepartementet')?.weight).toBe(8);
    // the Tromsvekst parties meet only each other, in one pilot
    expect(edges.find((e) => e.source === 'party:nord-tromsradet' && e.target === 'party:troms-fylkeskommune')?.weight).toBe(1);
    for (const n of nodes) expect(n.degree, n.name).toBe(edges.filter((e) => e.source === n.id || e.target === n.id).length);
    const ministries = await api.gql<{ partyNetwork: { nodes: { name: string }[]; edges: unknown[] } }>('{ partyNetwork(kinds: [MINISTRY, GOVERNOR], minWeight: 2) { nodes { name } edges { weight } } }');
    expect(ministries.body.data!.partyNetwork.nodes.map((n) => n.name).sort()).toEqual([
      'Kommunal- og distriktsdepartementet',
      'Statsforvalteren i Møre og Romsdal',
      'Statsforvalteren i Troms og Finnmark',
      'Statsforvalteren i Trøndelag',
      'Statsforvalteren i Vestfold og Telemark',
    ]);
  });

  it('pages the pilots involving a party, by pilot name', async () => {
    type Answer = { pilotsInvolving: Page<{ pilot: { name: string } }> };
    const all = (await api.gql<Answer>(`{ pilotsInvolving(party: "Husbanken", limit: 100) { ${PAGE} items { pilot { name } } } }`)).body.data!.pilotsInvolving;
    const page = (await api.gql<Answer>(`{ pilotsInvolving(party: "Husbanken", limit: 3, offset: 2) { ${PAGE} items { pilot { name } } } }`)).body.data!.pilotsInvolving;
    expect(all.items.length).toBeGreaterThan(5);
    expect(all.totalCount).toBe(all.items.length);
    expect(all.pageInfo).toEqual({ offset: 0, limit: 100, hasNextPage: false });
    expect(page.items).toEqual(all.items.slice(2, 5));
    expect(page).toMatchObject({ totalCount: all.totalCount, pageInfo: { offset: 2, limit: 3, hasNextPage: 5 < all.totalCount } });
    const walked = await expectPaging(asker<{ pilot: { name: string } }>(`query($limit: Int, $offset: Int) { pilotsInvolving(party: "Husbanken", limit: $limit, offset: $offset) { ${PAGE} items { pilot { name } } } }`, 'pilotsInvolving'));
    expect(walked).toEqual(all.items);
    const names = walked.map((e) => e.pilot.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'nb')));
    const tooMany = await api.gql('{ pilotsInvolving(party: "Husbanken", limit: 1000) { items { pilot { name } } } }');
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('gives the top of the network when asked for fewer parties: the most central, and only the ties among them', async () => {
    type Network = { partyNetwork: { nodes: { id: string; degree: number }[]; edges: { source: string; target: string }[] } };
    const whole = (await api.gql<Network>('{ partyNetwork { nodes { id degree } edges { source target } } }')).body.data!.partyNetwork;
    const top = (await api.gql<Network>('{ partyNetwork(limit: 5) { nodes { id degree } edges { source target } } }')).body.data!.partyNetwork;
    expect(whole.nodes.length).toBeGreaterThan(5);
    expect(top.nodes).toEqual(whole.nodes.slice(0, 5));
    const kept = new Set(top.nodes.map((n) => n.id));
    expect(top.edges).toEqual(whole.edges.filter((e) => kept.has(e.source) && kept.has(e.target)));
    expect(top.edges.length).toBeGreaterThan(0);
  });

  it('finds the housing sub-goals whether asked in bokmål or nynorsk', async () => {
    const housing = async (text: string) => {
      const { body } = await api.gql<{ search: Page<{ kind: string; id: string; text: string; evidence: { page: number } }> }>(`query($t: String!) { search(text: $t, limit: 100) { ${PAGE} items { kind id text evidence { page } } } }`, { t: text });
      const hits = body.data!.search;
      expect(hits.totalCount).toBeGreaterThanOrEqual(hits.items.length);
      expect(hits.pageInfo.hasNextPage).toBe(hits.items.length < hits.totalCount);
      return hits.items.filter((h) => h.kind === 'SUBGOAL').map((h) => h.id).sort();
    };
    const expected = [
      'subgoal:bygdevekst-hjerteregionen:1',
      'subgoal:bygdevekst-indre-namdal:4',
      'subgoal:bygdevekst-midt-finnmark:4',
      'subgoal:bygdevekst-midt:1',
      'subgoal:bygdevekst-nord-troms:3',
      'subgoal:bygdevekst-smola-og-aure:1',
      'subgoal:bygdevekst-vest-telemark:1',
      'subgoal:bygdevekst-vestre-varanger:2',
    ];
    expect(await housing('bolig')).toEqual(expected);
    expect(await housing('bustad')).toEqual(expected);
    expect(await housing('bustader')).toEqual(expected);
  });

  it('pages the search hits, the best first: totalCount counts every hit, offset goes on where the last page ended', async () => {
    type Hit = { kind: string; id: string; score: number };
    const all = await expectPaging(asker<Hit>(`query($limit: Int, $offset: Int) { search(text: "bustad", limit: $limit, offset: $offset) { ${PAGE} items { kind id score } } }`, 'search'), 10);
    for (let i = 1; i < all.length; i++) expect(all[i]!.score).toBeLessThanOrEqual(all[i - 1]!.score);
    // the default page is the first 20
    const { body } = await api.gql<{ search: Page<Hit> }>(`{ search(text: "bustad") { ${PAGE} items { kind id score } } }`);
    expect(body.data!.search).toEqual({ totalCount: all.length, pageInfo: { offset: 0, limit: 20, hasNextPage: all.length > 20 }, items: all.slice(0, 20) });
  });

  it('pages the search grouped by agreement, each group with its hits', async () => {
    type Group = { agreement: { id: string } | null; pilot: { name: string } | null; document: string; hits: { id: string }[] };
    const groups = await expectPaging(
      asker<Group>(`query($limit: Int, $offset: Int) { searchByAgreement(text: "bustad", limit: $limit, offset: $offset, hitsPerGroup: 2) { ${PAGE} items { agreement { id } pilot { name } document hits { id } } } }`, 'searchByAgreement'),
    );
    for (const g of groups) expect(g.hits.length).toBeLessThanOrEqual(2);
  });
});

describe('lookups', () => {
  it('lists documents, pilots by cohort, and finds parties by any of their names', async () => {
    const { body } = await api.gql<Record<string, unknown>>(`{
      documents { ${PAGE} items { file } }
      cohort1: pilots(cohort: 1) { ${PAGE} items { name } }
      cohort2: pilots(cohort: 2) { ${PAGE} items { name } }
      party(name: "Distriktssentret") { name kind aliases }
      usn: party(name: "USN") { name }
      agreements(scheme: TROMSVEKST) { totalCount items { id focusAreas { number subGoals { number } } signatories { person party { name } } } }
      themes { theme subGoals }
    }`);
    expect(body.errors).toBeUndefined();
    const d = body.data as {
      documents: Page<{ file: string }>;
      cohort1: Page<{ name: string }>;
      cohort2: Page<{ name: string }>;
      party: { name: string; kind: string; aliases: string[] };
      usn: { name: string };
      agreements: Page<{ id: string; focusAreas: { number: number; subGoals: { number: string }[] }[]; signatories: { person: string; party: { name: string } }[] }>;
      themes: { theme: string; subGoals: number }[];
    };
    expect(d.documents.items).toHaveLength(5);
    expect(d.documents).toMatchObject({ totalCount: 5, pageInfo: { offset: 0, limit: 50, hasNextPage: false } });
    expect(d.cohort1.items.map((p) => p.name)).toEqual(['Hjerteregionen', 'Indre-Namdal', 'Midt', 'Midt-Finnmark', 'Vestre Varanger']);
    expect(d.cohort2.items.map((p) => p.name)).toEqual(['Nord-Troms', 'Smøla og Aure', 'Vest-Telemark']);
    // totalCount counts the cohort's pilots, not every pilot
    expect(d.cohort1).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: false } });
    expect(d.cohort2).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false } });
    expect(d.party).toEqual({ name: 'Distriktssenteret', kind: 'STATE_AGENCY', aliases: ['Distriktssenteret', 'Distriktssentret'] });
    expect(d.usn.name).toBe('Universitetet i Sørøst-Norge');
    expect(d.agreements.totalCount).toBe(1);
    expect(d.agreements.items[0]!.focusAreas.map((f) => [f.number, f.subGoals.map((s) => s.number)])).toEqual([[1, ['1.1', '1.2', '1.3']], [2, ['2.1']], [3, ['3.1', '3.2']], [4, ['4.1']]]);
    expect(d.agreements.items[0]!.signatories.map((s) => [s.person, s.party.name]).sort()).toEqual([
      ['Bernt Eirik Lyngstad', 'Nord-Tromsrådet'],
      ['Kristina Torbergsen', 'Troms fylkeskommune'],
    ]);
    expect(d.themes.find((t) => t.theme === 'HOUSING')?.subGoals).toBe(8);
  });

  it('filters sub-goals and obligations, and pages through lists', async () => {
    const { body } = await api.gql<Record<string, Page<{ id: string }>>>(`{
      housing: subGoals(theme: HOUSING, party: "husbanken") { ${PAGE} items { id } }
      kdd: obligations(party: "KDD", modality: VIL) { ${PAGE} items { id } }
      first: planAnchors(limit: 2) { ${PAGE} items { id } }
      next: planAnchors(limit: 2, offset: 2) { ${PAGE} items { id } }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.housing!.items).toHaveLength(8);
    expect(body.data!.housing).toMatchObject({ totalCount: 8, pageInfo: { offset: 0, limit: 50, hasNextPage: false } });
    // "KDD vil invitere …", "KDD vil saman med partane …", "KDD vil i tillegg utarbeide …" in each Bygdevekst agreement
    expect(body.data!.kdd!.items).toHaveLength(9);
    expect(body.data!.kdd!.totalCount).toBe(9);
    expect(body.data!.first!.items).toHaveLength(2);
    expect(body.data!.next!.items[0]!.id).not.toBe(body.data!.first!.items[0]!.id);
    expect(body.data!.first!.totalCount).toBeGreaterThan(4);
    expect(body.data!.next!.totalCount).toBe(body.data!.first!.totalCount);
    expect(body.data!.first!.pageInfo).toEqual({ offset: 0, limit: 2, hasNextPage: true });
    expect(body.data!.next!.pageInfo).toEqual({ offset: 2, limit: 2, hasNextPage: true });
  });
});

describe('every list question a page at a time', () => {
  const pageOf = (field: string, args: string, items: string) => `query($limit: Int, $offset: Int) { ${field}(${args ? `${args}, ` : ''}limit: $limit, offset: $offset) { ${PAGE} items { ${items} } } }`;

  it('pages the documents, by id', async () => {
    const all = await expectPaging(asker<{ id: string }>(pageOf('documents', '', 'id'), 'documents'));
    expect(all).toHaveLength(5);
    expect(all.map((d) => d.id)).toEqual(all.map((d) => d.id).sort());
  });

  it('pages the pilots, by name, and a cohort’s pilots within the cohort', async () => {
    const all = await expectPaging(asker<{ name: string; cohort: number }>(pageOf('pilots', '', 'name cohort'), 'pilots'));
    // the eight pilots of the two cohorts
    expect(all).toHaveLength(8);
    expect(all.map((p) => p.name)).toEqual(['Hjerteregionen', 'Indre-Namdal', 'Midt', 'Midt-Finnmark', 'Nord-Troms', 'Smøla og Aure', 'Vest-Telemark', 'Vestre Varanger']);
    const first = await expectPaging(asker<{ name: string; cohort: number }>(pageOf('pilots', 'cohort: 1', 'name cohort'), 'pilots'));
    expect(first).toEqual(all.filter((p) => p.cohort === 1));
  });

  it('pages the agreements, by id, and a scheme’s agreements within the scheme', async () => {
    const all = await expectPaging(asker<{ id: string; scheme: string }>(pageOf('agreements', '', 'id scheme'), 'agreements'));
    expect(all.map((a) => a.id)).toEqual(all.map((a) => a.id).sort());
    const bygdevekst = await expectPaging(asker<{ id: string; scheme: string }>(pageOf('agreements', 'scheme: BYGDEVEKST', 'id scheme'), 'agreements'));
    // the eight Bygdevekst agreements, and the one Tromsvekst agreement beside them
    expect(bygdevekst).toHaveLength(8);
    expect(bygdevekst).toEqual(all.filter((a) => a.scheme === 'BYGDEVEKST'));
    expect(all.filter((a) => a.scheme === 'TROMSVEKST').map((a) => a.id)).toEqual(['agreement:tromsvekst-nord-troms-2025-2028']);
    // a date filter counts only the agreements it keeps
    const holding = await asker<{ id: string }>(pageOf('agreements', 'validOn: "2028-12-31"', 'id'), 'agreements')(1, 0);
    expect(holding).toEqual({ totalCount: 2, pageInfo: { offset: 0, limit: 1, hasNextPage: true }, items: [{ id: 'agreement:bygdevekst-vest-telemark' }] });
  });

  it('pages the parties, and those of one kind', async () => {
    const all = await expectPaging(asker<{ id: string; kind: string }>(pageOf('parties', '', 'id kind'), 'parties'), 20);
    const governors = await expectPaging(asker<{ id: string; kind: string }>(pageOf('parties', 'kind: GOVERNOR', 'id kind'), 'parties'));
    expect(governors).toEqual(all.filter((p) => p.kind === 'GOVERNOR'));
  });

  it('pages the sub-goals, by id, and those about a theme', async () => {
    const all = await expectPaging(asker<{ id: string; themes: string[] }>(pageOf('subGoals', '', 'id themes'), 'subGoals'), 20);
    expect(all.map((s) => s.id)).toEqual(all.map((s) => s.id).sort());
    const housing = await expectPaging(asker<{ id: string; themes: string[] }>(pageOf('subGoals', 'theme: HOUSING', 'id themes'), 'subGoals'));
    expect(housing).toEqual(all.filter((s) => s.themes.includes('HOUSING')));
  });

  it('pages the obligations, the plan anchors and the partner groups', async () => {
    const obligations = await expectPaging(asker<{ id: string }>(pageOf('obligations', '', 'id'), 'obligations'), 10);
    expect(obligations.map((o) => o.id)).toEqual(obligations.map((o) => o.id).sort());
    await expectPaging(asker<{ id: string }>(pageOf('planAnchors', '', 'id'), 'planAnchors'));
    await expectPaging(asker<{ name: string }>(pageOf('partnerGroups', '', 'name'), 'partnerGroups'));
  });

  it('pages the clusters of measures that recur across pilots', async () => {
    await expectPaging(asker<{ label: string }>(pageOf('transferableMeasures', 'minPilots: 2', 'label'), 'transferableMeasures'), 10);
  });

  it('pages a party’s pilots and roles (nested pages, 20 by default)', async () => {
    const nested = (field: string, items: string) => `query($limit: Int, $offset: Int) { party(name: "Husbanken") { ${field}(limit: $limit, offset: $offset) { ${PAGE} items { ${items} } } } }`;
    const pilots = await expectPaging(asker<{ name: string }>(nested('pilots', 'name'), 'party', 'pilots'));
    // in all eight Bygdevekst pilots, by name
    expect(pilots.map((p) => p.name)).toEqual(['Hjerteregionen', 'Indre-Namdal', 'Midt', 'Midt-Finnmark', 'Nord-Troms', 'Smøla og Aure', 'Vest-Telemark', 'Vestre Varanger']);
    const roles = await expectPaging(asker<{ role: string; agreement: { id: string } | null; subGoal: { id: string } | null; evidence: { quote: string } }>(nested('roles', 'role agreement { id } subGoal { id } evidence { quote }'), 'party', 'roles'), 8);
    const { body } = await api.gql<{ party: { pilots: Page<{ name: string }>; roles: Page<unknown> } }>(`{ party(name: "Husbanken") { pilots { ${PAGE} items { name } } roles { ${PAGE} } } }`);
    expect(body.data!.party.pilots).toEqual({ totalCount: 8, pageInfo: { offset: 0, limit: 20, hasNextPage: false }, items: pilots });
    expect(body.data!.party.roles.totalCount).toBe(roles.length);
    expect(body.data!.party.roles.pageInfo).toEqual({ offset: 0, limit: 20, hasNextPage: roles.length > 20 });
    const tooMany = await api.gql('{ party(name: "Husbanken") { pilots(limit: 101) { totalCount } } }');
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('pages an agreement’s obligations, a plan anchor’s agreements and a partner group’s sub-goals', async () => {
    const obligations = await expectPaging(
      asker<{ id: string }>(`query($limit: Int, $offset: Int) { agreement(id: "agreement:bygdevekst-nord-troms") { obligations(limit: $limit, offset: $offset) { ${PAGE} items { id } } } }`, 'agreement', 'obligations'),
    );
    // the agreement's own obligations: those of the whole corpus that are in it
    const every = await walk(asker<{ id: string; agreement: { id: string } }>(pageOf('obligations', '', 'id agreement { id }'), 'obligations'), 100);
    const own = every.items.filter((o) => o.agreement.id === 'agreement:bygdevekst-nord-troms').map((o) => o.id);
    expect(obligations.map((o) => o.id).sort()).toEqual(own.sort());

    // a page of one agreement per plan anchor: more follow exactly when the anchor is in more than one
    type Anchors = { planAnchors: Page<{ id: string; agreements: Page<{ id: string }> }> };
    const anchors = (await api.gql<Anchors>(`{ planAnchors(limit: 100) { ${PAGE} items { id agreements(limit: 1) { ${PAGE} items { id } } } } }`)).body.data!.planAnchors;
    expect(anchors.pageInfo.hasNextPage).toBe(false);
    for (const a of anchors.items) {
      expect(a.agreements.totalCount, a.id).toBeGreaterThan(0);
      expect(a.agreements.items, a.id).toHaveLength(1);
      expect(a.agreements.pageInfo, a.id).toEqual({ offset: 0, limit: 1, hasNextPage: a.agreements.totalCount > 1 });
    }
    const shared = anchors.items.filter((a) => a.agreements.totalCount >= 2);
    expect(shared.length).toBeGreaterThan(0);
    for (const anchor of shared.slice(0, 2)) {
      const ask: Ask<{ id: string }> = async (limit, offset) => {
        const { body } = await api.gql<Anchors>(`query($limit: Int, $offset: Int) { planAnchors(limit: 100) { items { id agreements(limit: $limit, offset: $offset) { ${PAGE} items { id } } } } }`, { limit, offset });
        expect(body.errors).toBeUndefined();
        return body.data!.planAnchors.items.find((a) => a.id === anchor.id)!.agreements;
      };
      const agreements = await expectPaging(ask, 2);
      expect(agreements[0]).toEqual(anchor.agreements.items[0]);
    }

    // a partner group's sub-goals, by id
    type Groups = { partnerGroups: Page<{ name: string; subGoals: Page<{ id: string }> }> };
    const groups = (await api.gql<Groups>(`{ partnerGroups(limit: 100) { ${PAGE} items { name subGoals(limit: 100) { ${PAGE} items { id } } } } }`)).body.data!.partnerGroups;
    expect(groups.pageInfo.hasNextPage).toBe(false);
    for (const g of groups.items) {
      expect(g.subGoals.totalCount, g.name).toBe(g.subGoals.items.length);
      expect(g.subGoals.items.length, g.name).toBeGreaterThan(0);
    }
    const widest = [...groups.items].sort((a, b) => b.subGoals.totalCount - a.subGoals.totalCount)[0]!;
    expect(widest.subGoals.totalCount).toBeGreaterThanOrEqual(2);
    const ask: Ask<{ id: string }> = async (limit, offset) => {
      const { body } = await api.gql<Groups>(`query($limit: Int, $offset: Int) { partnerGroups(limit: 100) { items { name subGoals(limit: $limit, offset: $offset) { ${PAGE} items { id } } } } }`, { limit, offset });
      expect(body.errors).toBeUndefined();
      return body.data!.partnerGroups.items.find((g) => g.name === widest.name)!.subGoals;
    };
    expect(await expectPaging(ask, 2)).toEqual(widest.subGoals.items);
  });
});

describe('a party name that matches nothing', () => {
  it.each([
    ['pilotsInvolving', 'query($p: String!) { pilotsInvolving(party: $p) { totalCount items { roles } } }'],
    ['party', 'query($p: String!) { party(name: $p) { id } }'],
    ['subGoals', 'query($p: String!) { subGoals(party: $p) { totalCount items { id } } }'],
    ['obligations', 'query($p: String!) { obligations(party: $p) { totalCount items { id } } }'],
  ])('%s answers NOT_FOUND with the closest known names, not an empty answer', async (_field, query) => {
    const { body } = await api.gql(query, { p: 'Husbankken Norge' });
    const error = body.errors?.[0];
    expect(error?.extensions?.code).toBe('NOT_FOUND');
    expect(error?.message).toMatch(/no party named "Husbankken Norge"/);
    expect(error?.extensions?.suggestions).toContain('Husbanken');
  });

  it('gives no suggestion that shares nothing with the name', async () => {
    const { body } = await api.gql('{ party(name: "Xyzzy") { id } }');
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', suggestions: [] });
  });
});

describe('when do the agreements expire?', () => {
  it('gives each agreement its validity with the sentence that says so', async () => {
    const { body } = await api.gql<{ agreements: Page<{ id: string; validFrom: string | null; validUntil: string | null; validity: { evidence: { page: number; quote: string } } | null }> }>(
      `{ agreements(scheme: BYGDEVEKST, limit: 100) { ${PAGE} items { id validFrom validUntil validity { evidence { page quote } } } } }`,
    );
    expect(body.data!.agreements.pageInfo.hasNextPage).toBe(false);
    const own = body.data!.agreements.items.filter((a) => ['agreement:bygdevekst-nord-troms', 'agreement:bygdevekst-smola-og-aure', 'agreement:bygdevekst-vest-telemark'].includes(a.id));
    expect(own.map((a) => [a.id, a.validUntil])).toEqual([
      ['agreement:bygdevekst-nord-troms', '2028-12-30'],
      ['agreement:bygdevekst-smola-og-aure', '2028-12-30'],
      ['agreement:bygdevekst-vest-telemark', '2028-12-31'],
    ]);
    for (const a of own) expect(a.validity?.evidence.quote).toMatch(/(?:frem|fram) til 3[01]\. desember 2028\.$/);
  });

  it('finds the agreements that hold on a day, and those that end before one', async () => {
    const ids = async (args: string) => {
      const page = (await api.gql<{ agreements: Page<{ id: string }> }>(`{ agreements(${args}) { ${PAGE} items { id } } }`)).body.data!.agreements;
      // the whole list on the first page, and totalCount counts what the dates keep
      expect(page.totalCount).toBe(page.items.length);
      expect(page.pageInfo.hasNextPage).toBe(false);
      return page.items.map((a) => a.id);
    };
    expect(await ids('validOn: "2028-12-31"')).toEqual(['agreement:bygdevekst-vest-telemark', 'agreement:tromsvekst-nord-troms-2025-2028']);
    expect(await ids('expiresBefore: "2028-12-31"')).toEqual(['agreement:bygdevekst-nord-troms', 'agreement:bygdevekst-smola-og-aure']);
    expect(await ids('validOn: "2029-01-01"')).toEqual([]);
  });

  it('refuses a date that is not one, naming the argument', async () => {
    const { body } = await api.gql('{ agreements(validOn: "2028-02-30") { items { id } } }');
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'validOn' });
  });
});
