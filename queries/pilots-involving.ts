/**
 * "Which pilots involve <party> (on <theme>)?" — per pilot: the agreements, the sub-goals the
 * party is tied to, its roles, and the sentences they rest on. With a theme, a sub-goal role
 * counts when the sub-goal is about the theme, and a special role when its task is.
 */
import type { Evidence } from '../domain/records.ts';
import { inRoleOrder, roleOf, type Role } from '../domain/roles.ts';
import { defineCypher } from '../graph/cypher-registry.ts';
import type { QueryContext } from './context.ts';
import { resolveParties } from './party-resolution.ts';


export interface PilotInvolvement {
  pilot: string;
  agreements: string[];
  subGoals: string[];
  roles: Role[];
  evidence: Evidence[];
}

const AGREEMENT_ROLES = defineCypher(
  'question.pilots-involving.agreement-roles',
  'read',
  `MATCH (p:Party)-[r:MAIN_PARTY_OF|SPECIAL_ROLE_IN|SIGNED]->(a:Agreement)-[:FOR_PILOT]->(pilot:Pilot)
   WHERE p.id IN $parties
   RETURN pilot.id AS pilot, pilot.name AS pilotName, a.id AS agreement, type(r) AS type, properties(r) AS props`,
);

const SUBGOAL_ROLES = defineCypher(
  'question.pilots-involving.subgoal-roles',
  'read',
  `MATCH (p:Party)-[r:PARTNER_IN|MAY_INVITE]->(s:SubGoal)<-[:HAS_SUBGOAL]-(a:Agreement)-[:FOR_PILOT]->(pilot:Pilot)
   WHERE p.id IN $parties
   RETURN pilot.id AS pilot, pilot.name AS pilotName, a.id AS agreement, s.id AS subGoal, s.themes AS themes, type(r) AS type, properties(r) AS props`,
);


export async function pilotsInvolving(ctx: QueryContext, party: string, theme?: string): Promise<PilotInvolvement[]> {
  const parties = (await resolveParties(ctx, party)).map((p) => p.id);
  if (parties.length === 0) return [];
  const byPilot = new Map<string, PilotInvolvement & { name: string }>();
  const entry = (pilot: string, name: string) => {
    const found = byPilot.get(pilot) ?? { pilot, name, agreements: [], subGoals: [], roles: [], evidence: [] };
    byPilot.set(pilot, found);
    return found;
  };
  const add = (e: PilotInvolvement, agreement: string, role: Role, props: Record<string, unknown>, subGoal?: string) => {
    if (!e.agreements.includes(agreement)) e.agreements.push(agreement);
    if (subGoal && !e.subGoals.includes(subGoal)) e.subGoals.push(subGoal);
    if (!e.roles.includes(role)) e.roles.push(role);
    const evidence = { document: props.document as string, page: props.page as number, quote: props.quote as string };
    if (!e.evidence.some((x) => x.document === evidence.document && x.page === evidence.page && x.quote === evidence.quote)) e.evidence.push(evidence);
  };

  for (const row of await ctx.read(AGREEMENT_ROLES, { parties })) {
    const props = row.props as Record<string, unknown>;
    if (theme && !(row.type === 'SPECIAL_ROLE_IN' && ((props.themes as string[] | undefined) ?? []).includes(theme))) continue;
    const role = roleOf(row.type as string, props);
    add(entry(row.pilot as string, row.pilotName as string), row.agreement as string, role, props);
  }
  for (const row of await ctx.read(SUBGOAL_ROLES, { parties })) {
    if (theme && !((row.themes as string[] | null) ?? []).includes(theme)) continue;
    add(entry(row.pilot as string, row.pilotName as string), row.agreement as string, roleOf(row.type as string, undefined), row.props as Record<string, unknown>, row.subGoal as string);
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
