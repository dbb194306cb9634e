/**
 * Stemmed search over sub-goals, measures and obligations in both written standards: query and
 * texts are folded to bokmål and stemmed, and a query word matches a text word that begins with
 * it (or that it begins with), so "bustad" finds "boligtilbudet" and "bolig" finds "bustader".
 */
import type { Evidence } from '../domain/records.ts';
import { defineCypher } from '../graph/cypher-registry.ts';
import type { QueryContext } from './context.ts';
import { score, terms } from './text-similarity.ts';

/** What a hit is: the kinds of text searched. */
export const HIT_KINDS = ['SUBGOAL', 'MEASURE', 'OBLIGATION'] as const;
type HitKind = (typeof HIT_KINDS)[number];

/** A text that matches, with the sentence it stands in. */
export interface SearchHit extends Evidence {
  kind: HitKind;
  id: string;
  text: string;
  score: number;
}

const SEARCHABLE = defineCypher<Omit<SearchHit, 'score'>>(
  'question.search.texts',
  'read',
  `MATCH (s:SubGoal)-[:SUPPORTED_BY]->(e:Evidence) RETURN 'SUBGOAL' AS kind, s.id AS id, s.title AS text, e.document AS document, e.page AS page, e.quote AS quote
   UNION ALL
   MATCH (m:Measure)-[:SUPPORTED_BY]->(e:Evidence) RETURN 'MEASURE' AS kind, m.id AS id, m.text AS text, e.document AS document, e.page AS page, e.quote AS quote
   UNION ALL
   MATCH (o:Obligation)-[:SUPPORTED_BY]->(e:Evidence) RETURN 'OBLIGATION' AS kind, o.id AS id, o.quote AS text, e.document AS document, e.page AS page, e.quote AS quote`,
);

interface Indexed extends Omit<SearchHit, 'score'> {
  words: Set<string>;
}

const MIN_PREFIX = 3;

export async function search(ctx: QueryContext, text: string, limit: number): Promise<SearchHit[]> {
  const index = await ctx.cached('search', async () => {
    const rows = (await ctx.read(SEARCHABLE)).map((r) => ({ ...r, words: new Set(terms(r.text)) }));
    const df = new Map<string, number>();
    for (const r of rows) for (const w of r.words) df.set(w, (df.get(w) ?? 0) + 1);
    return { rows, df };
  });
  const query = [...new Set(terms(text))].filter((q) => q.length >= MIN_PREFIX || /^\p{Lu}+$/u.test(q));
  if (query.length === 0) return [];
  const weight = (w: string) => Math.log((1 + index.rows.length) / (1 + (index.df.get(w) ?? 0))) + 1;
  const hits: SearchHit[] = [];
  for (const row of index.rows) {
    let matched = 0;
    let total = 0;
    for (const q of query) {
      const best = [...row.words].filter((w) => matches(q, w)).reduce((m, w) => Math.max(m, weight(w)), 0);
      if (best > 0) matched++;
      total += best;
    }
    if (matched === 0) continue;
    const { words: _words, ...hit } = row;
    // every query word found counts most; rarer words and shorter texts break ties
    hits.push({ ...hit, score: score(matched / query.length + total / (10 * query.length * Math.sqrt(row.words.size))) });
  }
  return hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
}

function matches(query: string, word: string): boolean {
  return word === query || (word.startsWith(query) && query.length >= MIN_PREFIX) || (query.startsWith(word) && word.length >= MIN_PREFIX);
}
