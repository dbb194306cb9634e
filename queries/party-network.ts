/**
 * "Who sits at the centre of the party network?" — parties as nodes; two parties are linked
 * when they take part in the same agreement (in any role, or in one of its sub-goals), weighted
 * by the number of pilots where they meet. Degree and betweenness (normalised, graphology-metrics).
 */
import { UndirectedGraph } from 'graphology';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { defineCypher } from '../graph/cypher-registry.ts';
import type { QueryContext } from './context.ts';

export interface NetworkNode {
  id: string;
  name: string;
  kind: string;
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

// graphology-metrics is CommonJS; its typings read as a namespace under NodeNext, but the default import is the function
const betweennessCentrality = betweennessModule as unknown as (graph: UndirectedGraph, options: { normalized: boolean; getEdgeWeight: null }) => Record<string, number>;

const PARTICIPATION = defineCypher(
  'question.network.participation',
  'read',
  `MATCH (p:Party)-[:MAIN_PARTY_OF|SPECIAL_ROLE_IN|SIGNED]->(a:Agreement)-[:FOR_PILOT]->(pilot:Pilot)
   RETURN p.id AS party, p.name AS name, p.kind AS kind, a.id AS agreement, pilot.id AS pilot
   UNION
   MATCH (p:Party)-[:PARTNER_IN|MAY_INVITE]->(:SubGoal)<-[:HAS_SUBGOAL]-(a:Agreement)-[:FOR_PILOT]->(pilot:Pilot)
   RETURN p.id AS party, p.name AS name, p.kind AS kind, a.id AS agreement, pilot.id AS pilot`,
);

export async function partyNetwork(ctx: QueryContext, kinds: string[] | undefined, minWeight: number): Promise<{ nodes: NetworkNode[]; edges: NetworkEdge[] }> {
  const rows = await ctx.cached('participation', () => ctx.read(PARTICIPATION));
  const parties = new Map<string, { name: string; kind: string; pilots: Set<string> }>();
  const byAgreement = new Map<string, { pilot: string; parties: Set<string> }>();
  for (const r of rows) {
    if (kinds && kinds.length > 0 && !kinds.includes(r.kind as string)) continue;
    const party = parties.get(r.party as string) ?? { name: r.name as string, kind: r.kind as string, pilots: new Set() };
    party.pilots.add(r.pilot as string);
    parties.set(r.party as string, party);
    const agreement = byAgreement.get(r.agreement as string) ?? { pilot: r.pilot as string, parties: new Set() };
    agreement.parties.add(r.party as string);
    byAgreement.set(r.agreement as string, agreement);
  }
  const meetings = new Map<string, Set<string>>();
  for (const { pilot, parties: members } of byAgreement.values()) {
    const list = [...members].sort();
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) {
      const key = `${list[i]}\u0000${list[j]}`;
      meetings.set(key, (meetings.get(key) ?? new Set()).add(pilot));
    }
  }
  const edges: NetworkEdge[] = [...meetings.entries()]
    .map(([key, pilots]) => {
      const [source, target] = key.split('\u0000') as [string, string];
      return { source, target, weight: pilots.size, pilots: [...pilots].sort() };
    })
    .filter((e) => e.weight >= minWeight)
    .sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target));

  const graph = new UndirectedGraph();
  for (const id of [...parties.keys()].sort()) graph.addNode(id);
  for (const e of edges) graph.addEdge(e.source, e.target, { weight: e.weight });
  const betweenness = betweennessCentrality(graph, { normalized: true, getEdgeWeight: null });
  const nodes = [...parties.entries()]
    .map(([id, p]) => ({ id, name: p.name, kind: p.kind, pilots: [...p.pilots].sort(), degree: graph.degree(id), betweenness: Math.round(betweenness[id]! * 10000) / 10000 }))
    .sort((a, b) => b.betweenness - a.betweenness || b.degree - a.degree || a.id.localeCompare(b.id));
  return { nodes, edges };
}
