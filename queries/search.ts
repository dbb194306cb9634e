/**
 * Search over everything the documents say: sub-goals, measures, obligations, and every other
 * paragraph, list item, table row and heading (passages). Query and texts are read by meaning
 * (meaning.ts: folded to bokmål, stemmed, compounds split, synonyms joined), and a query term
 * matches a text term that begins with it (or that it begins with), so "bustad" finds
 * "boligtilbudet" and "bygging" finds "boligbygging". The texts' terms are held in an inverted
 * index (MiniSearch), built once per version of the store: a search reads the postings of its
 * terms, never every text.
 */
import MiniSearch from 'minisearch';
import type { Evidence } from '../domain/records.ts';
import { defineCypher } from '../graph/cypher-registry.ts';
import type { QueryContext } from './context.ts';
import { meaningTerms, score } from './meaning.ts';

/** What a hit is: the kinds of text searched. */
export const HIT_KINDS = ['SUBGOAL', 'MEASURE', 'OBLIGATION', 'PASSAGE'] as const;
type HitKind = (typeof HIT_KINDS)[number];

/** A text that matches, with the sentence it stands in. */
export interface SearchHit extends Evidence {
  kind: HitKind;
  id: string;
  text: string;
  score: number;
  agreement?: string;
  section?: string;
}

/** The hits of one agreement (or of a document's general text). */
export interface SearchGroup {
  agreement?: string;
  document: string;
  score: number;
  hits: SearchHit[];
}

type Row = Omit<SearchHit, 'score' | 'agreement' | 'section' | 'pageEnd'> & { agreement: string | null; section: string | null; pageEnd: number | null };

const SEARCHABLE = defineCypher<Row>(
  'question.search.texts',
  'read',
  `MATCH (s:SubGoal)-[:SUPPORTED_BY]->(e:Evidence)
   RETURN 'SUBGOAL' AS kind, s.id AS id, s.title AS text, s.agreement AS agreement, null AS section, e.document AS document, e.page AS page, e.pageEnd AS pageEnd, e.quote AS quote
   UNION ALL
   MATCH (m:Measure)-[:SUPPORTED_BY]->(e:Evidence)
   RETURN 'MEASURE' AS kind, m.id AS id, m.text AS text, m.agreement AS agreement, null AS section, e.document AS document, e.page AS page, e.pageEnd AS pageEnd, e.quote AS quote
   UNION ALL
   MATCH (o:Obligation)-[:SUPPORTED_BY]->(e:Evidence)
   RETURN 'OBLIGATION' AS kind, o.id AS id, o.quote AS text, o.agreement AS agreement, null AS section, e.document AS document, e.page AS page, e.pageEnd AS pageEnd, e.quote AS quote
   UNION ALL
   MATCH (x:Passage)
   RETURN 'PASSAGE' AS kind, x.id AS id, x.text AS text, x.agreement AS agreement, x.section AS section, x.document AS document, x.page AS page, x.pageEnd AS pageEnd, x.text AS quote`,
);

interface Indexed extends Omit<SearchHit, 'score'> {
  words: Set<string>;
}

const MIN_PREFIX = 3;

interface Index {
  rows: Indexed[];
  df: Map<string, number>;
  /** Postings of every term: which rows hold it (and, by prefix, the terms that begin with a query term). */
  terms: MiniSearch<{ id: number; terms: string[] }>;
}

