/**
 * "Which pilots involve <party> (on <theme>)?" — per pilot: the agreements, the sub-goals the
 * party is tied to, its roles, and the sentences they rest on. With a theme, a sub-goal role
 * counts when the sub-goal is about the theme, and a special role when its task is.
 */
import type { Evidence, Theme } from '../domain/records.ts';
import { inRoleOrder, type Role } from '../domain/roles.ts';
import { defineCypher } from '../graph/cypher-registry.ts';
import type { AgreementRole, SubGoalRole } from '../graph/properties.ts';
import type { QueryContext } from './context.ts';
import { sentenceOf } from './evidence.ts';
import { partiesNamed } from './party-resolution.ts';
import { roleIn } from './roles.ts';

export interface PilotInvolvement {
  pilot: string;
  agreements: string[];
  subGoals: string[];
  roles: Role[];
  evidence: Evidence[];
}

/** Where a tie is: the pilot (and its name, to sort by) and the agreement. */
type Place = { pilot: string; pilotName: string; agreement: string };

const AGREEMENT_ROLES = defineCypher<Place & AgreementRole>(
  'question.pilots-involving.agreement-roles',
  'read',
  `MATCH (p:Party)-[r:MAIN_PARTY_OF|SPECIAL_ROLE_IN|SIGNED]->(a:Agreement)-[:FOR_PILOT]->(pilot:Pilot)
   WHERE p.id IN $parties
   RETURN pilot.id AS pilot, pilot.name AS pilotName, a.id AS agreement, type(r) AS type, properties(r) AS props`,
);

const SUBGOAL_ROLES = defineCypher<Place & SubGoalRole & { subGoal: string; themes: Theme[] | null }>(
  'question.pilots-involving.subgoal-roles',
  'read',
  `MATCH (p:Party)-[r:PARTNER_IN|MAY_INVITE]->(s:SubGoal)<-[:HAS_SUBGOAL]-(a:Agreement)-[:FOR_PILOT]->(pilot:Pilot)
   WHERE p.id IN $parties
   RETURN pilot.id AS pilot, pilot.name AS pilotName, a.id AS agreement, s.id AS subGoal, s.themes AS themes, type(r) AS type, properties(r) AS props`,
);

/** Answers held at once: each can list every pilot of the corpus. */
const PER_PARTY = { name: 'pilots-involving', max: 64 };

/** Every pilot involving the party, by pilot name: worked out once per store version, party and theme (a request pages it). */
export async function pilotsInvolving(ctx: QueryContext, party: string, theme?: Theme): Promise<PilotInvolvement[]> {
  const parties = (await partiesNamed(ctx, party)).map((p) => p.id);
  return ctx.cached(`pilots-involving\u0000${[...parties].sort().join(',')}\u0000${theme ?? ''}`, () => involvementOf(ctx, parties, theme), PER_PARTY);
}

async function involvementOf(ctx: QueryContext, parties: string[], theme: Theme | undefined): Promise<PilotInvolvement[]> {
  const byPilot = new Map<string, PilotInvolvement & { name: string }>();
  const entry = (pilot: string, name: string) => {
    const found = byPilot.get(pilot) ?? { pilot, name, agreements: [], subGoals: [], roles: [], evidence: [] };
    byPilot.set(pilot, found);
    return found;
  };
  const add = (e: PilotInvolvement, agreement: string, role: Role, props: Evidence, subGoal?: string) => {
    if (!e.agreements.includes(agreement)) e.agreements.push(agreement);
    if (subGoal && !e.subGoals.includes(subGoal)) e.subGoals.push(subGoal);
    if (!e.roles.includes(role)) e.roles.push(role);
    const evidence = sentenceOf(props);
    if (!e.evidence.some((x) => x.document === evidence.document && x.page === evidence.page && x.quote === evidence.quote)) e.evidence.push(evidence);
  };

  for (const row of await ctx.read(AGREEMENT_ROLES, { parties })) {
    if (theme && !(row.type === 'SPECIAL_ROLE_IN' && (row.props.themes ?? []).includes(theme))) continue;
    add(entry(row.pilot, row.pilotName), row.agreement, roleIn(row), row.props);
  }
  for (const row of await ctx.read(SUBGOAL_ROLES, { parties })) {
    if (theme && !(row.themes ?? []).includes(theme)) continue;
    add(entry(row.pilot, row.pilotName), row.agreement, roleIn(row), row.props, row.subGoal);
  }

  return [...byPilot.values()]
    .sort((a, b) => a.name.localeCompare(b.name, 'nb'))
    .map(({ name: _name, ...e }) => ({
      ...e,
      agreements: e.agreements.sort(),
      subGoals: e.subGoals.sort((a, b) => a.localeCompare(b, 'nb', { numeric: true })),
      roles: inRoleOrder(e.roles),
      evidence: e.evidence.sort((a, b) => a.document.localeCompare(b.document) || a.page - b.page || a.quote.localeCompare(b.quote)),
    }));
}
