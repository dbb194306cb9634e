/**
 * Entities and their neighbours by id, batched: the GraphQL field resolvers ask per object, and
 * these loaders turn a request's many asks into one Cypher query per kind of ask (no N+1).
 */
import DataLoader from 'dataloader';
import { defineCypher, type Cypher } from '../graph/cypher-registry.ts';
import type { Row } from '../graph/store.ts';
import type { QueryContext } from './context.ts';

export type Properties = Record<string, unknown> & { id: string };

const LABELS = ['Document', 'Agreement', 'Pilot', 'Party', 'FocusArea', 'SubGoal', 'Measure', 'Obligation', 'PlanAnchor', 'Evidence', 'CrossReference'] as const;
type Label = (typeof LABELS)[number];

const NODES = Object.fromEntries(
  LABELS.map((label) => [label, defineCypher(`entity.nodes.${label}`, 'read', `MATCH (n:${label}) WHERE n.id IN $ids RETURN n.id AS key, properties(n) AS props`)]),
) as Record<Label, Cypher>;

const EVIDENCE_OWNERS = ['FocusArea', 'SubGoal', 'Measure', 'Obligation', 'CrossReference'] as const;
const EVIDENCE = Object.fromEntries(
  EVIDENCE_OWNERS.map((label) => [
    label,
    defineCypher(`entity.evidence.${label}`, 'read', `MATCH (n:${label})-[:SUPPORTED_BY]->(e:Evidence) WHERE n.id IN $ids RETURN n.id AS key, properties(e) AS props`),
  ]),
) as Record<(typeof EVIDENCE_OWNERS)[number], Cypher>;

/** Neighbour lists: each row has `key` (the asked id) and the neighbour's `id`, possibly with `type` and `props` of the relationship. */
const NEIGHBOURS = {
  agreementPilot: defineCypher('entity.agreement.pilot', 'read', 'MATCH (a:Agreement)-[:FOR_PILOT]->(p:Pilot) WHERE a.id IN $ids RETURN a.id AS key, p.id AS id'),
  agreementDocuments: defineCypher('entity.agreement.documents', 'read', 'MATCH (d:Document)-[:DESCRIBES]->(a:Agreement) WHERE a.id IN $ids RETURN a.id AS key, d.id AS id'),
  agreementSubGoals: defineCypher('entity.agreement.subgoals', 'read', 'MATCH (a:Agreement)-[:HAS_SUBGOAL]->(s:SubGoal) WHERE a.id IN $ids RETURN a.id AS key, s.id AS id'),
  agreementFocusAreas: defineCypher('entity.agreement.focusareas', 'read', 'MATCH (a:Agreement)-[:HAS_FOCUS_AREA]->(f:FocusArea) WHERE a.id IN $ids RETURN a.id AS key, f.id AS id'),
  agreementRoles: defineCypher(
    'entity.agreement.roles',
    'read',
    'MATCH (p:Party)-[r:MAIN_PARTY_OF|SPECIAL_ROLE_IN|SIGNED]->(a:Agreement) WHERE a.id IN $ids RETURN a.id AS key, p.id AS id, type(r) AS type, properties(r) AS props',
  ),
  agreementAnchors: defineCypher(
    'entity.agreement.anchors',
    'read',
    'MATCH (a:Agreement)-[r:ANCHORED_IN]->(x:PlanAnchor) WHERE a.id IN $ids RETURN a.id AS key, x.id AS id, properties(r) AS props',
  ),
  agreementObligations: defineCypher('entity.agreement.obligations', 'read', 'MATCH (o:Obligation) WHERE o.agreement IN $ids RETURN o.agreement AS key, o.id AS id'),
  agreementReferences: defineCypher(
    'entity.agreement.references',
    'read',
    'MATCH (a:Agreement)-[:HAS_REFERENCE]->(x:CrossReference) WHERE a.id IN $ids RETURN a.id AS key, x.id AS id',
  ),
  focusAreaSubGoals: defineCypher('entity.focusarea.subgoals', 'read', 'MATCH (f:FocusArea)-[:HAS_SUBGOAL]->(s:SubGoal) WHERE f.id IN $ids RETURN f.id AS key, s.id AS id'),
  pilotMunicipalities: defineCypher('entity.pilot.municipalities', 'read', 'MATCH (p:Pilot)-[:INCLUDES]->(m:Party) WHERE p.id IN $ids RETURN p.id AS key, m.id AS id'),
  pilotAgreements: defineCypher('entity.pilot.agreements', 'read', 'MATCH (a:Agreement)-[:FOR_PILOT]->(p:Pilot) WHERE p.id IN $ids RETURN p.id AS key, a.id AS id'),
  subGoalLinks: defineCypher(
    'entity.subgoal.links',
    'read',
    'MATCH (p:Party)-[r:PARTNER_IN|MAY_INVITE]->(s:SubGoal) WHERE s.id IN $ids RETURN s.id AS key, p.id AS id, type(r) AS type, properties(r) AS props',
  ),
  subGoalMeasures: defineCypher('entity.subgoal.measures', 'read', 'MATCH (s:SubGoal)-[:HAS_MEASURE]->(m:Measure) WHERE s.id IN $ids RETURN s.id AS key, m.id AS id'),
  obligationParties: defineCypher('entity.obligation.parties', 'read', 'MATCH (o:Obligation)-[:BINDS]->(p:Party) WHERE o.id IN $ids RETURN o.id AS key, p.id AS id'),
  partyAgreementRoles: defineCypher(
    'entity.party.agreement-roles',
    'read',
    'MATCH (p:Party)-[r:MAIN_PARTY_OF|SPECIAL_ROLE_IN|SIGNED]->(a:Agreement) WHERE p.id IN $ids RETURN p.id AS key, a.id AS id, type(r) AS type, properties(r) AS props',
  ),
  partySubGoalRoles: defineCypher(
    'entity.party.subgoal-roles',
    'read',
    'MATCH (p:Party)-[r:PARTNER_IN|MAY_INVITE]->(s:SubGoal) WHERE p.id IN $ids RETURN p.id AS key, s.id AS id, type(r) AS type, properties(r) AS props',
  ),
  partyPilots: defineCypher('entity.party.pilots', 'read', 'MATCH (pi:Pilot)-[:INCLUDES]->(p:Party) WHERE p.id IN $ids RETURN p.id AS key, pi.id AS id'),
  anchorAgreements: defineCypher('entity.anchor.agreements', 'read', 'MATCH (a:Agreement)-[:ANCHORED_IN]->(x:PlanAnchor) WHERE x.id IN $ids RETURN x.id AS key, a.id AS id'),
  documentAgreements: defineCypher('entity.document.agreements', 'read', 'MATCH (d:Document)-[:DESCRIBES]->(a:Agreement) WHERE d.id IN $ids RETURN d.id AS key, a.id AS id'),
} as const;

