/** The questions the benchmarks ask: as a GraphQL operation, and as the direct call into queries/. */
import type { QueryContext } from '../queries/context.ts';
import { compareAgreements, lookups, partyNetwork, pilotsInvolving, search, similarMeasures, transferableMeasures } from '../queries/index.ts';

export interface Question {
  name: string;
  query: string;
  direct: (ctx: QueryContext) => Promise<unknown>;
}

export const QUESTIONS: Question[] = [
  {
    name: 'pilotsInvolving',
    query: '{ pilotsInvolving(party: "Husbanken", theme: HOUSING) { totalCount items { pilot { name municipalities { name } } agreement { id title } subGoals { number title themes } roles evidence { document page quote } } } }',
    direct: (ctx) => pilotsInvolving(ctx, 'Husbanken', 'HOUSING'),
  },
  {
    name: 'compareAgreements',
    query:
      '{ compareAgreements(a: "agreement:bygdevekst-nord-troms", b: "agreement:tromsvekst-nord-troms-2025-2028") { sharedParties { name } sharedMunicipalities { name } sharedThemes sharedPlanAnchors { name } crossReferences { quote document page } similarSubGoals(limit: 5) { a { number } b { number } score } } }',
    direct: (ctx) => compareAgreements(ctx, 'agreement:bygdevekst-nord-troms', 'agreement:tromsvekst-nord-troms-2025-2028'),
  },
  {
    name: 'transferableMeasures',
    query: '{ transferableMeasures(minPilots: 2) { totalCount items { label pilots { totalCount items { name } } measures { totalCount items { text pilot { name } evidence { document page } } } } } }',
    direct: (ctx) => transferableMeasures(ctx, undefined, 2),
  },
  {
    name: 'similarMeasures',
    query: '{ similarMeasures(text: "felles plankontor for kommunene", limit: 10) { totalCount items { score text pilot { name } evidence { document page } } } }',
    direct: (ctx) => similarMeasures(ctx, 'felles plankontor for kommunene', { limit: 10, offset: 0 }),
  },
  {
    name: 'partyNetwork',
    query: '{ partyNetwork(minWeight: 2) { nodes { id name kind degree betweenness } edges { source target weight } } }',
    direct: (ctx) => partyNetwork(ctx, undefined, 2),
  },
  {
    name: 'search',
    query: '{ search(text: "bustad", limit: 20) { totalCount items { kind text score evidence { document page } } } }',
    direct: (ctx) => search(ctx, 'bustad', { limit: 20, offset: 0 }),
  },
  {
    name: 'subGoals',
    query: '{ subGoals(theme: HOUSING, party: "Husbanken", limit: 50) { totalCount items { number title agreement { id } } } }',
    direct: (ctx) => lookups.subGoals(ctx, { theme: 'HOUSING', party: 'Husbanken' }, { limit: 50, offset: 0 }),
  },
];
