/** "Which measures are like this one?" — measures across pilots ranked by TF-IDF cosine to a description. */
import type { QueryContext } from './context.ts';
import { measureIndex } from './measures.ts';
import { cosine, score } from './text-similarity.ts';

export interface ScoredMeasure {
  measure: string;
  score: number;
}

export async function similarMeasures(ctx: QueryContext, text: string, limit: number): Promise<ScoredMeasure[]> {
  const { measures, model } = await measureIndex(ctx);
  const query = model.vector(text);
  return measures
    .map((m) => ({ measure: m.id, score: score(cosine(query, m.vector)) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.measure.localeCompare(b.measure))
    .slice(0, limit);
}