/** The inverted index of everything searchable, once per version of the store. */
export function searchIndex(ctx: QueryContext): Promise<Index> {
  return ctx.cached('search', async () => {
    const rows = await ctx.read(SEARCHABLE);
    // a passage that is exactly a sub-goal's heading or a measure's item is found as that
    const covered = new Set(rows.filter((r) => r.kind !== 'PASSAGE').map((r) => `${r.document}\u0000${r.quote}`));
    const indexed: Indexed[] = rows
      .filter((r) => r.kind !== 'PASSAGE' || !covered.has(`${r.document}\u0000${r.quote}`))
      .map((r) => ({
        kind: r.kind,
        id: r.id,
        text: r.text,
        document: r.document,
        page: r.page,
        ...(r.pageEnd ? { pageEnd: r.pageEnd } : {}),
        quote: r.quote,
        ...(r.agreement ? { agreement: r.agreement } : {}),
        ...(r.section ? { section: r.section } : {}),
        words: new Set(meaningTerms(r.text, { keepGeneric: true })),
      }));
    const df = new Map<string, number>();
    for (const r of indexed) for (const w of r.words) df.set(w, (df.get(w) ?? 0) + 1);
    // the texts come in as terms already (meaningTerms): the index neither splits nor folds them again
    const terms = new MiniSearch<{ id: number; terms: string[] }>({
      fields: ['terms'],
      extractField: (doc, field) => (field === 'terms' ? doc.terms.join(' ') : String(doc.id)),
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term,
    });
    terms.addAll(indexed.map((r, id) => ({ id, terms: [...r.words] })));
    return { rows: indexed, df, terms };
  });
}

/** The rows holding a term that begins with a query term, or that a query term begins with, and those terms. */
function candidates(index: Index, query: string[]): { row: Indexed; terms: string[] }[] {
  const queries = query.flatMap((q) => [
    { queries: [q], prefix: q.length >= MIN_PREFIX, combineWith: 'OR' as const },
    // the text's word is the shorter: "bolig" in a text, "boligbygging" asked
    ...Array.from({ length: Math.max(0, q.length - MIN_PREFIX) }, (_, i) => ({ queries: [q.slice(0, MIN_PREFIX + i)], prefix: false, combineWith: 'OR' as const })),
  ]);
  const found = index.terms.search({ queries, combineWith: 'OR' }, { fuzzy: false });
  return found.map((r) => ({ row: index.rows[r.id as number]!, terms: r.terms }));
}

/** Every hit, best first (not yet cut to a limit). */
async function allHits(ctx: QueryContext, text: string): Promise<SearchHit[]> {
  const index = await searchIndex(ctx);
  const query = [...new Set(meaningTerms(text, { keepGeneric: true }))].filter((q) => q.length >= MIN_PREFIX || /^\p{Lu}+$/u.test(q));
  if (query.length === 0) return [];
  const weight = (w: string) => Math.log((1 + index.rows.length) / (1 + (index.df.get(w) ?? 0))) + 1;
  const hits: SearchHit[] = [];
  for (const { row, terms } of candidates(index, query)) {
    let matched = 0;
    let total = 0;
    for (const q of query) {
      let best = 0;
      for (const w of terms) if (matches(q, w)) best = Math.max(best, weight(w));
      if (best > 0) matched++;
      total += best;
    }
    if (matched === 0) continue;
    const { words, ...hit } = row;
    // every query word found counts most; rarer words and shorter texts break ties
    hits.push({ ...hit, score: score(matched / query.length + total / (10 * query.length * Math.sqrt(words.size))) });
  }
  return hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

export async function search(ctx: QueryContext, text: string, limit: number): Promise<SearchHit[]> {
  return (await allHits(ctx, text)).slice(0, limit);
}

/** The hits grouped by agreement (a document's general text is a group of its own), the best group first. */
export async function searchByAgreement(ctx: QueryContext, text: string, limit: number, hitsPerGroup: number): Promise<SearchGroup[]> {
  const groups = new Map<string, SearchGroup>();
  for (const hit of await allHits(ctx, text)) {
    const key = hit.agreement ?? `document:${hit.document}`;
    const group = groups.get(key) ?? { ...(hit.agreement ? { agreement: hit.agreement } : {}), document: hit.document, score: hit.score, hits: [] };
    if (group.hits.length < hitsPerGroup) group.hits.push(hit);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.score - a.score || (a.agreement ?? a.document).localeCompare(b.agreement ?? b.document)).slice(0, limit);
}

function matches(query: string, word: string): boolean {
  return word === query || (word.startsWith(query) && query.length >= MIN_PREFIX) || (query.startsWith(word) && word.length >= MIN_PREFIX);
}
