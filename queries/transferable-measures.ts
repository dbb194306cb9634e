/**
 * "Which measures recur across pilots?" — measures whose meaning vectors are at or above
 * SAME_MEASURE, joined transitively into clusters, kept when they span at least `minPilots`
 * pilots. Each cluster names the terms its pilots' measures share.
 */
import type { Theme } from '../domain/records.ts';
import { THEMES } from '../domain/records.ts';
import type { QueryContext } from './context.ts';
import { cosine, score, sharedTerms } from './meaning.ts';
import { measureIndex, SAME_MEASURE, type MeasureDoc } from './measures.ts';

export interface MeasureCluster {
  label: string;
  pilots: string[];
  measures: string[];
  /** The lowest similarity between a measure and the cluster's label measure. */
  cohesion: number;
  /** Terms that measures of at least two of the cluster's pilots share, the most shared first. */
  sharedTerms: string[];
  themes: Theme[];
}

export async function transferableMeasures(ctx: QueryContext, theme: Theme | undefined, minPilots: number): Promise<MeasureCluster[]> {
  // the clusters change only with the store: worked out once per theme, filtered per request
  const clusters = await ctx.cached(`transferable-measures:${theme ?? ''}`, async () => clustersOf(await measureIndex(ctx), theme));
  return clusters.filter((c) => c.pilots.length >= minPilots);
}

/** Every cluster of two measures or more, the widest first. */
function clustersOf({ measures }: { measures: MeasureDoc[] }, theme: Theme | undefined): MeasureCluster[] {
  const pool = theme ? measures.filter((m) => m.themes.includes(theme) || m.subGoalThemes.includes(theme)) : measures;
  const clusters: MeasureCluster[] = [];
  for (const members of averageLinkage(pool)) {
    const pilots = [...new Set(members.map((m) => m.pilot))];
    if (members.length < 2) continue;
    // the label is the measure most like the others
    const centre = members
      .map((m) => ({ m, mean: members.reduce((sum, o) => sum + (o === m ? 0 : cosine(m.vector, o.vector)), 0) / (members.length - 1) }))
      .sort((x, y) => y.mean - x.mean || x.m.text.length - y.m.text.length || x.m.id.localeCompare(y.m.id))[0]!.m;
    clusters.push({
      label: centre.text,
      pilots: pilots.sort(),
      measures: members.map((m) => m.id).sort(),
      cohesion: score(Math.min(...members.map((m) => (m === centre ? 1 : cosine(m.vector, centre.vector))))),
      sharedTerms: termsAcrossPilots(members),
      themes: THEMES.filter((t) => members.some((m) => m.themes.includes(t))),
    });
  }
  return clusters.sort((x, y) => y.pilots.length - x.pilots.length || x.label.localeCompare(y.label, 'nb'));
}

/**
 * Groups by average linkage: the two groups whose measures are likest on average are joined, as
 * long as that average is at or above SAME_MEASURE. Unlike joining every pair above it (single
 * linkage), a chain of near pairs ("felles strategi" – "planstrategi" – "plan for samhandling")
 * does not pull unrelated measures into one group.
 */
function averageLinkage(pool: MeasureDoc[]): MeasureDoc[][] {
  const sim = pool.map((a) => pool.map((b) => cosine(a.vector, b.vector)));
  let groups = pool.map((_, i) => [i]);
  const average = (x: number[], y: number[]) => {
    let sum = 0;
    for (const i of x) for (const j of y) sum += sim[i]![j]!;
    return sum / (x.length * y.length);
  };
  for (;;) {
    let best: [number, number, number] | undefined;
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        // only groups with a pair above the threshold can average above it: skip the rest cheaply
        if (!groups[i]!.some((a) => groups[j]!.some((b) => sim[a]![b]! >= SAME_MEASURE))) continue;
        const s = average(groups[i]!, groups[j]!);
        if (s >= SAME_MEASURE && (!best || s > best[2])) best = [i, j, s];
      }
    }
    if (!best) break;
    const [i, j] = best;
    groups = [...groups.filter((_, k) => k !== i && k !== j), [...groups[i]!, ...groups[j]!]];
  }
  return groups.map((g) => g.map((i) => pool[i]!));
}

function termsAcrossPilots(members: MeasureDoc[]): string[] {
  const pilotsOf = new Map<string, Set<string>>();
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      if (members[i]!.pilot === members[j]!.pilot) continue;
      for (const t of sharedTerms(members[i]!.vector, members[j]!.vector)) {
        const set = pilotsOf.get(t) ?? new Set<string>();
        set.add(members[i]!.pilot).add(members[j]!.pilot);
        pilotsOf.set(t, set);
      }
    }
  }
  return [...pilotsOf].sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0])).map(([t]) => t);
}
