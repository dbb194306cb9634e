/**
 * The party network (`partyNetwork`) as a file for Gephi, Cytoscape, yEd and the like: parties are
 * nodes (name, kind, pilots, degree, betweenness, a colour per kind and a size by degree), an edge
 * joins two parties that take part in the same agreement, weighted by the pilots where they meet.
 * GEXF 1.3 is written by graphology-gexf, which declares each attribute's type from its values
 * (integer, double, string); GraphML with typed `<key>`s by xmlbuilder2.
 */
import { UndirectedGraph } from 'graphology';
import type { PartyKind } from '../../domain/records.ts';
import type { QueryContext } from '../../queries/context.ts';
import { partyNetwork } from '../../queries/index.ts';
// the explorer's colours for the kinds of party, so that Gephi opens on the same picture
import { KIND_COLOURS } from '../explorer/src/network-model.ts';

export const NETWORK_FORMATS = ['gexf', 'graphml'] as const;
export type NetworkFormat = (typeof NETWORK_FORMATS)[number];

export const NETWORK_TYPES: Record<NetworkFormat, string> = {
  gexf: 'application/gexf+xml; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
};

export interface NetworkFilter {
  kinds?: PartyKind[];
  minWeight?: number;
}

interface NodeAttributes {
  label: string;
  kind: string;
  pilots: number;
  degree: number;
  betweenness: number;
}

interface EdgeAttributes {
  weight: number;
  pilots: string;
}

async function networkGraph(ctx: QueryContext, filter: NetworkFilter): Promise<UndirectedGraph<NodeAttributes, EdgeAttributes>> {
  const { nodes, edges } = await partyNetwork(ctx, filter.kinds, filter.minWeight ?? 1);
  const graph = new UndirectedGraph<NodeAttributes, EdgeAttributes>();
  graph.setAttribute('creator', 'agreement-knowledge-graph');
  graph.setAttribute('description', 'Parties of the Norwegian regional growth agreements, linked when they take part in the same agreement; edge weight = pilots where they meet');
  for (const n of [...nodes].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    graph.addNode(n.id, { label: n.name, kind: n.kind, pilots: n.pilots.length, degree: n.degree, betweenness: n.betweenness });
  }
  for (const e of [...edges].sort((a, b) => (a.source + a.target < b.source + b.target ? -1 : 1))) {
    if (graph.hasNode(e.source) && graph.hasNode(e.target)) graph.addEdge(e.source, e.target, { weight: e.weight, pilots: [...e.pilots].sort().join(' ') });
  }
  return graph;
}

async function gexf(graph: UndirectedGraph<NodeAttributes, EdgeAttributes>): Promise<string> {
  // the writers load with the first download, not with every start
  const { write: writeGexf } = await import('graphology-gexf');
  const maxDegree = Math.max(1, ...graph.mapNodes((_, a) => a.degree));
  return writeGexf(graph, {
    version: '1.3',
    formatNode: (_key, { label, ...attributes }) => ({
      label,
      attributes,
      viz: { color: KIND_COLOURS[attributes.kind as PartyKind] ?? KIND_COLOURS.OTHER, size: 4 + (16 * attributes.degree) / maxDegree },
    }),
    formatEdge: (_key, { weight, pilots }) => ({ weight, attributes: { pilots } }),
  });
}

async function graphml(graph: UndirectedGraph<NodeAttributes, EdgeAttributes>): Promise<string> {
  const { create } = await import('xmlbuilder2');
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('graphml', {
    xmlns: 'http://graphml.graphdrawing.org/xmlns',
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation': 'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
  });
  const keys: [string, 'node' | 'edge', 'string' | 'int' | 'double'][] = [
    ['label', 'node', 'string'],
    ['kind', 'node', 'string'],
    ['pilots', 'node', 'int'],
    ['degree', 'node', 'int'],
    ['betweenness', 'node', 'double'],
    ['weight', 'edge', 'double'],
    ['edge_pilots', 'edge', 'string'],
  ];
  for (const [name, target, type] of keys) root.ele('key', { id: name, for: target, 'attr.name': name === 'edge_pilots' ? 'pilots' : name, 'attr.type': type });
  const g = root.ele('graph', { id: 'party-network', edgedefault: 'undirected' });
  graph.forEachNode((id, a) => {
    const node = g.ele('node', { id });
    for (const k of ['label', 'kind', 'pilots', 'degree', 'betweenness'] as const) node.ele('data', { key: k }).txt(String(a[k]));
  });
  let i = 0;
  graph.forEachEdge((_key, a, source, target) => {
    const edge = g.ele('edge', { id: `e${i++}`, source, target });
    edge.ele('data', { key: 'weight' }).txt(String(a.weight));
    edge.ele('data', { key: 'edge_pilots' }).txt(a.pilots);
  });
  return root.end({ prettyPrint: true });
}

export async function writeNetwork(ctx: QueryContext, format: NetworkFormat, filter: NetworkFilter = {}): Promise<string> {
  const graph = await networkGraph(ctx, filter);
  return format === 'gexf' ? gexf(graph) : graphml(graph);
}