export type Neighbour = { id: string; type?: string; props?: Record<string, unknown> };

/** Per-request loaders: one Cypher query per kind of ask per tick of the event loop. */
export function createLoaders(ctx: QueryContext) {
  const grouped = (cypher: Cypher) =>
    new DataLoader<string, Row[]>(async (ids) => {
      const rows = await ctx.read(cypher, { ids: [...ids] });
      const byKey = new Map<string, Row[]>();
      for (const row of rows) byKey.set(row.key as string, [...(byKey.get(row.key as string) ?? []), row]);
      return ids.map((id) => byKey.get(id) ?? []);
    });
  const nodes = Object.fromEntries(
    LABELS.map((label) => {
      const loader = grouped(NODES[label]);
      return [label, new DataLoader<string, Properties | undefined>(async (ids) => (await loader.loadMany(ids)).map((rows) => (Array.isArray(rows) ? (rows[0]?.props as Properties | undefined) : undefined)))];
    }),
  ) as Record<Label, DataLoader<string, Properties | undefined>>;
  const evidence = Object.fromEntries(EVIDENCE_OWNERS.map((label) => [label, grouped(EVIDENCE[label])])) as Record<(typeof EVIDENCE_OWNERS)[number], DataLoader<string, Row[]>>;
  const neighbours = Object.fromEntries(
    Object.entries(NEIGHBOURS).map(([name, cypher]) => {
      const loader = grouped(cypher);
      return [name, new DataLoader<string, Neighbour[]>(async (ids) => (await loader.loadMany(ids)).map((rows) => (Array.isArray(rows) ? rows.map(toNeighbour) : [])))];
    }),
  ) as Record<keyof typeof NEIGHBOURS, DataLoader<string, Neighbour[]>>;
  return { nodes, evidence, neighbours };
}

export type Loaders = ReturnType<typeof createLoaders>;

function toNeighbour(row: Row): Neighbour {
  return { id: row.id as string, ...(row.type ? { type: row.type as string } : {}), ...(row.props ? { props: row.props as Record<string, unknown> } : {}) };
}

/** Natural order for numbers such as "2", "10", "1.3". */
export function byNumber(a: { number?: unknown; id: string }, b: { number?: unknown; id: string }): number {
  return String(a.number ?? a.id).localeCompare(String(b.number ?? b.id), 'nb', { numeric: true });
}
