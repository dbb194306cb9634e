/**
 * Search over everything the documents say: sub-goals, measures, obligations, and every other
 * paragraph, list item, table row and heading (passages). Query and texts are read by meaning
 * (meaning.ts: folded to bokmål, stemmed, compounds split, synonyms joined), and a query term
 * matches a text term that begins with it (or that it begins with), so "bustad" finds
 * "boligtilbudet" and "bygging" finds "boligbygging". The texts' terms are held in an inverted
 * index built once per version of the store (postings per term, the terms sorted for prefixes):
 * a search reads the postings of its terms, never every text, and keeps the best without
 * sorting every hit.
 */
import type { Evidence, Passage } from '../domain/records.ts';
import { defineCypher } from '../graph/cypher-registry.ts';
import { decodePassages } from '../graph/stored-passages.ts';
import type { QueryContext } from './context.ts';
import type { Page, PageOf } from './page.ts';
import { sentenceOf } from './evidence.ts';
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

type Row = Omit<SearchHit, 'score' | 'agreement' | 'section' | 'pageEnd' | 'method' | 'confidence' | 'quote'> & {
  /** null for a passage: its quote is its text. */
  quote: string | null;
  agreement: string | null;
  section: string | null;
  pageEnd: number | null;
  /** How the sentence was read (Evidence.method): null for the text layer. */
  method: Evidence['method'] | null;
  confidence: number | null;
};

const FACT_TEXTS = defineCypher<Row>(
  'question.search.texts',
  'read',
  `MATCH (s:SubGoal)-[:SUPPORTED_BY]->(e:Evidence)
   RETURN 'SUBGOAL' AS kind, s.id AS id, s.title AS text, s.agreement AS agreement, null AS section, e.document AS document, e.page AS page, e.pageEnd AS pageEnd, e.quote AS quote,
          e.method AS method, e.confidence AS confidence
   UNION ALL
   MATCH (m:Measure)-[:SUPPORTED_BY]->(e:Evidence)
   RETURN 'MEASURE' AS kind, m.id AS id, m.text AS text, m.agreement AS agreement, null AS section, e.document AS document, e.page AS page, e.pageEnd AS pageEnd, e.quote AS quote,
          e.method AS method, e.confidence AS confidence
   UNION ALL
   MATCH (o:Obligation)-[:SUPPORTED_BY]->(e:Evidence)
   RETURN 'OBLIGATION' AS kind, o.id AS id, o.quote AS text, o.agreement AS agreement, null AS section, e.document AS document, e.page AS page, e.pageEnd AS pageEnd, e.quote AS quote,
          e.method AS method, e.confidence AS confidence`,
);

const DOCUMENT_IDS = defineCypher<{ id: string }>('question.search.documents', 'read', 'MATCH (d:Document) RETURN d.id AS id');

/** The passages of some documents, one value per document (graph/stored-passages.ts). */
const PASSAGE_TEXTS = defineCypher<{ id: string; document: string; passages: string }>(
  'question.search.passages',
  'read',
  `UNWIND $documents AS doc
   MATCH (d:Document {id: doc})-[:HAS_TEXT]->(t:DocumentText)
   RETURN t.id AS id, d.file AS document, t.passages AS passages`,
);

/** A passage as a searchable row: its quote is its text, the same string. */
function passageRow(p: Passage): Row {
  const e = p.evidence;
  return { kind: 'PASSAGE', id: p.id, text: p.text, agreement: p.agreement ?? null, section: p.section ?? null, document: e.document, page: e.page, pageEnd: e.pageEnd ?? null, quote: null, method: e.method ?? null, confidence: e.confidence ?? null };
}

/** Documents whose passages are read at a time: most of what is searched, so the rows read at once stay few. */
const DOCUMENTS_PER_READ = 100;

interface Indexed extends Omit<SearchHit, 'score'> {
  /** How many distinct terms the text has: shorter texts rank first among equals. */
  size: number;
}

const MIN_PREFIX = 3;

/**
 * The inverted index: for each term, the rows holding it (ascending); the terms sorted, so that
 * the terms beginning with a query term are one range. A search reads the postings of the terms
 * its words match and scores those rows in flat arrays, never every text.
 */
