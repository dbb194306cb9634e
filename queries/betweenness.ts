/**
 * Betweenness centrality of the party network, exact up to PIVOTS parties and estimated beyond
 * (Brandes and Pich's pivots: shortest paths from PIVOTS sources spread evenly over the parties,
 * scaled by parties / pivots). Exact Brandes costs parties × links, which at 5,000 agreements
 * (tens of thousands of parties) is seconds per filter; from a fixed number of sources it grows
 * with the links alone. The shortest-path search is graphology's own, as its exact betweenness uses it.
 */
import type { UndirectedGraph } from 'graphology';
import brandesModule from 'graphology-shortest-path/indexed-brandes.js';

/** Sources of shortest paths: every party up to this many, then this many spread over them. */
export const PIVOTS = 200;

interface FixedStack {
  size: number;
  items: ArrayLike<number>;
  pop(): number;
}
type Brandes = ((source: number) => [FixedStack, number[][], Uint32Array]) & { index: { collect(values: Float64Array): Record<string, number> } };
// the package is CommonJS; its typings read as a namespace under NodeNext
const { createUnweightedIndexedBrandes } = brandesModule as unknown as { createUnweightedIndexedBrandes: (graph: UndirectedGraph) => Brandes };

/** Normalised betweenness of every node (0 for a graph of two nodes or fewer), by node key. */
export function betweenness(graph: UndirectedGraph): Record<string, number> {
  const n = graph.order;
  if (n === 0) return {};
  const brandes = createUnweightedIndexedBrandes(graph);
  const pivots = Math.min(n, PIVOTS);
  const delta = new Float64Array(n);
  const centralities = new Float64Array(n);
  for (let p = 0; p < pivots; p++) {
    // evenly spread over the nodes (in the graph's order: by id), the same every time
    const source = Math.floor((p * n) / pivots);
    const [stack, predecessors, sigma] = brandes(source);
    for (let j = 0; j < stack.size; j++) delta[stack.items[j]!] = 0;
    while (stack.size !== 0) {
      const w = stack.pop();
      const coefficient = (1 + delta[w]!) / sigma[w]!;
      for (const v of predecessors[w]!) delta[v]! += sigma[v]! * coefficient;
      if (w !== source) centralities[w]! += delta[w]!;
    }
  }
  // pivots stand for all sources; normalised as graphology does: by (n - 1)(n - 2)
  const scale = n <= 2 ? 0 : n / pivots / ((n - 1) * (n - 2));
  for (let i = 0; i < n; i++) centralities[i]! *= scale;
  return brandes.index.collect(centralities);
}
