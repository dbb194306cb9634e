/**
 * "Where do two agreements overlap?" — shared parties and municipalities, shared themes and
 * plan anchors (the same anchor, or one whose name the other's contains), each with the sentence
 * of both agreements it rests on; explicit cross-references; and sub-goal pairs alike in title
 * or body (meaning vectors, see meaning.ts) or tied by a sentence that names the other agreement.
 */
import type { Evidence, Passage, Theme } from '../domain/records.ts';
import { defineCypher } from '../graph/cypher-registry.ts';
import { decodePassages } from '../graph/stored-passages.ts';
import type { QueryContext } from './context.ts';
import { NotFoundError } from './errors.ts';
import { sentenceOf as evidence } from './evidence.ts';
import { cosine, MeaningModel, meaningTerms, score, sharedTerms } from './meaning.ts';
import { placeTerms } from './measures.ts';
import { placeNameOf } from '../domain/party-catalogue.ts';
import { ROLES, roleOf } from '../domain/roles.ts';

/** What made two sub-goals a pair. */
export const PAIR_BASES = ['TITLE', 'BODY', 'CROSS_REFERENCE'] as const;
export type PairBasis = (typeof PAIR_BASES)[number];

export interface SharedWithEvidence<T> {
  value: T;
  a: Evidence;
  b: Evidence;
}

export interface SubGoalPair {
  a: string;
  b: string;
  score: number;
  basis: PairBasis[];
  sharedTerms: string[];
  crossReference?: Evidence;
}

export interface AgreementComparison {
  a: string;
  b: string;
  sharedParties: SharedWithEvidence<string>[];
  sharedMunicipalities: SharedWithEvidence<string>[];
  sharedThemes: { theme: Theme; a: Evidence[]; b: Evidence[] }[];
  sharedPlanAnchors: { a: string; b: string; name: string; exact: boolean; evidenceA: Evidence; evidenceB: Evidence }[];
  crossReferences: ({ from: string; to: string } & Evidence)[];
  similarSubGoals: SubGoalPair[];
}

/**
 * How alike two sub-goals must be, by title or by body, to be paired. Below it the shared words
 * are the genre's own ("samarbeid", "region"), not a shared aim.
 */
export const SIMILAR_SUBGOALS = 0.25;
/** Sentences of each agreement shown for a shared theme. */
const THEME_EVIDENCE = 3;

// The two agreements are found by id (UNWIND … {id: id}), an index lookup; `WHERE a.id IN $ids`
// would scan every agreement on the embedded engine.
const EXISTS = defineCypher<{ id: string }>('question.compare.agreements', 'read', 'UNWIND $ids AS id MATCH (a:Agreement {id: id}) RETURN a.id AS id');

/** A party's part in one of the two agreements, with the sentence. */
type Participation = { agreement: string; party: string; type: string } & Evidence;

const PARTIES = defineCypher<Participation>(
  'question.compare.parties',
  'read',
  `UNWIND $ids AS id MATCH (a:Agreement {id: id})<-[r:MAIN_PARTY_OF|SPECIAL_ROLE_IN|SIGNED]-(p:Party)
   RETURN a.id AS agreement, p.id AS party, type(r) AS type, r.document AS document, r.page AS page, r.pageEnd AS pageEnd, r.quote AS quote,
          r.method AS method, r.confidence AS confidence
   UNION
   UNWIND $ids AS id MATCH (a:Agreement {id: id})-[:HAS_SUBGOAL]->(:SubGoal)<-[r:PARTNER_IN|MAY_INVITE]-(p:Party)
   RETURN a.id AS agreement, p.id AS party, type(r) AS type, r.document AS document, r.page AS page, r.pageEnd AS pageEnd, r.quote AS quote,
          r.method AS method, r.confidence AS confidence`,
);

const MUNICIPALITIES = defineCypher<{ agreement: string; party: string; name: string }>(
  'question.compare.municipalities',
  'read',
  'UNWIND $ids AS id MATCH (a:Agreement {id: id})-[:FOR_PILOT]->(:Pilot)-[:INCLUDES]->(m:Party) RETURN a.id AS agreement, m.id AS party, m.name AS name',
);

