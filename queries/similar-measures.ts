/** "Which measures are like this one?" — measures across pilots at or above SAME_MEASURE to a description, the likest first. */
import type { QueryContext } from './context.ts';
import { measureIndex, SAME_MEASURE } from './measures.ts';
import { cosine, score, sharedTerms } from './meaning.ts';

export interface ScoredMeasure {
  measure: string;
  score: number;
  sharedTerms: string[];
}

export async function similarMeasures(ctx: QueryContext, text: string, limit: number): Promise<ScoredMeasure[]> {
  const { measures, model } = await measureIndex(ctx);
  const query = model.vector(text);
  return measures
    .map((m) => ({ measure: m.id, score: score(cosine(query, m.vector)), sharedTerms: sharedTerms(query, m.vector) }))
    .filter((m) => m.score >= SAME_MEASURE)
    .sort((a, b) => b.score - a.score || a.measure.localeCompare(b.measure))
    .slice(0, limit);
}
