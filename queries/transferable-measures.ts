/**
 * "Which measures recur across pilots?" — measures whose texts are near-identical (TF-IDF cosine
 * over stemmed, nb/nn-folded words at or above THRESHOLD, joined transitively) grouped into
 * clusters, kept when they span at least `minPilots` pilots.
 */
import type { Theme } from '../domain/records.ts';
import type { QueryContext } from './context.ts';
import { measureIndex, type MeasureDoc } from './measures.ts';
import { cosine, score } from './text-similarity.ts';

/** How alike two measure texts must be to count as the same measure. */
const THRESHOLD = 0.42;

export interface MeasureCluster {
  label: string;
  pilots: string[];
  measures: string[];
  /** The lowest similarity between a measure and the cluster's label measure. */
  cohesion: number;
}

export async function transferableMeasures(ctx: QueryContext, theme: Theme | undefined, minPilots: number): Promise<MeasureCluster[]> {
  const { measures } = await measureIndex(ctx);
  const pool = theme ? measures.filter((m) => m.themes.includes(theme) || m.subGoalThemes.includes(theme)) : measures;
  const parent = pool.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < pool.length; i++) {
    for (let j = i + 1; j < pool.length; j++) {
      if (cosine(pool[i]!.vector, pool[j]!.vector) >= THRESHOLD) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, MeasureDoc[]>();
  pool.forEach((m, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), m]));

  const clusters: MeasureCluster[] = [];
  for (const members of groups.values()) {
    const pilots = [...new Set(members.map((m) => m.pilot))];
    if (members.length < 2 || pilots.length < minPilots) continue;
    // the label is the measure most like the others
    const centre = members
      .map((m) => ({ m, mean: members.reduce((sum, o) => sum + (o === m ? 0 : cosine(m.vector, o.vector)), 0) / (members.length - 1) }))
      .sort((x, y) => y.mean - x.mean || x.m.text.length - y.m.text.length || x.m.id.localeCompare(y.m.id))[0]!.m;
    clusters.push({
      label: centre.text,
      pilots: pilots.sort(),
      measures: members.map((m) => m.id).sort(),
      cohesion: score(Math.min(...members.map((m) => (m === centre ? 1 : cosine(m.vector, centre.vector))))),
    });
  }
  return clusters.sort((x, y) => y.pilots.length - x.pilots.length || x.label.localeCompare(y.label, 'nb'));
}
