/**
 * Entities and their neighbours by id, batched: the GraphQL field resolvers ask per object, and
 * these loaders turn a request's many asks into one Cypher query per kind of ask (no N+1).
 */
import DataLoader from 'dataloader';
import { defineCypher, type Cypher, type RowOf } from '../graph/cypher-registry.ts';
import type { AboutProperties, AgreementRole, AnchoredInProperties, EvidenceProperties, GroupInProperties, NodeProperties, SubGoalRole } from '../graph/properties.ts';
import type { QueryContext } from './context.ts';

const LABELS = ['Document', 'Agreement', 'Pilot', 'Party', 'FocusArea', 'SubGoal', 'Measure', 'Obligation', 'PlanAnchor', 'PartnerGroup'] as const satisfies readonly (keyof NodeProperties)[];
type Label = (typeof LABELS)[number];

/** Every row of a batched ask carries `key`: the id it was asked for. */
type Keyed = { key: string };

// Object.fromEntries cannot say that each label gets the statement of its own properties: the types are stated here
const NODES = Object.fromEntries(
  LABELS.map((label) => [label, defineCypher(`entity.nodes.${label}`, 'read', `MATCH (n:${label}) WHERE n.id IN $ids RETURN n.id AS key, properties(n) AS props`)]),
) as { [L in Label]: Cypher<Keyed & { props: NodeProperties[L] }> };

const EVIDENCE_OWNERS = ['FocusArea', 'SubGoal', 'Measure', 'Obligation'] as const;
type EvidenceOwner = (typeof EVIDENCE_OWNERS)[number];
type EvidenceRow = Keyed & { props: EvidenceProperties };
// as for NODES: Object.fromEntries forgets the keys
const EVIDENCE = Object.fromEntries(
  EVIDENCE_OWNERS.map((label) => [
    label,
    defineCypher<EvidenceRow>(`entity.evidence.${label}`, 'read', `MATCH (n:${label})-[:SUPPORTED_BY]->(e:Evidence) WHERE n.id IN $ids RETURN n.id AS key, properties(e) AS props ORDER BY key, e.page, e.quote`),
  ]),
) as Record<EvidenceOwner, Cypher<EvidenceRow>>;

/** A neighbour: its `id`, and the asked id as `key`. */
type Link = Keyed & { id: string };

/**
 * Neighbour lists: each row has `key` (the asked id) and the neighbour's `id`, possibly with `type` and `props` of the relationship.
 * Each is ordered in its text: without ORDER BY, the two engines give rows in the orders of their storage.
 */
