/**
 * Betweenness centrality of the party network, exact up to PIVOTS parties and estimated beyond
 * (Brandes and Pich's pivots: shortest paths from PIVOTS sources spread evenly over the parties,
 * scaled by parties / pivots). Exact Brandes costs parties × links, which at 5,000 agreements
 * (tens of thousands of parties) is seconds per filter; from a fixed number of sources it grows
 * with the links alone. Brandes' unweighted search over the links packed into typed arrays
 * (neighbours in one array, each party's slice by offset): one search allocates nothing, where a
 * graph library's built a graph and lists of predecessors for each filter and source.
 */

/** Sources of shortest paths: every party up to this many, then this many spread over them. */
export const PIVOTS = 200;

/** Normalised betweenness of every node (0 for a graph of two nodes or fewer), by node id; `nodes` in the order pivots are spread over. */
export function betweenness(nodes: readonly string[], links: readonly { source: string; target: string }[]): Record<string, number> {
  const n = nodes.length;
  const result: Record<string, number> = {};
  if (n === 0) return result;
  const indexOf = new Map(nodes.map((id, i) => [id, i]));
  // neighbours of node i: neighbours[offsets[i] .. offsets[i + 1])
  const offsets = new Int32Array(n + 1);
  const ends = links.map((l) => [indexOf.get(l.source), indexOf.get(l.target)] as const).filter((e): e is readonly [number, number] => e[0] !== undefined && e[1] !== undefined && e[0] !== e[1]);
  for (const [a, b] of ends) {
    offsets[a + 1]!++;
    offsets[b + 1]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const neighbours = new Int32Array(offsets[n]!);
  const fill = offsets.slice(0, n);
  for (const [a, b] of ends) {
    neighbours[fill[a]!++] = b;
    neighbours[fill[b]!++] = a;
  }

  const pivots = Math.min(n, PIVOTS);
  const centralities = new Float64Array(n);
  const sigma = new Float64Array(n);
  const distance = new Int32Array(n);
  const delta = new Float64Array(n);
  // the nodes in the order they were reached: read backwards, farthest first
  const order = new Int32Array(n);
  for (let p = 0; p < pivots; p++) {
    // evenly spread over the nodes, the same every time
    const source = Math.floor((p * n) / pivots);
    sigma.fill(0);
    distance.fill(-1);
    delta.fill(0);
    sigma[source] = 1;
    distance[source] = 0;
    order[0] = source;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = order[head++]!;
      for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
        const w = neighbours[k]!;
        if (distance[w] === -1) {
          distance[w] = distance[v]! + 1;
          order[tail++] = w;
        }
        if (distance[w] === distance[v]! + 1) sigma[w]! += sigma[v]!;
      }
    }
    for (let i = tail - 1; i > 0; i--) {
      const w = order[i]!;
      const coefficient = (1 + delta[w]!) / sigma[w]!;
      // w's predecessors: its neighbours one step nearer the source
      for (let k = offsets[w]!; k < offsets[w + 1]!; k++) {
        const v = neighbours[k]!;
        if (distance[v] === distance[w]! - 1) delta[v]! += sigma[v]! * coefficient;
      }
      centralities[w]! += delta[w]!;
    }
  }
  // pivots stand for all sources; normalised as graphology does: by (n - 1)(n - 2)
  const scale = n <= 2 ? 0 : n / pivots / ((n - 1) * (n - 2));
  for (let i = 0; i < n; i++) result[nodes[i]!] = centralities[i]! * scale;
  return result;
}
