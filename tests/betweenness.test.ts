/**
 * The party network's betweenness: the same as graphology-metrics' exact Brandes up to PIVOTS
 * nodes, a close estimate beyond (the most central nodes found again), and empty for no nodes.
 * Ours is computed on its own packed arrays; graphology-metrics is the independent reference.
 */
import { UndirectedGraph } from 'graphology';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { describe, expect, it } from 'vitest';
import { betweenness as ofLinks, PIVOTS } from '../queries/betweenness.ts';

/** Ours, on the graph's nodes (in its order) and links. */
const betweenness = (graph: UndirectedGraph) => ofLinks(graph.nodes(), graph.mapEdges((_, __, source, target) => ({ source, target })));

const exact = betweennessModule as unknown as (graph: UndirectedGraph, options: { normalized: boolean; getEdgeWeight: null }) => Record<string, number>;

/** A graph like the party network: clusters (pilots) of parties, a few parties in many of them. */
function networkLike(pilots: number, seed: number): UndirectedGraph {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const graph = new UndirectedGraph();
  const national = Array.from({ length: 12 }, (_, i) => `national-${String(i).padStart(2, '0')}`);
  for (let p = 0; p < pilots; p++) {
    const members = [...Array.from({ length: 5 }, (_, i) => `pilot-${String(p).padStart(4, '0')}-${i}`), ...national.filter(() => random() < 0.3)];
    for (const m of members) if (!graph.hasNode(m)) graph.addNode(m);
    for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) if (!graph.hasEdge(members[i]!, members[j]!)) graph.addEdge(members[i]!, members[j]!);
  }
  return graph;
}

describe('betweenness', () => {
  it('is exact up to PIVOTS nodes', () => {
    const graph = networkLike(30, 7);
    expect(graph.order).toBeLessThanOrEqual(PIVOTS);
    const ours = betweenness(graph);
    const theirs = exact(graph, { normalized: true, getEdgeWeight: null });
    for (const node of graph.nodes()) expect(ours[node]).toBeCloseTo(theirs[node]!, 9);
  });

  it('finds the same most central nodes beyond PIVOTS, with values close to the exact ones', () => {
    const graph = networkLike(200, 11);
    expect(graph.order).toBeGreaterThan(PIVOTS);
    const ours = betweenness(graph);
    const theirs = exact(graph, { normalized: true, getEdgeWeight: null });
    const top = (values: Record<string, number>) => Object.keys(values).sort((a, b) => values[b]! - values[a]! || a.localeCompare(b)).slice(0, 10);
    expect(new Set(top(ours))).toEqual(new Set(top(theirs)));
    for (const node of top(theirs)) expect(Math.abs(ours[node]! - theirs[node]!) / theirs[node]!).toBeLessThan(0.15);
  });

  it('gives nothing for an empty network and zero for two nodes', () => {
    expect(betweenness(new UndirectedGraph())).toEqual({});
    const two = new UndirectedGraph();
    two.addNode('a');
    two.addNode('b');
    two.addEdge('a', 'b');
    expect(betweenness(two)).toEqual({ a: 0, b: 0 });
  });
});
