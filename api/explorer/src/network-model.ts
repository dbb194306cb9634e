/**
 * The party network as the explorer shows it: filtering by party kind, theme, pilot and cohort,
 * node sizes and colours, a deterministic ForceAtlas2 layout, and finding a party by any alias.
 * Pure functions over API data (no DOM), so they are unit tested without a browser.
 */
import { UndirectedGraph } from 'graphology';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import type { NetworkData, PartyInfo, PartyKind, PilotInfo, Theme } from './types.ts';
import { PARTY_KINDS } from './types.ts';

export type SizeBy = 'degree' | 'betweenness';

export interface NetworkFilter {
  /** Kinds shown; empty means all. */
  kinds: PartyKind[];
  theme: Theme | null;
  pilot: string | null;
  cohort: number | null;
  minWeight: number;
  sizeBy: SizeBy;
}

// A CommonJS module: Node and esbuild give module.exports as the default import, TypeScript types it as the namespace.
type ForceAtlas2 = typeof forceAtlas2Module.default;
const forceAtlas2 = ('assign' in forceAtlas2Module ? forceAtlas2Module : forceAtlas2Module.default) as ForceAtlas2;

export const DEFAULT_FILTER: NetworkFilter = { kinds: [], theme: null, pilot: null, cohort: null, minWeight: 1, sizeBy: 'degree' };

/** One colour per party kind (Okabe–Ito, then four more that stay apart on white). */
export const KIND_COLOURS: Record<PartyKind, string> = {
  MUNICIPALITY: '#0072B2',
  COUNTY: '#E69F00',
  MINISTRY: '#D55E00',
  STATE_AGENCY: '#009E73',
  GOVERNOR: '#CC79A7',
  INTERMUNICIPAL: '#56B4E9',
  EDUCATION_RESEARCH: '#8C564B',
  BUSINESS: '#B8A000',
  NGO: '#7F3C8D',
  OTHER: '#7F7F7F',
};

export interface ShownNode {
  id: string;
  name: string;
  kind: PartyKind;
  colour: string;
  degree: number;
  betweenness: number;
  /** Radius in pixels. */
  size: number;
  pilots: string[];
}

export interface ShownEdge {
  source: string;
  target: string;
  /** Pilots where both parties take part, among the pilots the filter lets through. */
  weight: number;
  pilots: string[];
}

export interface ShownNetwork {
  nodes: ShownNode[];
  edges: ShownEdge[];
}

interface Involvement {
  pilot: string;
  themes: Set<string>;
}

/** Each party's roles reduced to (pilot, themes), the facts the filters ask about. */
function involvementIndex(parties: PartyInfo[]): Map<string, Involvement[]> {
  const index = new Map<string, Involvement[]>();
  for (const p of parties) index.set(p.id, p.roles.map((r) => ({ pilot: r.agreement.pilot.id, themes: new Set<string>(r.themes) })));
  return index;
}

/**
 * The nodes and edges that pass the filter. A party passes when its kind is chosen and one of its
 * roles satisfies every other filter at once (in the chosen pilot, in a pilot of the chosen cohort,
 * on the chosen theme). An edge passes when both ends pass; with a pilot or cohort filter its
 * weight counts only the pilots that pass, and edges lighter than minWeight are left out.
 */
