/**
 * "Who sits at the centre of the party network?" — parties as nodes; two parties are linked
 * when they take part in the same agreement (in any role, or in one of its sub-goals), weighted
 * by the number of pilots where they meet. Degree and betweenness (normalised; exact up to a few
 * hundred parties, estimated from evenly spread sources beyond: betweenness.ts).
 */
import type { PartyKind } from '../domain/records.ts';
import { defineCypher } from '../graph/cypher-registry.ts';
import { betweenness as betweennessOf } from './betweenness.ts';
import type { QueryContext } from './context.ts';

export interface NetworkNode {
  id: string;
  name: string;
  kind: PartyKind;
  pilots: string[];
  degree: number;
  betweenness: number;
}

export interface NetworkEdge {
  source: string;
  target: string;
  weight: number;
  pilots: string[];
}

const PARTICIPATION = defineCypher<{ party: string; name: string; kind: PartyKind; agreement: string; pilot: string }>(
  'question.network.participation',
  'read',
  `MATCH (p:Party)-[:MAIN_PARTY_OF|SPECIAL_ROLE_IN|SIGNED]->(a:Agreement)-[:FOR_PILOT]->(pilot:Pilot)
   RETURN p.id AS party, p.name AS name, p.kind AS kind, a.id AS agreement, pilot.id AS pilot
   UNION
   MATCH (p:Party)-[:PARTNER_IN|MAY_INVITE]->(:SubGoal)<-[:HAS_SUBGOAL]-(a:Agreement)-[:FOR_PILOT]->(pilot:Pilot)
   RETURN p.id AS party, p.name AS name, p.kind AS kind, a.id AS agreement, pilot.id AS pilot`,
);

/** Who takes part in which agreement, once per store version. */
export function participation(ctx: QueryContext) {
  return ctx.cached('participation', () => ctx.read(PARTICIPATION));
}

/** The parties most central first, at most `limit` of them, and the ties among them. */
export async function partyNetwork(ctx: QueryContext, kinds: PartyKind[] | undefined, minWeight: number, limit = Number.POSITIVE_INFINITY): Promise<{ nodes: NetworkNode[]; edges: NetworkEdge[] }> {
  const filter = [...new Set(kinds ?? [])].sort();
  // who meets whom is worked out once per store version; betweenness once per filter; a request takes its top-N of it
  const all = await ctx.cached('party-meetings', async () => meetingsOf(await participation(ctx)));
  const whole = await ctx.cached(`party-network\u0000${filter.join(',')}\u0000${minWeight}`, async () => networkOf(all, filter, minWeight));
  if (whole.nodes.length <= limit) return whole;
  const nodes = whole.nodes.slice(0, limit);
  const kept = new Set(nodes.map((n) => n.id));
  return { nodes, edges: whole.edges.filter((e) => kept.has(e.source) && kept.has(e.target)) };
}

type Participation = Awaited<ReturnType<typeof participation>>;

interface Meetings {
  parties: Map<string, { name: string; kind: PartyKind; pilots: string[] }>;
  /** Every pair of parties that meet, by their ids in order. */
  edges: NetworkEdge[];
}

/** Every party and every pair that meets, with the pilots where they meet: a filter keeps parties and pairs of it, the pairs' weights stay. */
function meetingsOf(rows: Participation): Meetings {
  const parties = new Map<string, { name: string; kind: PartyKind; pilots: Set<string> }>();
  const byAgreement = new Map<string, { pilot: string; parties: Set<string> }>();
  for (const r of rows) {
    const party = parties.get(r.party) ?? { name: r.name, kind: r.kind, pilots: new Set() };
    party.pilots.add(r.pilot);
    parties.set(r.party, party);
    const agreement = byAgreement.get(r.agreement) ?? { pilot: r.pilot, parties: new Set() };
    agreement.parties.add(r.party);
    byAgreement.set(r.agreement, agreement);
  }
  const meetings = new Map<string, { source: string; target: string; pilots: Set<string> }>();
  for (const { pilot, parties: members } of byAgreement.values()) {
    const list = [...members].sort();
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) {
      const [source, target] = [list[i]!, list[j]!];
      const key = `${source}\u0000${target}`;
      const meeting = meetings.get(key) ?? { source, target, pilots: new Set<string>() };
      meetings.set(key, meeting);
      meeting.pilots.add(pilot);
    }
  }
  const edges = [...meetings.values()]
    .map(({ source, target, pilots }) => ({ source, target, weight: pilots.size, pilots: [...pilots].sort() }))
    .sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
  return { parties: new Map([...parties].map(([id, p]) => [id, { name: p.name, kind: p.kind, pilots: [...p.pilots].sort() }])), edges };
}

function networkOf(all: Meetings, kinds: PartyKind[], minWeight: number): { nodes: NetworkNode[]; edges: NetworkEdge[] } {
  const parties = [...all.parties].filter(([, p]) => kinds.length === 0 || kinds.includes(p.kind));
  const kept = new Set(parties.map(([id]) => id));
  const edges = all.edges.filter((e) => e.weight >= minWeight && kept.has(e.source) && kept.has(e.target));
  const degree = new Map<string, number>();
  for (const e of edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  // pivots are spread over the parties by id: the same estimate every time
  const betweenness = betweennessOf([...kept].sort(), edges);
  const nodes = parties
    .map(([id, p]) => ({ id, name: p.name, kind: p.kind, pilots: p.pilots, degree: degree.get(id) ?? 0, betweenness: Math.round(betweenness[id]! * 10000) / 10000 }))
    .sort((a, b) => b.betweenness - a.betweenness || b.degree - a.degree || a.id.localeCompare(b.id));
  return { nodes, edges };
}