interface Index {
  rows: Indexed[];
  postings: Map<string, Int32Array>;
  sortedTerms: string[];
  /** Each row's place in id order: ties in score go by id, without comparing strings. */
  idRank: Int32Array;
  /** Scratch space for one search (searches run one at a time on this thread), all zero between searches. */
  best: Float64Array;
  matched: Uint16Array;
  total: Float64Array;
  scores: Float64Array;
}

/** The inverted index of everything searchable, once per version of the store. */
export function searchIndex(ctx: QueryContext): Promise<Index> {
  return ctx.cached('search', async () => {
    const rows: Indexed[] = [];
    const building = new Map<string, number[]>();
    // the index outlives the rows read: a text and a quote that are the same words are one string, and a
    // document's, agreement's or section's name one string for all its texts
    const shared = new Map<string, string>();
    const one = (s: string) => shared.get(s) ?? (shared.set(s, s), s);
    const add = (r: Row) => {
      const terms = new Set(meaningTerms(r.text, { keepGeneric: true }));
      const id = rows.length;
      const quote = r.quote === null || r.quote === r.text ? r.text : r.quote;
      rows.push({
        kind: r.kind,
        id: r.id,
        text: r.text,
        ...sentenceOf({ ...(r as Evidence), document: one(r.document), quote }),
        ...(r.agreement ? { agreement: one(r.agreement) } : {}),
        ...(r.section ? { section: one(r.section) } : {}),
        size: terms.size,
      });
      for (const t of terms) {
        const list = building.get(t);
        if (list) list.push(id);
        else building.set(t, [id]);
      }
    };
    const facts = await ctx.read(FACT_TEXTS);
    // a passage that is exactly a sub-goal's heading or a measure's item is found as that
    const covered = new Set(facts.map((r) => `${r.document}\u0000${r.quote}`));
    facts.forEach(add);
    const documents = (await ctx.read(DOCUMENT_IDS)).map((d) => d.id);
    for (let i = 0; i < documents.length; i += DOCUMENTS_PER_READ) {
      for (const t of await ctx.read(PASSAGE_TEXTS, { documents: documents.slice(i, i + DOCUMENTS_PER_READ) })) {
        for (const p of decodePassages(t.id, t.document, t.passages)) {
          if (!covered.has(`${t.document}\u0000${p.text}`)) add(passageRow(p));
        }
      }
    }
    // packed once built: 4 bytes a posting, where a growable list of numbers takes 8 and its spare room
    const postings = new Map<string, Int32Array>();
    for (const [term, list] of building) postings.set(term, Int32Array.from(list));
    const n = rows.length;
    const idRank = new Int32Array(n);
    [...rows.keys()].sort((x, y) => rows[x]!.id.localeCompare(rows[y]!.id)).forEach((row, rank) => (idRank[row] = rank));
    const scratch = { best: new Float64Array(n), matched: new Uint16Array(n), total: new Float64Array(n), scores: new Float64Array(n) };
    return { rows, postings, sortedTerms: [...postings.keys()].sort(), idRank, ...scratch };
  });
}