export function filterNetwork(network: NetworkData, parties: PartyInfo[], pilots: PilotInfo[], filter: NetworkFilter): ShownNetwork {
  const cohortOf = new Map(pilots.map((p) => [p.id, p.cohort]));
  const pilotPasses = (pilot: string) => (filter.pilot === null || pilot === filter.pilot) && (filter.cohort === null || cohortOf.get(pilot) === filter.cohort);
  const index = involvementIndex(parties);
  const kinds = new Set(filter.kinds.length ? filter.kinds : PARTY_KINDS);
  const partyFilter = filter.theme !== null || filter.pilot !== null || filter.cohort !== null;

  const kept = network.nodes.filter((n) => {
    if (!kinds.has(n.kind)) return false;
    if (!partyFilter) return true;
    const roles = index.get(n.id) ?? n.pilots.map((p) => ({ pilot: p.id, themes: new Set<string>() }));
    return roles.some((r) => pilotPasses(r.pilot) && (filter.theme === null || r.themes.has(filter.theme)));
  });
  const keptIds = new Set(kept.map((n) => n.id));
  const metric = (n: { degree: number; betweenness: number }) => (filter.sizeBy === 'degree' ? n.degree : n.betweenness);
  const max = Math.max(0, ...kept.map(metric));
  const nodes: ShownNode[] = kept.map((n) => ({
    id: n.id,
    name: n.name,
    kind: n.kind,
    colour: KIND_COLOURS[n.kind] ?? KIND_COLOURS.OTHER,
    degree: n.degree,
    betweenness: n.betweenness,
    size: nodeSize(metric(n), max),
    pilots: n.pilots.map((p) => p.id),
  }));
  const edges: ShownEdge[] = [];
  for (const e of network.edges) {
    if (!keptIds.has(e.source) || !keptIds.has(e.target)) continue;
    const edgePilots = e.pilots.map((p) => p.id).filter(pilotPasses);
    const weight = filter.pilot === null && filter.cohort === null ? e.weight : edgePilots.length;
    if (weight < Math.max(1, filter.minWeight)) continue;
    edges.push({ source: e.source, target: e.target, weight, pilots: edgePilots });
  }
  nodes.sort((a, b) => b.size - a.size || a.name.localeCompare(b.name, 'nb'));
  return { nodes, edges };
}

/** Radius from 5 to 20 px, by the square root of the value over the largest shown. */
export function nodeSize(value: number, max: number): number {
  if (!(max > 0)) return 5;
  return Math.round((5 + 15 * Math.sqrt(Math.max(0, value) / max)) * 10) / 10;
}

/** A stable number in [0, 1) from a string, for starting positions that do not change between loads. */
function hash01(text: string, salt: number): number {
  let h = 2166136261 ^ salt;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return ((h >>> 0) % 100000) / 100000;
}

/** A graphology graph of the shown network, laid out by ForceAtlas2 from deterministic starting points. */
export function layoutGraph(shown: ShownNetwork, iterations = 300): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (const n of shown.nodes) {
    graph.addNode(n.id, { label: n.name, size: n.size, color: n.colour, kind: n.kind, x: hash01(n.id, 1) * 100, y: hash01(n.id, 2) * 100 });
  }
  for (const e of shown.edges) {
    if (!graph.hasEdge(e.source, e.target)) graph.addEdge(e.source, e.target, { weight: e.weight, size: Math.min(6, 0.5 + e.weight * 0.5), color: '#c5ccd6' });
  }
  if (graph.order > 1) {
    const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: false, adjustSizes: false, gravity: 1, scalingRatio: 8, strongGravityMode: true };
    forceAtlas2.assign(graph, { iterations, settings, getEdgeWeight: 'weight' });
  }
  return graph;
}

export interface PartyMatch {
  id: string;
  name: string;
  kind: PartyKind;
  /** The name or alias that matched. */
  matched: string;
}

/** Lower case, accents off (but æ, ø, å kept), punctuation and runs of space folded. */
function normaliseName(text: string): string {
  return text
    .toLocaleLowerCase('nb')
    .replace(/[éèê]/g, 'e')
    .replace(/[áà]/g, 'a')
    .replace(/[óò]/g, 'o')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Parties whose name or any alias contains the query: exact matches first, then those that start
 * with it, then the rest, each group by name.
 */
export function searchParties(parties: Pick<PartyInfo, 'id' | 'name' | 'kind' | 'aliases'>[], query: string, limit = 10): PartyMatch[] {
  const q = normaliseName(query);
  if (!q) return [];
  const ranked: (PartyMatch & { rank: number })[] = [];
  for (const p of parties) {
    let best: { rank: number; matched: string } | null = null;
    for (const name of [p.name, ...p.aliases]) {
      const n = normaliseName(name);
      const rank = n === q ? 0 : n.startsWith(q) ? 1 : n.split(' ').some((w) => w.startsWith(q)) ? 2 : n.includes(q) ? 3 : -1;
      if (rank >= 0 && (!best || rank < best.rank)) best = { rank, matched: name };
    }
    if (best) ranked.push({ id: p.id, name: p.name, kind: p.kind, matched: best.matched, rank: best.rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, 'nb'));
  return ranked.slice(0, limit).map(({ rank, ...m }) => (void rank, m));
}
