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
    pilot { name municipalities { name } }
    agreement { id title }
    subGoals { number title themes }
    roles
    evidence { document page quote url }
  }
}`;

interface Involvement {
  pilot: { name: string; municipalities: { name: string }[] };
  agreement: { id: string; title: string };
  subGoals: { number: string; title: string; themes: string[] }[];
  roles: string[];
  evidence: { document: string; page: number; quote: string; url: string }[];
}

const involvement = async (party: string, theme?: string) => {
  const { body } = await api.gql<{ pilotsInvolving: Involvement[] }>(INVOLVEMENT, { party, theme });
  expect(body.errors).toBeUndefined();
  return body.data!.pilotsInvolving;
};

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
    const unknown = await api.gql('{ pilotsInvolving(party: "Ingen slik etat") { roles } }');
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
    const { body } = await api.gql<{ transferableMeasures: { label: string; pilots: { name: string }[]; measures: { text: string; pilot: { name: string }; evidence: { page: number } }[] }[] }>(
      '{ transferableMeasures(minPilots: 2) { label pilots { name } measures { text pilot { name } evidence { page } } } }',
    );
    expect(body.errors).toBeUndefined();
    const clusters = body.data!.transferableMeasures.map((c) => c.measures.map((m) => `${m.pilot.name}: ${m.text}`).sort());
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
    const { body } = await api.gql<{ transferableMeasures: { label: string }[] }>('{ transferableMeasures(theme: MOBILITY, minPilots: 2) { label } }');
    expect(body.data!.transferableMeasures.map((c) => c.label).sort()).toEqual([
      'Forbedre buss- og togtilbudet',
      'Nye og/eller økte mobilitetstjenester for en attraktiv bo- og arbeidsmarkedsregion',
      'Utarbeide et kunnskaps-grunnlag for kollektivtrafikk i regionene',
      'Utvikle nye og fremtidsrettede løsninger for bestillingstransport i utvidet forstand',
    ]);
    // in four pilots or more: the secondment scheme (five, with Midt-Finnmark's "Hospiteringsordning for
    // statlige ansatte"), and using Husbanken's instruments (four); every cluster returned spans four
    const four = await api.gql<{ transferableMeasures: { label: string; pilots: { name: string }[]; measures: { text: string }[] }[] }>(
      '{ transferableMeasures(minPilots: 4) { label pilots { name } measures { text } } }',
    );
    const byPilots = four.body.data!.transferableMeasures.map((c) => ({ pilots: c.pilots.map((p) => p.name).join(', '), texts: c.measures.map((m) => m.text) }));
    for (const c of byPilots) expect(c.pilots.split(', ').length).toBeGreaterThanOrEqual(4);
    expect(byPilots.find((c) => c.texts.includes('Hospiteringsordning for statlige ansatte'))?.pilots).toBe('Hjerteregionen, Indre-Namdal, Midt, Midt-Finnmark, Vestre Varanger');
    expect(byPilots.find((c) => c.texts.includes('Øke kommunenes kompetanse om Husbankens virkemidler'))?.pilots).toBe('Indre-Namdal, Midt, Midt-Finnmark, Vestre Varanger');
  });
});

describe('similarMeasures, partyNetwork, search', () => {
  it('finds the measure most like a description first', async () => {
    const { body } = await api.gql<{ similarMeasures: { score: number; text: string; pilot: { name: string }; evidence: { document: string; page: number } }[] }>(
      '{ similarMeasures(text: "felles plankontor for kommunene", limit: 3) { score text pilot { name } evidence { document page } } }',
    );
    const [first, ...rest] = body.data!.similarMeasures;
    expect(first).toMatchObject({ text: 'Utrede felles plankontor', pilot: { name: 'Hjerteregionen' }, evidence: { document: 'midtveisrapport-bygdevekstavtaler-sintef.pdf', page: 8 } });
    for (const r of rest) expect(r.score).toBeLessThan(first!.score);
  });

  it('puts KDD and Husbanken, present in all eight Bygdevekst pilots, at the centre of the network', async () => {
    const { body } = await api.gql<{ partyNetwork: { nodes: { id: string; name: string; degree: number; betweenness: number; pilots: { name: string }[] }[]; edges: { source: string; target: string; weight: number }[] } }>(
      '{ partyNetwork { nodes { id name degree betweenness pilots { name } } edges { source target weight } } }',
    );
    const { nodes, edges } = body.data!.partyNetwork;
    expect(nodes.slice(0, 2).map((n) => n.name).sort()).toEqual(['Husbanken', 'Kommunal- og distriktsdepartementet']);
    for (const n of nodes.slice(0, 2)) expect(n.pilots).toHaveLength(8);
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
    type Answer = { pilotsInvolving: { pilot: { name: string } }[] };
    const all = (await api.gql<Answer>('{ pilotsInvolving(party: "Husbanken", limit: 100) { pilot { name } } }')).body.data!.pilotsInvolving;
    const page = (await api.gql<Answer>('{ pilotsInvolving(party: "Husbanken", limit: 3, offset: 2) { pilot { name } } }')).body.data!.pilotsInvolving;
    expect(all.length).toBeGreaterThan(5);
    expect(page).toEqual(all.slice(2, 5));
    const tooMany = await api.gql('{ pilotsInvolving(party: "Husbanken", limit: 1000) { pilot { name } } }');
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
      const { body } = await api.gql<{ search: { kind: string; id: string; text: string; evidence: { page: number } }[] }>('query($t: String!) { search(text: $t, limit: 100) { kind id text evidence { page } } }', { t: text });
      return body.data!.search.filter((h) => h.kind === 'SUBGOAL').map((h) => h.id).sort();
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
});

describe('lookups', () => {
  it('lists documents, pilots by cohort, and finds parties by any of their names', async () => {
    const { body } = await api.gql<Record<string, unknown>>(`{
      documents { file }
      cohort1: pilots(cohort: 1) { name }
      cohort2: pilots(cohort: 2) { name }
      party(name: "Distriktssentret") { name kind aliases }
      usn: party(name: "USN") { name }
      agreements(scheme: TROMSVEKST) { id focusAreas { number subGoals { number } } signatories { person party { name } } }
      themes { theme subGoals }
    }`);
    expect(body.errors).toBeUndefined();
    const d = body.data as {
      documents: { file: string }[];
      cohort1: { name: string }[];
      cohort2: { name: string }[];
      party: { name: string; kind: string; aliases: string[] };
      usn: { name: string };
      agreements: { id: string; focusAreas: { number: number; subGoals: { number: string }[] }[]; signatories: { person: string; party: { name: string } }[] }[];
      themes: { theme: string; subGoals: number }[];
    };
    expect(d.documents).toHaveLength(5);
    expect(d.cohort1.map((p) => p.name)).toEqual(['Hjerteregionen', 'Indre-Namdal', 'Midt', 'Midt-Finnmark', 'Vestre Varanger']);
    expect(d.cohort2.map((p) => p.name)).toEqual(['Nord-Troms', 'Smøla og Aure', 'Vest-Telemark']);
    expect(d.party).toEqual({ name: 'Distriktssenteret', kind: 'STATE_AGENCY', aliases: ['Distriktssenteret', 'Distriktssentret'] });
    expect(d.usn.name).toBe('Universitetet i Sørøst-Norge');
    expect(d.agreements[0]!.focusAreas.map((f) => [f.number, f.subGoals.map((s) => s.number)])).toEqual([[1, ['1.1', '1.2', '1.3']], [2, ['2.1']], [3, ['3.1', '3.2']], [4, ['4.1']]]);
    expect(d.agreements[0]!.signatories.map((s) => [s.person, s.party.name]).sort()).toEqual([
      ['Bernt Eirik Lyngstad', 'Nord-Tromsrådet'],
      ['Kristina Torbergsen', 'Troms fylkeskommune'],
    ]);
    expect(d.themes.find((t) => t.theme === 'HOUSING')?.subGoals).toBe(8);
  });

  it('filters sub-goals and obligations, and pages through lists', async () => {
    const { body } = await api.gql<Record<string, { id: string }[]>>(`{
      housing: subGoals(theme: HOUSING, party: "husbanken") { id }
      kdd: obligations(party: "KDD", modality: VIL) { id }
      first: planAnchors(limit: 2) { id }
      next: planAnchors(limit: 2, offset: 2) { id }
    }`);
    expect(body.data!.housing).toHaveLength(8);
    // "KDD vil invitere …", "KDD vil saman med partane …", "KDD vil i tillegg utarbeide …" in each Bygdevekst agreement
    expect(body.data!.kdd).toHaveLength(9);
    expect(body.data!.first).toHaveLength(2);
    expect(body.data!.next![0]!.id).not.toBe(body.data!.first![0]!.id);
  });
});

describe('a party name that matches nothing', () => {
  it.each([
    ['pilotsInvolving', 'query($p: String!) { pilotsInvolving(party: $p) { roles } }'],
    ['party', 'query($p: String!) { party(name: $p) { id } }'],
    ['subGoals', 'query($p: String!) { subGoals(party: $p) { id } }'],
    ['obligations', 'query($p: String!) { obligations(party: $p) { id } }'],
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
    const { body } = await api.gql<{ agreements: { id: string; validFrom: string | null; validUntil: string | null; validity: { evidence: { page: number; quote: string } } | null }[] }>(
      '{ agreements(scheme: BYGDEVEKST, limit: 100) { id validFrom validUntil validity { evidence { page quote } } } }',
    );
    const own = body.data!.agreements.filter((a) => ['agreement:bygdevekst-nord-troms', 'agreement:bygdevekst-smola-og-aure', 'agreement:bygdevekst-vest-telemark'].includes(a.id));
    expect(own.map((a) => [a.id, a.validUntil])).toEqual([
      ['agreement:bygdevekst-nord-troms', '2028-12-30'],
      ['agreement:bygdevekst-smola-og-aure', '2028-12-30'],
      ['agreement:bygdevekst-vest-telemark', '2028-12-31'],
    ]);
    for (const a of own) expect(a.validity?.evidence.quote).toMatch(/(?:frem|fram) til 3[01]\. desember 2028\.$/);
  });

  it('finds the agreements that hold on a day, and those that end before one', async () => {
    const ids = async (args: string) => (await api.gql<{ agreements: { id: string }[] }>(`{ agreements(${args}) { id } }`)).body.data!.agreements.map((a) => a.id);
    expect(await ids('validOn: "2028-12-31"')).toEqual(['agreement:bygdevekst-vest-telemark', 'agreement:tromsvekst-nord-troms-2025-2028']);
    expect(await ids('expiresBefore: "2028-12-31"')).toEqual(['agreement:bygdevekst-nord-troms', 'agreement:bygdevekst-smola-og-aure']);
    expect(await ids('validOn: "2029-01-01"')).toEqual([]);
  });

  it('refuses a date that is not one, naming the argument', async () => {
    const { body } = await api.gql('{ agreements(validOn: "2028-02-30") { id } }');
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'validOn' });
  });
});