/** The first index in sorted `terms` at which `prefix` could stand. */
function lowerBound(terms: string[], prefix: string): number {
  let [lo, hi] = [0, terms.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index's terms a query term matches: itself, those that begin with it, and those it begins with. */
function termsMatching(index: Index, q: string): string[] {
  const out = new Set<string>();
  if (index.postings.has(q)) out.add(q);
  if (q.length >= MIN_PREFIX) {
    for (let i = lowerBound(index.sortedTerms, q); i < index.sortedTerms.length && index.sortedTerms[i]!.startsWith(q); i++) out.add(index.sortedTerms[i]!);
    // the text's word is the shorter: "bolig" in a text, "boligbygging" asked
    for (let length = MIN_PREFIX; length < q.length; length++) if (index.postings.has(q.slice(0, length))) out.add(q.slice(0, length));
  }
  return [...out];
}

/** Scores every text that matches and hands their row numbers (unordered) to `use`; the scores are in `index.scores` until it returns. */
async function withScoredRows<T>(ctx: QueryContext, text: string, use: (index: Index, rows: number[]) => T): Promise<T> {
  const index = await searchIndex(ctx);
  const query = [...new Set(meaningTerms(text, { keepGeneric: true }))].filter((q) => q.length >= MIN_PREFIX || /^\p{Lu}+$/u.test(q));
  // from here to the end all is synchronous: no other search can use the scratch arrays meanwhile
  const { best, matched, total, scores } = index;
  const rows: number[] = [];
  const weight = (w: string) => Math.log((1 + index.rows.length) / (1 + index.postings.get(w)!.length)) + 1;
  for (const q of query) {
    // each query word counts once per text, by the weightiest of the text's terms it matches
    const inQ: number[] = [];
    for (const term of termsMatching(index, q)) {
      const w = weight(term);
      for (const row of index.postings.get(term)!) {
        if (best[row] === 0) inQ.push(row);
        if (w > best[row]!) best[row] = w;
      }
    }
    for (const row of inQ) {
      if (matched[row] === 0) rows.push(row);
      matched[row]!++;
      total[row]! += best[row]!;
      best[row] = 0;
    }
  }
  for (const row of rows) {
    // every query word found counts most; rarer words and shorter texts break ties
    scores[row] = score(matched[row]! / query.length + total[row]! / (10 * query.length * Math.sqrt(index.rows[row]!.size)));
    matched[row] = 0;
    total[row] = 0;
  }
  try {
    return use(index, rows);
  } finally {
    for (const row of rows) scores[row] = 0;
  }
}

/** Best first: by score, then by id. */
function bestFirst(index: Index) {
  const { scores, idRank } = index;
  return (x: number, y: number) => scores[y]! - scores[x]! || idRank[x]! - idRank[y]!;
}

function hitOf(index: Index, row: number): SearchHit {
  const { size: _size, ...hit } = index.rows[row]!;
  return { ...hit, score: index.scores[row]! };
}

/** Beyond this many, the best of a list are found by sorting it: insertion costs more than a sort. */
const INSERTION_MAX = 256;

/** The `limit` best of `rows`, best first, without sorting them all when `limit` is short. */
function topRows(rows: number[], limit: number, order: (x: number, y: number) => number): number[] {
  if (limit > INSERTION_MAX) return [...rows].sort(order).slice(0, limit);
  const top: number[] = [];
  for (const row of rows) {
    if (top.length === limit && order(row, top[limit - 1]!) >= 0) continue;
    // insertion into a short sorted list
    let i = Math.min(top.length, limit - 1);
    if (top.length < limit) top.push(row);
    while (i > 0 && order(row, top[i - 1]!) < 0) {
      top[i] = top[i - 1]!;
      i--;
    }
    top[i] = row;
  }
  return top;
}

/** The rows of `page` among the best of `rows`. */
function pageOfBest(rows: number[], page: Page, order: (x: number, y: number) => number): number[] {
  return topRows(rows, page.offset + page.limit, order).slice(page.offset);
}

export async function search(ctx: QueryContext, text: string, page: Page): Promise<PageOf<SearchHit>> {
  return withScoredRows(ctx, text, (index, rows) => ({ totalCount: rows.length, items: pageOfBest(rows, page, bestFirst(index)).map((row) => hitOf(index, row)) }));
}

/** The hits grouped by agreement (a document's general text is a group of its own), the best group first. */
export async function searchByAgreement(ctx: QueryContext, text: string, page: Page, hitsPerGroup: number): Promise<PageOf<SearchGroup>> {
  return withScoredRows(ctx, text, (index, rows) => {
    const order = bestFirst(index);
    const members = new Map<string, number[]>();
    for (const row of rows) {
      const r = index.rows[row]!;
      const key = r.agreement ?? `document:${r.document}`;
      const list = members.get(key);
      if (list) list.push(row);
      else members.set(key, [row]);
    }
    const groups = [...members.values()].map((list) => topRows(list, Math.max(1, hitsPerGroup), order));
    const keyOf = (group: number[]) => index.rows[group[0]!]!.agreement ?? index.rows[group[0]!]!.document;
    // a group ranks by its best hit's score, then by agreement (or document)
    const ranked = pageOfBest(
      groups.map((_, i) => i),
      page,
      (x, y) => index.scores[groups[y]![0]!]! - index.scores[groups[x]![0]!]! || keyOf(groups[x]!).localeCompare(keyOf(groups[y]!)),
    );
    const items = ranked.map((i) => {
      const hits = groups[i]!.map((row) => hitOf(index, row));
      const first = index.rows[groups[i]![0]!]!;
      return { ...(first.agreement ? { agreement: first.agreement } : {}), document: first.document, score: hits[0]!.score, hits: hits.slice(0, hitsPerGroup) };
    });
    return { totalCount: groups.length, items };
  });
}