/** The passages of the documents describing the agreements (graph/stored-passages.ts): where a municipality that holds no role is named. */
const DOCUMENT_TEXTS = defineCypher<{ id: string; document: string; passages: string }>(
  'question.compare.passages',
  'read',
  `UNWIND $ids AS id MATCH (:Agreement {id: id})<-[:DESCRIBES]-(d:Document)-[:HAS_TEXT]->(t:DocumentText)
   RETURN DISTINCT t.id AS id, d.file AS document, t.passages AS passages ORDER BY id`,
);

/** The passages of the agreements, each document's in reading order. */
async function passagesOf(ctx: QueryContext, ids: string[]): Promise<Passage[]> {
  const texts = await ctx.read(DOCUMENT_TEXTS, { ids });
  return texts.flatMap((t) => decodePassages(t.id, t.document, t.passages)).filter((p) => p.agreement !== undefined && ids.includes(p.agreement));
}

type SubGoalRow = { agreement: string; id: string; title: string; body: string | null; quote: string };

const SUBGOALS = defineCypher<SubGoalRow>(
  'question.compare.subgoals',
  'read',
  `UNWIND $ids AS id MATCH (a:Agreement {id: id})-[:HAS_SUBGOAL]->(s:SubGoal)-[:SUPPORTED_BY]->(e:Evidence)
   RETURN a.id AS agreement, s.id AS id, s.title AS title, s.body AS body, e.quote AS quote ORDER BY s.id`,
);

const THEME_REASONS = defineCypher<{ agreement: string; theme: Theme } & Evidence>(
  'question.compare.theme-reasons',
  'read',
  `UNWIND $ids AS id MATCH (a:Agreement {id: id})-[:HAS_SUBGOAL]->(s:SubGoal)-[r:ABOUT]->(t:Theme)
   OPTIONAL MATCH (s)-[:SUPPORTED_BY]->(e:Evidence)
   RETURN a.id AS agreement, t.name AS theme, coalesce(r.document, e.document) AS document, coalesce(r.page, e.page) AS page,
          r.pageEnd AS pageEnd, coalesce(r.quote, e.quote) AS quote,
          CASE WHEN r.quote IS NULL THEN e.method ELSE r.method END AS method,
          CASE WHEN r.quote IS NULL THEN e.confidence ELSE r.confidence END AS confidence ORDER BY s.id`,
);

const ALL_SUBGOALS = defineCypher<{ id: string; title: string; body: string | null }>('question.compare.all-subgoals', 'read', 'MATCH (s:SubGoal) RETURN s.id AS id, s.title AS title, s.body AS body ORDER BY s.id');

type AnchorRow = { agreement: string; id: string; name: string } & Evidence;

const ANCHORS = defineCypher<AnchorRow>(
  'question.compare.anchors',
  'read',
  `UNWIND $ids AS id MATCH (a:Agreement {id: id})-[r:ANCHORED_IN]->(x:PlanAnchor)
   RETURN a.id AS agreement, x.id AS id, x.name AS name, r.document AS document, r.page AS page, r.pageEnd AS pageEnd, r.quote AS quote,
          r.method AS method, r.confidence AS confidence`,
);

const REFERENCES = defineCypher<AgreementComparison['crossReferences'][number]>(
  'question.compare.references',
  'read',
  `UNWIND $ids AS id
   MATCH (a:Agreement {id: id})-[r:REFERENCES]->(b:Agreement)
   WHERE b.id IN $ids
   MATCH (x:CrossReference {id: r.via})-[:SUPPORTED_BY]->(e:Evidence)
   RETURN a.id AS from, b.id AS to, e.document AS document, e.page AS page, e.pageEnd AS pageEnd, e.quote AS quote,
          e.method AS method, e.confidence AS confidence`,
);

