/**
 * The explorer's view logic (api/explorer/src/*-model.ts), without a browser: the data is loaded
 * the way the browser loads it, through the explorer's own GraphQL client, from a server over the
 * corpus. Expected answers come from reading the documents (the same facts as tests/api.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementLabel, compareView, defaultPair } from '../api/explorer/src/compare-model.ts';
import { evidenceHref, uniqueEvidence } from '../api/explorer/src/evidence.ts';
import { LABELS, LANGS, parseLang, translator } from '../api/explorer/src/labels.ts';
import { buildMatrix, cellKey, highlightFromInvolvement } from '../api/explorer/src/matrix-model.ts';
import { DEFAULT_FILTER, filterNetwork, KIND_COLOURS, layoutGraph, nodeSize, searchParties, type NetworkFilter } from '../api/explorer/src/network-model.ts';
import { groupPartyRoles } from '../api/explorer/src/party-model.ts';
import { GraphQLClient } from '../api/explorer/src/queries.ts';
import { PARTY_KINDS, ROLES, THEMES, type ExplorerData } from '../api/explorer/src/types.ts';
import { MODALITIES, type PlanAnchorType } from '../domain/records.ts';

const ANCHOR_TYPES = ['WHITE_PAPER', 'PROPOSITION', 'OFFICIAL_REPORT', 'GOVERNMENT_PLATFORM', 'POLITICAL_DECISION', 'MUNICIPAL_PLAN', 'REGIONAL_PLAN', 'STRATEGY', 'OTHER'] as const satisfies readonly PlanAnchorType[];
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

const filter = (patch: Partial<NetworkFilter>): NetworkFilter => ({ ...DEFAULT_FILTER, ...patch });

// Husbanken and housing, as read from the documents (see tests/api.test.ts): the housing delmål of
// the three Bygdevekst agreements and of the five pilot summaries in the evaluation report.
const HUSBANKEN_HOUSING: Record<string, [string, string][]> = {
  'pilot:hjerteregionen': [['1', 'Økt boligbygging og utvikling av nye botilbud']],
  'pilot:indre-namdal': [['4', 'Øke boligbygging og utvikle nye boligtilbud']],
  'pilot:midt': [['1', 'Øke boligbygging og utvikle nye botilbud']],
  'pilot:midt-finnmark': [['4', 'Øke boligbygging og utvikle nye boligtilbud']],
  'pilot:nord-troms': [['3', 'Økt variasjon i boligtilbudet i Nord-Troms']],
  'pilot:smola-og-aure': [['1', 'Utvikle attraktive sentrum i tettsteder og tilrettelegge for flere boliger']],
  'pilot:vest-telemark': [['1', 'Fleire eigna bustader i Vest-Telemark']],
  'pilot:vestre-varanger': [['2', 'Øke boligbygging og utvikle nye botilbud']],
};

describe('labels', () => {
  it('has the same keys in bokmål, nynorsk and English, and a label for every theme, party kind, role, modality and plan anchor type', () => {
    expect(LANGS).toEqual(['nb', 'nn', 'en']);
    for (const lang of LANGS) expect(Object.keys(LABELS[lang]).sort(), lang).toEqual(Object.keys(LABELS.nb).sort());
    const keys = [...THEMES.map((x) => `theme.${x}`), ...PARTY_KINDS.map((x) => `kind.${x}`), ...ROLES.map((x) => `role.${x}`), ...MODALITIES.map((x) => `modality.${x}`), ...ANCHOR_TYPES.map((x) => `anchor.${x}`)];
    for (const lang of LANGS) for (const key of [...keys, ...Object.keys(LABELS.nb)]) expect(LABELS[lang][key], `${lang} ${key}`).toBeTruthy();
  });

  it('speaks nynorsk in the nynorsk labels, not bokmål', () => {
    const nn = translator('nn');
    expect(nn('nav.compare')).toBe('Samanlikn avtalar');
    expect(nn('theme.HOUSING')).toBe('Bustad');
    expect(nn('app.error')).toBe('Kunne ikkje hente data');
    expect(nn('matrix.involved', { party: 'Husbanken', pilots: 8 })).toBe('Husbanken er med i 8 pilotar; markerte celler er delmål der Husbanken er samarbeidspart.');
    // Bokmål forms that nynorsk writes otherwise appear in no nynorsk label.
    const bokmal = /\b(ikke|hvordan|hvorfor|hvert|noen|deres|boligane|tjenester|mellom avtalene|piloter|parter|kommuner|avtaler|velg|henter|fant)\b/i;
    for (const [key, text] of Object.entries(LABELS.nn)) expect(bokmal.test(text), `${key}: ${text}`).toBe(false);
    const differ = Object.keys(LABELS.nb).filter((k) => LABELS.nn[k] !== LABELS.nb[k]);
    expect(differ.length).toBeGreaterThan(100);
  });

  it('fills placeholders, defaults to bokmål and falls back to the key', () => {
    expect(translator('nb')('matrix.cellLabel', { pilot: 'Midt', theme: 'Bolig', n: 1 })).toBe('Midt, Bolig: 1 delmål');
    expect(translator('en')('theme.HOUSING')).toBe('Housing');
    expect(translator('nb')('theme.HOUSING')).toBe('Bolig');
    expect(translator('en')('no.such.key')).toBe('no.such.key');
    expect(parseLang('en')).toBe('en');
    expect(parseLang('nn')).toBe('nn');
    expect(parseLang(null)).toBe('nb');
    expect(parseLang('de')).toBe('nb');
  });
});

describe('loading', () => {
  type Counted = { totalCount: number; pageInfo: { offset: number; limit: number; hasNextPage: boolean } };
  it('walks every list it computes with page by page: as many as the API counts, each once', async () => {
    const counts = await client.request<Record<'pilots' | 'agreements' | 'parties' | 'subGoals' | 'documents', Counted>>(
      '{ pilots(limit: 1) { totalCount pageInfo { offset limit hasNextPage } } agreements(limit: 1) { totalCount pageInfo { offset limit hasNextPage } } parties(limit: 1) { totalCount pageInfo { offset limit hasNextPage } } subGoals(limit: 1) { totalCount pageInfo { offset limit hasNextPage } } documents(limit: 1) { totalCount pageInfo { offset limit hasNextPage } } }',
    );
    // more parties than the 50 a page of them holds: the second page was asked for
    expect(counts.parties.totalCount).toBeGreaterThan(50);
    for (const key of ['pilots', 'agreements', 'parties', 'subGoals', 'documents'] as const) {
      const list = data[key] as { id?: string; file?: string }[];
      expect(list, key).toHaveLength(counts[key].totalCount);
      expect(new Set(list.map((x) => x.id ?? x.file)).size, key).toBe(list.length);
      expect(counts[key].pageInfo, key).toEqual({ offset: 0, limit: 1, hasNextPage: counts[key].totalCount > 1 });
    }
    expect(data.pilots).toHaveLength(8);
  });

  it("holds every role of every party, and every pilot of a node and of a link", async () => {
    const { parties } = await client.request<{ parties: { totalCount: number; items: { id: string; roles: { totalCount: number } }[] } }>('{ parties(limit: 100) { totalCount items { id roles(limit: 1) { totalCount } } } }');
    expect(parties.items).toHaveLength(parties.totalCount);
    for (const p of parties.items) expect(data.parties.find((x) => x.id === p.id)!.roles, p.id).toHaveLength(p.roles.totalCount);
    const { partyNetwork } = await client.request<{ partyNetwork: { nodes: { id: string; pilots: { totalCount: number } }[] } }>('{ partyNetwork { nodes { id pilots(limit: 1) { totalCount } } } }');
    for (const n of partyNetwork.nodes) expect(data.network.nodes.find((x) => x.id === n.id)!.pilots, n.id).toHaveLength(n.pilots.totalCount);
    // a link's weight is the number of pilots where its parties meet: all of them are there
    for (const e of data.network.edges) expect(e.pilots, `${e.source}~${e.target}`).toHaveLength(e.weight);
  });

  it('goes on from the items it has: the rest of a list in pages, in order, no item twice', async () => {
    type Role = { role: string; agreement: { id: string }; subGoal: { id: string } | null };
    type Roles = { party: { roles: Counted & { items: Role[] } } | null };
    const query = 'query($name: String!, $offset: Int!) { party(name: $name) { roles(limit: 5, offset: $offset) { totalCount pageInfo { offset limit hasNextPage } items { role agreement { id } subGoal { id } } } } }';
    const name = 'Finnmark fylkeskommune';
    const first = (await client.request<Roles>(query, { name, offset: 0 })).party!.roles;
    expect(first.totalCount).toBeGreaterThan(10);
    expect(first.items).toHaveLength(5);
    expect(first.pageInfo).toEqual({ offset: 0, limit: 5, hasNextPage: true });
    const asked: Roles[] = [];
    const all = await client.pages(query, (d: Roles) => (asked.push(d), d.party?.roles), { name }, first.items);
    expect(all).toHaveLength(first.totalCount);
    // from offset 5 on, a page at a time, only the last without a next page
    expect(asked.map((d) => d.party!.roles.pageInfo.offset)).toEqual(Array.from({ length: Math.ceil(first.totalCount / 5) - 1 }, (_, i) => 5 * (i + 1)));
    expect(asked.map((d) => d.party!.roles.pageInfo.hasNextPage)).toEqual(asked.map((_, i) => i < asked.length - 1));
    // the roles of the party's own page of 100, in the same order
    const key = (r: Role) => `${r.role}|${r.agreement.id}|${r.subGoal?.id ?? ''}`;
    const detail = (await client.party(name))!.roles;
    expect(detail.totalCount).toBe(first.totalCount);
    expect(all.map(key)).toEqual(detail.items.map(key));
  });
});

describe('pilots × themes matrix', () => {
  it('has one row per pilot of both cohorts, cohort 1 first, and one column per theme', () => {
    const m = buildMatrix(data.pilots, data.subGoals);
    expect(m.rows.map((r) => [r.pilot.name, r.pilot.cohort])).toEqual([
      ['Hjerteregionen', 1], ['Indre-Namdal', 1], ['Midt', 1], ['Midt-Finnmark', 1], ['Vestre Varanger', 1],
      ['Nord-Troms', 2], ['Smøla og Aure', 2], ['Vest-Telemark', 2],
    ]);
    expect(m.themes).toEqual([...THEMES]);
    expect(m.rows.every((r) => r.cells.length === 16)).toBe(true);
  });

  it('counts each sub-goal once under each of its themes, as the API counts them', async () => {
    const m = buildMatrix(data.pilots, data.subGoals);
    const { themes } = await client.request<{ themes: { theme: string; subGoals: number }[] }>('{ themes { theme subGoals } }');
    for (const { theme, subGoals } of themes) {
      const column = m.rows.reduce((sum, r) => sum + r.cells.find((c) => c.theme === theme)!.subGoals.length, 0);
      expect(column, theme).toBe(subGoals);
    }
    // Eight housing delmål, one in each pilot.
    expect(m.rows.map((r) => r.cells.find((c) => c.theme === 'HOUSING')!.subGoals.length)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    // Nord-Troms holds the sub-goals of both its agreements: the Tromsvekst delmål 1.3 is about attractiveness and settlement.
    const nordTroms = m.rows.find((r) => r.pilot.id === 'pilot:nord-troms')!;
    const attractiveness = nordTroms.cells.find((c) => c.theme === 'ATTRACTIVENESS_SETTLEMENT')!;
    expect(attractiveness.subGoals.map((s) => s.agreement.id)).toContain('agreement:tromsvekst-nord-troms-2025-2028');
    expect(attractiveness.subGoals.map((s) => s.agreement.id)).toContain('agreement:bygdevekst-nord-troms');
    expect(attractiveness.tooltip.split('\n')).toHaveLength(attractiveness.subGoals.length);
    expect(attractiveness.tooltip).toContain('1.3. Nord-Troms har attraktive og inkluderende lokalsamfunn');
  });

  it('highlights, for Husbanken, the housing cell of all eight pilots and the housing delmål in them', async () => {
    const involvement = await client.involvement('Husbanken');
    // every pilot involving it, as many as the API counts (it gives them a page at a time)
    const { pilotsInvolving } = await client.request<{ pilotsInvolving: { totalCount: number; pageInfo: { hasNextPage: boolean }; items: { pilot: { id: string } }[] } }>(
      '{ pilotsInvolving(party: "Husbanken", limit: 3) { totalCount pageInfo { hasNextPage } items { pilot { id } } } }',
    );
    expect(involvement).toHaveLength(pilotsInvolving.totalCount);
    expect(pilotsInvolving.pageInfo.hasNextPage).toBe(true);
    expect(involvement.slice(0, 3).map((e) => e.pilot.id)).toEqual(pilotsInvolving.items.map((e) => e.pilot.id));
    const highlight = highlightFromInvolvement('Husbanken', involvement);
    const m = buildMatrix(data.pilots, data.subGoals, highlight);
    expect(m.rows.filter((r) => r.highlighted).map((r) => r.pilot.id).sort()).toEqual(Object.keys(HUSBANKEN_HOUSING).sort());
    const housing = m.rows.map((r) => r.cells.find((c) => c.theme === 'HOUSING')!);
    expect(housing.every((c) => c.highlighted)).toBe(true);
    for (const cell of housing) {
      const involved = cell.subGoals.filter((s) => highlight.subGoals.has(s.id)).map((s) => [s.number, s.title]);
      expect(involved, cell.pilot).toEqual(HUSBANKEN_HOUSING[cell.pilot]);
      // The partners of the sub-goal name Husbanken, with the sentence that says so.
      const subGoal = cell.subGoals[0]!;
      expect(subGoal.partners.map((p) => p.party.name)).toContain('Husbanken');
      expect(subGoal.partners.find((p) => p.party.name === 'Husbanken')!.evidence.quote).toMatch(/Husbank/);
    }
    // Beyond housing: the planning delmål 6 of Indre-Namdal names Husbanken too; the cohort-2 agreements'
    // other delmål do not, and no Tromsvekst delmål does.
    expect(highlight.cells.has(cellKey('pilot:indre-namdal', 'PLANNING'))).toBe(true);
    const highlightedCells = m.rows.flatMap((r) => r.cells.filter((c) => c.highlighted));
    for (const c of highlightedCells) expect(c.subGoals.some((s) => highlight.subGoals.has(s.id))).toBe(true);
    expect(highlightedCells.flatMap((c) => c.subGoals).filter((s) => highlight.subGoals.has(s.id)).every((s) => !s.agreement.id.startsWith('agreement:tromsvekst'))).toBe(true);
  });
});

describe('party network', () => {
  it('shows the whole network of the API without filters', () => {
    const shown = filterNetwork(data.network, data.parties, data.pilots, DEFAULT_FILTER);
    expect(shown.nodes).toHaveLength(data.network.nodes.length);
    expect(shown.edges).toHaveLength(data.network.edges.length);
    expect(shown.nodes.map((n) => n.name)).toContain('Husbanken');
    expect(shown.nodes.every((n) => n.colour === KIND_COLOURS[n.kind])).toBe(true);
    // Largest first: sized by degree, the biggest node has the largest degree.
    expect(shown.nodes[0]!.degree).toBe(Math.max(...data.network.nodes.map((n) => n.degree)));
    expect(shown.nodes[0]!.size).toBe(20);
  });

  it('filters by kind and edge weight the way the API does', async () => {
    const shown = filterNetwork(data.network, data.parties, data.pilots, filter({ kinds: ['MINISTRY', 'GOVERNOR'], minWeight: 2 }));
    const { partyNetwork } = await client.request<{ partyNetwork: { nodes: { name: string }[]; edges: { source: string; target: string }[] } }>(
      '{ partyNetwork(kinds: [MINISTRY, GOVERNOR], minWeight: 2) { nodes { name } edges { source target } } }',
    );
    expect(shown.edges.map((e) => `${e.source}~${e.target}`).sort()).toEqual(partyNetwork.edges.map((e) => `${e.source}~${e.target}`).sort());
    // The API leaves out nodes without an edge of that weight; the explorer keeps them (they are still of the chosen kinds).
    expect(partyNetwork.nodes.map((n) => n.name).every((name) => shown.nodes.some((n) => n.name === name))).toBe(true);
    expect(new Set(shown.nodes.map((n) => n.kind))).toEqual(new Set(['MINISTRY', 'GOVERNOR']));
  });

  it('filters by pilot and cohort, counting only the chosen pilots in the edge weights', () => {
    const vestTelemark = filterNetwork(data.network, data.parties, data.pilots, filter({ pilot: 'pilot:vest-telemark' }));
    const expected = data.network.nodes.filter((n) => n.pilots.some((p) => p.id === 'pilot:vest-telemark')).map((n) => n.id).sort();
    expect(vestTelemark.nodes.map((n) => n.id).sort()).toEqual(expected);
    expect(vestTelemark.nodes.map((n) => n.name)).toEqual(expect.arrayContaining(['Husbanken', 'Statsforvalteren i Vestfold og Telemark', 'Tokke kommune']));
    expect(vestTelemark.edges.every((e) => e.weight === 1 && e.pilots.join() === 'pilot:vest-telemark')).toBe(true);

    const cohort2 = filterNetwork(data.network, data.parties, data.pilots, filter({ cohort: 2 }));
    const cohort2Pilots = new Set(data.pilots.filter((p) => p.cohort === 2).map((p) => p.id));
    expect(cohort2.nodes.map((n) => n.id).sort()).toEqual(data.network.nodes.filter((n) => n.pilots.some((p) => cohort2Pilots.has(p.id))).map((n) => n.id).sort());
    expect(cohort2.edges.every((e) => e.weight >= 1 && e.weight <= 3 && e.pilots.every((p) => cohort2Pilots.has(p)))).toBe(true);
    // Husbanken meets KDD in all three cohort-2 pilots.
    const kdd = cohort2.edges.find((e) => [e.source, e.target].sort().join() === ['party:husbanken', 'party:kommunal-og-distriktsdepartementet'].sort().join());
    expect(kdd?.weight).toBe(3);
  });

  it('filters by theme: the parties with a role on it, the partners of every housing delmål among them', () => {
    const housing = filterNetwork(data.network, data.parties, data.pilots, filter({ theme: 'HOUSING' }));
    const ids = new Set(housing.nodes.map((n) => n.id));
    expect(ids.has('party:husbanken')).toBe(true);
    for (const s of data.subGoals.filter((x) => x.themes.includes('HOUSING'))) {
      for (const p of s.partners) if (data.network.nodes.some((n) => n.id === p.party.id)) expect(ids.has(p.party.id), `${p.party.name} in ${s.id}`).toBe(true);
    }
    // Every party kept has a role on housing; fewer parties than in the whole network.
    for (const id of ids) expect(data.parties.find((p) => p.id === id)!.roles.some((r) => r.themes.includes('HOUSING')), id).toBe(true);
    expect(housing.nodes.length).toBeLessThan(data.network.nodes.length);
    // Theme and pilot together: housing in Vest-Telemark.
    const both = filterNetwork(data.network, data.parties, data.pilots, filter({ theme: 'HOUSING', pilot: 'pilot:vest-telemark' }));
    expect(both.nodes.map((n) => n.name)).toContain('Husbanken');
    expect(both.nodes.length).toBeLessThan(housing.nodes.length);
  });

  it('sizes nodes by degree or betweenness, and lays them out the same way every time', () => {
    expect(nodeSize(0, 10)).toBe(5);
    expect(nodeSize(10, 10)).toBe(20);
    expect(nodeSize(2.5, 10)).toBe(12.5);
    expect(nodeSize(5, 0)).toBe(5);
    const byBetweenness = filterNetwork(data.network, data.parties, data.pilots, filter({ sizeBy: 'betweenness' }));
    expect(byBetweenness.nodes[0]!.betweenness).toBe(Math.max(...data.network.nodes.map((n) => n.betweenness)));
    const ministries = filterNetwork(data.network, data.parties, data.pilots, filter({ kinds: ['MINISTRY', 'GOVERNOR', 'COUNTY'] }));
    const one = layoutGraph(ministries, 50);
    const two = layoutGraph(ministries, 50);
    expect(one.order).toBe(ministries.nodes.length);
    expect(one.size).toBe(ministries.edges.length);
    one.forEachNode((node, attrs) => {
      expect(Number.isFinite(attrs.x) && Number.isFinite(attrs.y)).toBe(true);
      expect(two.getNodeAttribute(node, 'x')).toBe(attrs.x);
    });
  });

  it('finds a party by any of its names or abbreviations', () => {
    expect(searchParties(data.parties, 'husbanken')[0]?.name).toBe('Husbanken');
    expect(searchParties(data.parties, 'KDD')[0]).toMatchObject({ name: 'Kommunal- og distriktsdepartementet', matched: 'KDD' });
    expect(searchParties(data.parties, 'nve')[0]?.name).toBe('Norges vassdrags- og energidirektorat');
    expect(searchParties(data.parties, 'Statsforvaltaren i Vestfold')[0]?.name).toBe('Statsforvalteren i Vestfold og Telemark');
    expect(searchParties(data.parties, 'UiT')[0]?.name).toBe('UiT Norges arktiske universitet');
    const statsforvalter = searchParties(data.parties, 'statsforvalteren', 20).map((m) => m.name);
    expect(statsforvalter.length).toBeGreaterThanOrEqual(3);
    expect(statsforvalter.every((n) => /^Statsforvalteren/.test(n))).toBe(true);
    expect(searchParties(data.parties, '   ')).toEqual([]);
    expect(searchParties(data.parties, 'ingen slik part')).toEqual([]);
  });

  it("groups a party's roles by pilot, with the sub-goals and the sentences", async () => {
    const husbanken = (await client.party('husbanken'))!;
    // its roles, a page of up to 100: here all of them
    expect(husbanken.roles.totalCount).toBe(husbanken.roles.items.length);
    expect(husbanken.roles.totalCount).toBe(data.parties.find((p) => p.id === husbanken.id)!.roles.length);
    const groups = groupPartyRoles(husbanken);
    expect(groups.map((g) => g.pilot.id)).toEqual(
      ['Hjerteregionen', 'Indre-Namdal', 'Midt', 'Midt-Finnmark', 'Nord-Troms', 'Smøla og Aure', 'Vest-Telemark', 'Vestre Varanger'].map((n) => groups.find((g) => g.pilot.name === n)!.pilot.id),
    );
    const nordTroms = groups.find((g) => g.pilot.name === 'Nord-Troms')!;
    expect(nordTroms.roles).toEqual(['SPECIAL_ROLE', 'PARTNER']);
    expect(nordTroms.entries[0]).toMatchObject({ role: 'SPECIAL_ROLE', subGoal: null, evidence: { document: 'bygdevekstavtale-nord-troms.pdf', page: 2 } });
    expect(nordTroms.entries[0]!.evidence.quote).toContain('boligtematikk');
    const partner = nordTroms.entries.find((e) => e.role === 'PARTNER')!;
    expect(partner.subGoal).toEqual({ number: '3', title: 'Økt variasjon i boligtilbudet i Nord-Troms' });
    expect(partner.evidence).toMatchObject({ document: 'bygdevekstavtale-nord-troms.pdf', page: 5 });
    expect(groups.find((g) => g.pilot.name === 'Indre-Namdal')!.entries.map((e) => e.subGoal?.number)).toEqual(['4', '6']);
  });
});

describe('compare view', () => {
  it('opens with the two Nord-Troms agreements', () => {
    expect(defaultPair(data.agreements)).toEqual(['agreement:bygdevekst-nord-troms', 'agreement:tromsvekst-nord-troms-2025-2028']);
    const tromsvekst = data.agreements.find((a) => a.scheme === 'TROMSVEKST')!;
    expect(agreementLabel(tromsvekst, translator('en'))).toBe('Tromsvekstavtalen for Nord-Troms 2025–2028 (Tromsvekst, Bokmål)');
  });

  it('lays out what the Bygdevekst and Tromsvekst agreements for Nord-Troms share', async () => {
    const comparison = await client.compare('agreement:bygdevekst-nord-troms', 'agreement:tromsvekst-nord-troms-2025-2028');
    const nb = compareView(comparison, translator('nb'));
    const section = (key: string) => nb.sections.find((s) => s.key === key)!;
    expect(nb.sections.map((s) => s.heading)).toEqual(['Felles parter', 'Felles kommuner', 'Felles tema', 'Felles planforankring', 'Kryssreferanser', 'Mest like delmål']);
    expect(section('sharedParties').items.map((i) => [i.text, i.detail])).toEqual([['Troms fylkeskommune', 'Fylkeskommune']]);
    expect(section('sharedMunicipalities').items.map((i) => i.text)).toEqual(['Kvænangen kommune', 'Kåfjord kommune', 'Nordreisa kommune', 'Skjervøy kommune']);
    // The themes and pairs are the API's to refine: laid out as it gives them; attractiveness is shared whatever it refines.
    expect(section('sharedThemes').items.map((i) => i.text)).toEqual(comparison.sharedThemes.map((x) => translator('nb')(`theme.${x}`)));
    expect(section('sharedThemes').items.map((i) => i.text)).toContain('Attraktivitet og bosetting');
    expect(section('sharedPlanAnchors').items[0]!.detail).toBe('lignende navn: «Regional Bærekraftig Næringsplan» ~ «regional bærekraftig næringsplan for Nord-Troms 2024–2034»');
    const refs = section('crossReferences').items;
    expect(refs.map((r) => [r.evidence[0]!.document, r.evidence[0]!.page])).toEqual([['bygdevekstavtale-nord-troms.pdf', 4], ['tromsvekstavtale-nord-troms-2025-2028.pdf', 2]]);
    expect(refs[0]!.detail).toBe('Bygdevekstavtale for Nord-Troms viser til Tromsvekstavtalen for Nord-Troms 2025–2028');
    const pairs = section('similarSubGoals').items;
    const expected = [...comparison.similarSubGoals].sort((x, y) => y.score - x.score);
    expect(pairs.map((p) => [p.text, p.other!.text, p.detail])).toEqual(expected.map((p) => [`${p.a.number}. ${p.a.title}`, `${p.b.number}. ${p.b.title}`, `likhet ${p.score.toFixed(3)}`]));
    for (const p of pairs) {
      expect(p.evidence[0]!.document).toBe('bygdevekstavtale-nord-troms.pdf');
      expect(p.other!.evidence.document).toBe('tromsvekstavtale-nord-troms-2025-2028.pdf');
    }
    const en = compareView(comparison, translator('en'));
    expect(en.sections.find((s) => s.key === 'sharedThemes')!.items[0]!.text).toBe('Attractiveness and settlement');
  });
});

describe('evidence links', () => {
  it('point at the page of the served PDF', () => {
    expect(evidenceHref({ document: 'bygdevekstavtale-nord-troms.pdf', page: 5 })).toBe('/documents/bygdevekstavtale-nord-troms.pdf#page=5');
    expect(evidenceHref({ document: 'a b.pdf', page: 2 })).toBe('/documents/a%20b.pdf#page=2');
    expect(evidenceHref({ document: 'x.pdf', page: 3, url: '/documents/x.pdf#page=3' })).toBe('/documents/x.pdf#page=3');
    // A url of another shape is not trusted.
    expect(evidenceHref({ document: 'x.pdf', page: 3, url: 'https://elsewhere.example/x.pdf' })).toBe('/documents/x.pdf#page=3');
    for (const s of data.subGoals) expect(evidenceHref(s.evidence)).toBe(`/documents/${s.evidence.document}#page=${s.evidence.page}`);
    const e = { document: 'd.pdf', page: 1, quote: 'q' };
    expect(uniqueEvidence([e, { ...e }, { ...e, page: 2 }])).toHaveLength(2);
  });
});
