/** The measures and search views as data: clusters, similar measures and grouped search hits in display order. Pure (no DOM). */
import type { MeasureCluster, ScoredMeasure, SearchGroup, SearchHit } from './types.ts';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'nb');

/** Clusters with the most pilots first (all of them, not only the page shown); in each, the pilots shown by name and the measures by pilot. */
export function orderClusters(clusters: MeasureCluster[]): MeasureCluster[] {
  return [...clusters]
    .sort((a, b) => b.pilots.totalCount - a.pilots.totalCount || b.cohesion - a.cohesion || a.label.localeCompare(b.label, 'nb'))
    .map((c) => ({
      ...c,
      pilots: { ...c.pilots, items: [...c.pilots.items].sort(byName) },
      measures: { ...c.measures, items: [...c.measures.items].sort((x, y) => byName(x.pilot, y.pilot) || x.text.localeCompare(y.text, 'nb')) },
    }));
}

/** Most similar first. */
export function orderSimilar(list: ScoredMeasure[]): ScoredMeasure[] {
  return [...list].sort((a, b) => b.score - a.score);
}

/**
 * Flat hits grouped the way `searchByAgreement` groups them: by agreement, or by document for text
 * outside any agreement; best group first, best hits first, at most `perGroup` in each.
 */
export function groupHits(hits: SearchHit[], perGroup = 5): SearchGroup[] {
  const groups = new Map<string, SearchGroup>();
  for (const hit of hits) {
    const key = hit.agreement?.id ?? `document:${hit.evidence.document}`;
    const group = groups.get(key) ?? { agreement: hit.agreement ?? null, pilot: hit.pilot ?? null, document: hit.evidence.document, score: hit.score, hits: [] };
    group.score = Math.max(group.score, hit.score);
    group.hits.push(hit);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, hits: [...g.hits].sort((a, b) => b.score - a.score).slice(0, perGroup) }))
    .sort((a, b) => b.score - a.score);
}

/** How many hits the groups show. */
export function hitCount(groups: SearchGroup[]): number {
  return groups.reduce((n, g) => n + g.hits.length, 0);
}
