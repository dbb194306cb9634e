/** "Which measures are like this one?" — measures across pilots at or above SAME_MEASURE to a description, the likest first. */
import type { QueryContext } from './context.ts';
import { measureIndex, SAME_MEASURE } from './measures.ts';
import { cosine, score, sharedTerms } from './meaning.ts';
import { type Page, type PageOf, pageOf } from './page.ts';

export interface ScoredMeasure {
  measure: string;
  score: number;
  sharedTerms: string[];
}

export async function similarMeasures(ctx: QueryContext, text: string, page: Page): Promise<PageOf<ScoredMeasure>> {
  const { measures, model } = await measureIndex(ctx);
  const query = model.vector(text);
  const alike = measures
    .map((m) => ({ measure: m.id, score: score(cosine(query, m.vector)), vector: m.vector }))
    .filter((m) => m.score >= SAME_MEASURE)
    .sort((a, b) => b.score - a.score || a.measure.localeCompare(b.measure));
  const { totalCount, items } = pageOf(alike, page);
  // the shared terms only of the page's measures: the rest are counted, not shown
  return { totalCount, items: items.map((m) => ({ measure: m.measure, score: m.score, sharedTerms: sharedTerms(query, m.vector) })) };
}
