/** Node counts by label and relationship counts by type. */
import { STATS_NODES, STATS_RELATIONSHIPS } from './cypher.ts';
import type { GraphStore } from './store.ts';

export interface GraphStats {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

export async function graphStats(store: GraphStore): Promise<GraphStats> {
  const nodes = Object.fromEntries((await store.read(STATS_NODES)).map((r) => [r.label, r.count]));
  const relationships = Object.fromEntries((await store.read(STATS_RELATIONSHIPS)).map((r) => [r.type, r.count]));
  return { nodes, relationships };
}