const NEIGHBOURS = {
  agreementPilot: defineCypher<Link>('entity.agreement.pilot', 'read', 'MATCH (a:Agreement)-[:FOR_PILOT]->(p:Pilot) WHERE a.id IN $ids RETURN a.id AS key, p.id AS id ORDER BY key, id'),
  agreementDocuments: defineCypher<Link>('entity.agreement.documents', 'read', 'MATCH (d:Document)-[:DESCRIBES]->(a:Agreement) WHERE a.id IN $ids RETURN a.id AS key, d.id AS id ORDER BY key, id'),
  agreementSubGoals: defineCypher<Link>('entity.agreement.subgoals', 'read', 'MATCH (a:Agreement)-[:HAS_SUBGOAL]->(s:SubGoal) WHERE a.id IN $ids RETURN a.id AS key, s.id AS id ORDER BY key, id'),
  agreementFocusAreas: defineCypher<Link>('entity.agreement.focusareas', 'read', 'MATCH (a:Agreement)-[:HAS_FOCUS_AREA]->(f:FocusArea) WHERE a.id IN $ids RETURN a.id AS key, f.id AS id ORDER BY key, id'),
  agreementRoles: defineCypher<Link & AgreementRole>(
    'entity.agreement.roles',
    'read',
    'MATCH (p:Party)-[r:MAIN_PARTY_OF|SPECIAL_ROLE_IN|SIGNED]->(a:Agreement) WHERE a.id IN $ids RETURN a.id AS key, p.id AS id, type(r) AS type, properties(r) AS props ORDER BY key, type, id',
  ),
  agreementAnchors: defineCypher<Link & { props: AnchoredInProperties }>(
    'entity.agreement.anchors',
    'read',
    'MATCH (a:Agreement)-[r:ANCHORED_IN]->(x:PlanAnchor) WHERE a.id IN $ids RETURN a.id AS key, x.id AS id, properties(r) AS props ORDER BY key, id',
  ),
  agreementObligations: defineCypher<Link>('entity.agreement.obligations', 'read', 'MATCH (o:Obligation) WHERE o.agreement IN $ids RETURN o.agreement AS key, o.id AS id ORDER BY key, id'),
  focusAreaSubGoals: defineCypher<Link>('entity.focusarea.subgoals', 'read', 'MATCH (f:FocusArea)-[:HAS_SUBGOAL]->(s:SubGoal) WHERE f.id IN $ids RETURN f.id AS key, s.id AS id ORDER BY key, id'),
  pilotMunicipalities: defineCypher<Link>('entity.pilot.municipalities', 'read', 'MATCH (p:Pilot)-[:INCLUDES]->(m:Party) WHERE p.id IN $ids RETURN p.id AS key, m.id AS id ORDER BY key, id'),
  pilotAgreements: defineCypher<Link>('entity.pilot.agreements', 'read', 'MATCH (a:Agreement)-[:FOR_PILOT]->(p:Pilot) WHERE p.id IN $ids RETURN p.id AS key, a.id AS id ORDER BY key, id'),
  subGoalLinks: defineCypher<Link & SubGoalRole>(
    'entity.subgoal.links',
    'read',
    'MATCH (p:Party)-[r:PARTNER_IN|MAY_INVITE]->(s:SubGoal) WHERE s.id IN $ids RETURN s.id AS key, p.id AS id, type(r) AS type, properties(r) AS props ORDER BY key, type, id',
  ),
  subGoalMeasures: defineCypher<Link>('entity.subgoal.measures', 'read', 'MATCH (s:SubGoal)-[:HAS_MEASURE]->(m:Measure) WHERE s.id IN $ids RETURN s.id AS key, m.id AS id ORDER BY key, id'),
  obligationParties: defineCypher<Link>('entity.obligation.parties', 'read', 'MATCH (o:Obligation)-[:BINDS]->(p:Party) WHERE o.id IN $ids RETURN o.id AS key, p.id AS id ORDER BY key, id'),
  partyAgreementRoles: defineCypher<Link & AgreementRole>(
    'entity.party.agreement-roles',
    'read',
    'MATCH (p:Party)-[r:MAIN_PARTY_OF|SPECIAL_ROLE_IN|SIGNED]->(a:Agreement) WHERE p.id IN $ids RETURN p.id AS key, a.id AS id, type(r) AS type, properties(r) AS props ORDER BY key, type, id',
  ),
  partySubGoalRoles: defineCypher<Link & SubGoalRole>(
    'entity.party.subgoal-roles',
    'read',
    'MATCH (p:Party)-[r:PARTNER_IN|MAY_INVITE]->(s:SubGoal) WHERE p.id IN $ids RETURN p.id AS key, s.id AS id, type(r) AS type, properties(r) AS props ORDER BY key, type, id',
  ),
  anchorAgreements: defineCypher<Link>('entity.anchor.agreements', 'read', 'MATCH (a:Agreement)-[:ANCHORED_IN]->(x:PlanAnchor) WHERE x.id IN $ids RETURN x.id AS key, a.id AS id ORDER BY key, id'),
  /** Themes with the words and sentence that gave them: sub-goals and measures alike. */
  themeReasons: defineCypher<Link & { props: AboutProperties }>(
    'entity.theme-reasons',
    'read',
    `MATCH (n:SubGoal)-[r:ABOUT]->(t:Theme) WHERE n.id IN $ids RETURN n.id AS key, t.name AS id, properties(r) AS props
     UNION ALL
     MATCH (n:Measure)-[r:ABOUT]->(t:Theme) WHERE n.id IN $ids RETURN n.id AS key, t.name AS id, properties(r) AS props`,
  ),
  subGoalGroups: defineCypher<Link & { props: GroupInProperties }>(
    'entity.subgoal.groups',
    'read',
    'MATCH (g:PartnerGroup)-[r:GROUP_IN]->(s:SubGoal) WHERE s.id IN $ids RETURN s.id AS key, g.id AS id, properties(r) AS props ORDER BY key, id',
  ),
  groupSubGoals: defineCypher<Link>('entity.group.subgoals', 'read', 'MATCH (g:PartnerGroup)-[:GROUP_IN]->(s:SubGoal) WHERE g.id IN $ids RETURN g.id AS key, s.id AS id ORDER BY key, id'),
  documentAgreements: defineCypher<Link>('entity.document.agreements', 'read', 'MATCH (d:Document)-[:DESCRIBES]->(a:Agreement) WHERE d.id IN $ids RETURN d.id AS key, a.id AS id ORDER BY key, id'),
} as const;

type Neighbours = typeof NEIGHBOURS;

/** Per-request loaders: one Cypher query per kind of ask per tick of the event loop. */
export function createLoaders(ctx: QueryContext) {
  const grouped = <R extends Keyed>(cypher: Cypher<R>) =>
    new DataLoader<string, R[]>(async (ids) => {
      const rows = await ctx.read(cypher, { ids: [...ids] });
      const byKey = new Map<string, R[]>();
      for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
      return ids.map((id) => byKey.get(id) ?? []);
    });
  // as for the statements above: each label's loader gives that label's properties
  const nodes = Object.fromEntries(
    LABELS.map((label) => {
      const loader = grouped<Keyed & { props: NodeProperties[Label] }>(NODES[label]);
      return [label, new DataLoader<string, NodeProperties[Label] | undefined>(async (ids) => (await loader.loadMany(ids)).map((rows) => (Array.isArray(rows) ? rows[0]?.props : undefined)))];
    }),
  ) as { [L in Label]: DataLoader<string, NodeProperties[L] | undefined> };
  // the keys Object.fromEntries forgets, restated
  const evidence = Object.fromEntries(EVIDENCE_OWNERS.map((label) => [label, grouped(EVIDENCE[label])])) as Record<EvidenceOwner, DataLoader<string, EvidenceRow[]>>;
  // each kind of neighbour keeps the row type of its statement
  const neighbours = Object.fromEntries(Object.entries(NEIGHBOURS).map(([name, cypher]) => [name, grouped<Link>(cypher)])) as {
    [K in keyof Neighbours]: DataLoader<string, RowOf<Neighbours[K]>[]>;
  };
  return { nodes, evidence, neighbours };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Natural order for numbers such as "2", "10", "1.3". */
export function byNumber(a: { number?: string | number; id: string }, b: { number?: string | number; id: string }): number {
  return String(a.number ?? a.id).localeCompare(String(b.number ?? b.id), 'nb', { numeric: true });
}