export async function compareAgreements(ctx: QueryContext, a: string, b: string): Promise<AgreementComparison> {
  const ids = [a, b];
  const found = new Set((await ctx.read(EXISTS, { ids })).map((r) => r.id));
  for (const id of ids) if (!found.has(id)) throw new NotFoundError('agreement', id);

  const references = (await ctx.read(REFERENCES, { ids })).map((r) => ({ from: r.from, to: r.to, ...evidence(r) }));
  const roles = firstBy(strongestFirst(await ctx.read(PARTIES, { ids })), (r) => r.party);
  return {
    a,
    b,
    sharedParties: sharedParties(roles, a, b),
    sharedMunicipalities: await sharedMunicipalities(ctx, roles, a, b),
    sharedThemes: sharedThemes(await ctx.read(THEME_REASONS, { ids }), a, b),
    sharedPlanAnchors: sharedAnchors(await ctx.read(ANCHORS, { ids }), a, b),
    crossReferences: references,
    similarSubGoals: await similarPairs(ctx, await ctx.read(SUBGOALS, { ids }), references, a, b),
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Participations, the strongest tie first: its sentence is the one shown. */
function strongestFirst(rows: Participation[]): Participation[] {
  const rank = (r: Participation) => ROLES.indexOf(roleOf(r.type, undefined));
  return [...rows].sort((x, y) => rank(x) - rank(y));
}

/** Each agreement's first sentence for a key, by the order rows come in. */
function firstBy<R extends { agreement: string } & Evidence>(rows: R[], key: (r: R) => string): Map<string, Map<string, Evidence>> {
  const by = new Map<string, Map<string, Evidence>>();
  for (const r of rows) {
    const of = by.get(r.agreement) ?? new Map<string, Evidence>();
    if (!of.has(key(r)) && r.quote) of.set(key(r), evidence(r));
    by.set(r.agreement, of);
  }
  return by;
}

/** Each agreement's parties, each with the sentence of its strongest tie. */
type RoleSentences = Map<string, Map<string, Evidence>>;

function sharedParties(roles: RoleSentences, a: string, b: string): SharedWithEvidence<string>[] {
  const inA = roles.get(a) ?? new Map<string, Evidence>();
  const inB = roles.get(b) ?? new Map<string, Evidence>();
  return [...inA.keys()].filter((p) => inB.has(p)).sort().map((p) => ({ value: p, a: inA.get(p)!, b: inB.get(p)! }));
}

/** Municipalities of both pilots: where each agreement names it (its role, else the first passage naming it). */
async function sharedMunicipalities(ctx: QueryContext, roles: RoleSentences, a: string, b: string): Promise<SharedWithEvidence<string>[]> {
  const ids = [a, b];
  const rows = await ctx.read(MUNICIPALITIES, { ids });
  const names = new Map(rows.map((r) => [r.party, r.name]));
  const inA = new Set(rows.filter((r) => r.agreement === a).map((r) => r.party));
  const shared = [...new Set(rows.filter((r) => r.agreement === b && inA.has(r.party)).map((r) => r.party))].sort();
  if (shared.length === 0) return [];
  const passages = await passagesOf(ctx, ids);
  const where = (agreement: string, party: string): Evidence | undefined => {
    const role = roles.get(agreement)?.get(party);
    if (role) return role;
    const named = new RegExp(`(?<!\\p{L})${escape(placeNameOf(names.get(party)!).toLowerCase())}(?!\\p{L})`, 'u');
    const passage = passages.find((p) => p.agreement === agreement && named.test(p.text.toLowerCase()));
    return passage && evidence(passage.evidence);
  };
  return shared.flatMap((party) => {
    const [ea, eb] = [where(a, party), where(b, party)];
    return ea && eb ? [{ value: party, a: ea, b: eb }] : [];
  });
}

function sharedThemes(rows: ({ agreement: string; theme: Theme } & Evidence)[], a: string, b: string): AgreementComparison['sharedThemes'] {
  const of = (agreement: string) => {
    const by = new Map<Theme, Evidence[]>();
    for (const r of rows.filter((x) => x.agreement === agreement)) {
      const list = by.get(r.theme) ?? [];
      if (list.length < THEME_EVIDENCE && !list.some((e) => e.quote === r.quote)) list.push(evidence(r));
      by.set(r.theme, list);
    }
    return by;
  };
  const [inA, inB] = [of(a), of(b)];
  return [...inA.keys()].filter((t) => inB.has(t)).sort().map((theme) => ({ theme, a: inA.get(theme)!, b: inB.get(theme)! }));
}

/** The same anchor, or two anchors where all the words of one name stand in the other (years and areas aside). */
function sharedAnchors(rows: AnchorRow[], a: string, b: string): AgreementComparison['sharedPlanAnchors'] {
  const of = (agreement: string) => rows.filter((r) => r.agreement === agreement).map((r) => ({ ...r, words: new Set(meaningTerms(r.name, { keepGeneric: true })) }));
  const shared: AgreementComparison['sharedPlanAnchors'] = [];
  for (const x of of(a)) {
    for (const y of of(b)) {
      const exact = x.id === y.id;
      const [small, large] = x.words.size <= y.words.size ? [x.words, y.words] : [y.words, x.words];
      const contained = small.size >= 2 && [...small].every((w) => large.has(w));
      if (exact || contained) shared.push({ a: x.id, b: y.id, name: x.name, exact, evidenceA: evidence(x), evidenceB: evidence(y) });
    }
  }
  return shared.sort((p, q) => Number(q.exact) - Number(p.exact) || p.name.localeCompare(q.name, 'nb'));
}

/** Every sub-goal's meaning vectors (title, and title with body), worked out once per store version. */
export function subGoalMeaning(ctx: QueryContext) {
  return ctx.cached('subgoal-meaning', async () => {
    // pilot and municipality names say where, not what: they are left out of the comparison
    const places = await placeTerms(ctx);
    const all = await ctx.read(ALL_SUBGOALS);
    const bodyOf = (s: { title: string; body: string | null }) => `${s.title} ${s.body ?? ''}`;
    const titles = new MeaningModel(all.map((s) => s.title), places);
    const bodies = new MeaningModel(all.map(bodyOf), places);
    return { bodies, vectors: new Map(all.map((s) => [s.id, { title: titles.vector(s.title), body: bodies.vector(bodyOf(s)) }])) };
  });
}

async function similarPairs(ctx: QueryContext, subGoals: SubGoalRow[], references: AgreementComparison['crossReferences'], a: string, b: string): Promise<SubGoalPair[]> {
  const { bodies, vectors } = await subGoalMeaning(ctx);
  const side = (agreement: string) =>
    subGoals
      .filter((s) => s.agreement === agreement && vectors.has(s.id))
      .map((s) => ({ ...s, ...vectors.get(s.id)!, text: `${s.quote} ${s.body ?? ''}` }));
  const [left, right] = [side(a), side(b)];
  type Side = typeof left;
  // a cross-reference sentence standing in a sub-goal's text ties it to the other agreement's sub-goal most like that sentence
  const tied = new Map<string, Evidence>();
  const tie = (from: Side, to: Side, other: string, key: (x: string, y: string) => string) => {
    for (const x of from) {
      const ref = references.find((r) => r.to === other && x.text.includes(r.quote));
      if (!ref || to.length === 0) continue;
      const sentence = bodies.vector(ref.quote);
      const y = [...to].sort((p, q) => cosine(sentence, q.body) - cosine(sentence, p.body) || p.id.localeCompare(q.id))[0]!;
      tied.set(key(x.id, y.id), evidence(ref));
    }
  };
  tie(left, right, b, (x, y) => `${x}|${y}`);
  tie(right, left, a, (y, x) => `${x}|${y}`);
  const pairs: SubGoalPair[] = [];
  for (const x of left) {
    for (const y of right) {
      const [title, body] = [cosine(x.title, y.title), cosine(x.body, y.body)];
      const basis: PairBasis[] = [];
      if (title >= SIMILAR_SUBGOALS) basis.push('TITLE');
      if (body >= SIMILAR_SUBGOALS) basis.push('BODY');
      const ref = tied.get(`${x.id}|${y.id}`);
      if (ref) basis.push('CROSS_REFERENCE');
      if (basis.length === 0) continue;
      pairs.push({ a: x.id, b: y.id, score: score(Math.max(title, body)), basis, sharedTerms: sharedTerms(x.body, y.body), ...(ref ? { crossReference: ref } : {}) });
    }
  }
  return pairs.sort((p, q) => q.score - p.score || p.a.localeCompare(q.a) || p.b.localeCompare(q.b));
}
