/**
 * The whole graph as JSON, GraphML or GEXF (for Gephi and similar tools), in a stable order so
 * that the same graph always exports to the same bytes.
 */
import { create } from 'xmlbuilder2';
import { EXPORT_NODES, EXPORT_RELATIONSHIPS } from './cypher.ts';
import type { GraphStore } from './store.ts';

export interface ExportedNode {
  id: string;
  labels: string[];
  properties: Record<string, unknown>;
}

export interface ExportedRelationship {
  type: string;
  start: string;
  end: string;
  properties: Record<string, unknown>;
}

export interface GraphExport {
  nodes: ExportedNode[];
  relationships: ExportedRelationship[];
}

export type ExportFormat = 'json' | 'graphml' | 'gexf';

export async function exportGraph(store: GraphStore): Promise<GraphExport> {
  const nodes = (await store.read(EXPORT_NODES)).map((r) => ({
    id: r.id as string,
    labels: [...(r.labels as string[])].sort(),
    properties: normalise(r.properties as Record<string, unknown>),
  }));
  const relationships = (await store.read(EXPORT_RELATIONSHIPS)).map((r) => ({
    type: r.type as string,
    start: r.start as string,
    end: r.end as string,
    properties: normalise(r.properties as Record<string, unknown>),
  }));
  nodes.sort((a, b) => compare(a.id, b.id));
  relationships.sort((a, b) => compare(a.type, b.type) || compare(a.start, b.start) || compare(a.end, b.end));
  return { nodes, relationships };
}

/** Keys in order; `docs` is a set, so it is listed sorted whatever order documents came in. */
function normalise(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(properties)
      .sort()
      .map((k) => [k, k === 'docs' && Array.isArray(properties[k]) ? [...(properties[k] as string[])].sort() : properties[k]]),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function serialise(graph: GraphExport, format: ExportFormat): string {
  if (format === 'json') return `${JSON.stringify(graph, null, 2)}\n`;
  return format === 'graphml' ? graphml(graph) : gexf(graph);
}

/** Property values as attribute text: lists and maps as JSON. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function keysOf(items: { properties: Record<string, unknown> }[]): string[] {
  return [...new Set(items.flatMap((i) => Object.keys(i.properties)))].sort();
}

function graphml(graph: GraphExport): string {
  const nodeKeys = keysOf(graph.nodes);
  const edgeKeys = keysOf(graph.relationships);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('graphml', { xmlns: 'http://graphml.graphdrawing.org/xmlns' });
  root.ele('key', { id: 'labels', for: 'node', 'attr.name': 'labels', 'attr.type': 'string' });
  for (const k of nodeKeys) root.ele('key', { id: `n_${k}`, for: 'node', 'attr.name': k, 'attr.type': 'string' });
  root.ele('key', { id: 'type', for: 'edge', 'attr.name': 'type', 'attr.type': 'string' });
  for (const k of edgeKeys) root.ele('key', { id: `e_${k}`, for: 'edge', 'attr.name': k, 'attr.type': 'string' });
  const g = root.ele('graph', { id: 'agreements', edgedefault: 'directed' });
  for (const n of graph.nodes) {
    const node = g.ele('node', { id: n.id });
    node.ele('data', { key: 'labels' }).txt(n.labels.join(':'));
    for (const [k, v] of Object.entries(n.properties)) node.ele('data', { key: `n_${k}` }).txt(text(v));
  }
  graph.relationships.forEach((r, i) => {
    const edge = g.ele('edge', { id: `e${i}`, source: r.start, target: r.end });
    edge.ele('data', { key: 'type' }).txt(r.type);
    for (const [k, v] of Object.entries(r.properties)) edge.ele('data', { key: `e_${k}` }).txt(text(v));
  });
  return root.end({ prettyPrint: true });
}

function gexf(graph: GraphExport): string {
  const nodeKeys = keysOf(graph.nodes);
  const edgeKeys = keysOf(graph.relationships);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('gexf', { xmlns: 'http://gexf.net/1.3', version: '1.3' });
  const g = root.ele('graph', { defaultedgetype: 'directed', mode: 'static' });
  const nodeAttributes = g.ele('attributes', { class: 'node' });
  nodeAttributes.ele('attribute', { id: 'labels', title: 'labels', type: 'string' });
  nodeKeys.forEach((k) => nodeAttributes.ele('attribute', { id: `n_${k}`, title: k, type: 'string' }));
  const edgeAttributes = g.ele('attributes', { class: 'edge' });
  edgeKeys.forEach((k) => edgeAttributes.ele('attribute', { id: `e_${k}`, title: k, type: 'string' }));
  const nodes = g.ele('nodes');
  for (const n of graph.nodes) {
    const label = String(n.properties.name ?? n.properties.title ?? n.properties.file ?? n.id);
    const values = nodes.ele('node', { id: n.id, label }).ele('attvalues');
    values.ele('attvalue', { for: 'labels', value: n.labels.join(':') });
    for (const [k, v] of Object.entries(n.properties)) values.ele('attvalue', { for: `n_${k}`, value: text(v) });
  }
  const edges = g.ele('edges');
  graph.relationships.forEach((r, i) => {
    const values = edges.ele('edge', { id: `e${i}`, source: r.start, target: r.end, label: r.type }).ele('attvalues');
    for (const [k, v] of Object.entries(r.properties)) values.ele('attvalue', { for: `e_${k}`, value: text(v) });
  });
  return root.end({ prettyPrint: true });
}
