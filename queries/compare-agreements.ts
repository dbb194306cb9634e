/**
 * "Where do two agreements overlap?" — shared parties and municipalities, shared themes, shared
 * plan anchors (the same anchor, or one whose name the other's contains), explicit
 * cross-references, and the most similar sub-goal pairs (TF-IDF cosine over stemmed, nb/nn-folded titles).
 */
import { defineCypher } from '../graph/cypher-registry.ts';
import type { QueryContext } from './context.ts';
import { cosine, placeTerms, score, terms, TfIdf } from './text-similarity.ts';

export interface AgreementComparison {
  a: string;
  b: string;
  sharedParties: string[];
  sharedMunicipalities: string[];
  sharedThemes: string[];
  sharedPlanAnchors: { a: string; b: string; name: string; exact: boolean }[];
  crossReferences: { from: string; to: string; document: string; page: number; quote: string }[];
  similarSubGoals: { a: string; b: string; score: number }[];
}

// The two agreements are found by id (UNWIND … {id: id}), an index lookup; `WHERE a.id IN $ids`
// would scan every agreement on the embedded engine.
const EXISTS = defineCypher('question.compare.agreements', 'read', 'UNWIND $ids AS id MATCH (a:Agreement {id: id}) RETURN a.id AS id');

const PARTIES = defineCypher(
  'question.compare.parties',
  'read',
  `UNWIND $ids AS id MATCH (a:Agreement {id: id})<-[:MAIN_PARTY_OF|SPECIAL_ROLE_IN|SIGNED]-(p:Party) RETURN a.id AS agreement, p.id AS party
   UNION
   UNWIND $ids AS id MATCH (a:Agreement {id: id})-[:HAS_SUBGOAL]->(:SubGoal)<-[:PARTNER_IN|MAY_INVITE]-(p:Party) RETURN a.id AS agreement, p.id AS party`,
);

const MUNICIPALITIES = defineCypher(
  'question.compare.municipalities',
  'read',
  'UNWIND $ids AS id MATCH (a:Agreement {id: id})-[:FOR_PILOT]->(:Pilot)-[:INCLUDES]->(m:Party) RETURN a.id AS agreement, m.id AS party',
);

const SUBGOALS = defineCypher(
  'question.compare.subgoals',
  'read',
  'UNWIND $ids AS id MATCH (a:Agreement {id: id})-[:HAS_SUBGOAL]->(s:SubGoal) RETURN a.id AS agreement, s.id AS id, s.title AS title, s.themes AS themes',
);

const ALL_SUBGOAL_TITLES = defineCypher('question.compare.all-subgoal-titles', 'read', 'MATCH (s:SubGoal) RETURN s.title AS title ORDER BY s.id');

const PLACES = defineCypher(
  'question.compare.places',
  'read',
  `MATCH (pilot:Pilot) RETURN pilot.name AS name
   UNION
   MATCH (:Pilot)-[:INCLUDES]->(m:Party) RETURN m.name AS name`,
);

const ANCHORS = defineCypher(
  'question.compare.anchors',
  'read',
  'UNWIND $ids AS id MATCH (a:Agreement {id: id})-[:ANCHORED_IN]->(x:PlanAnchor) RETURN a.id AS agreement, x.id AS id, x.name AS name',
);

const REFERENCES = defineCypher(
  'question.compare.references',
  'read',
  `UNWIND $ids AS id
   MATCH (a:Agreement {id: id})-[r:REFERENCES]->(b:Agreement)
   WHERE b.id IN $ids
   MATCH (x:CrossReference {id: r.via})-[:SUPPORTED_BY]->(e:Evidence)
   RETURN a.id AS from, b.id AS to, e.document AS document, e.page AS page, e.quote AS quote`,
);

/** Sub-goal titles are short: compare the first six letters of their words (see ComparisonOptions). */
const TITLE_PREFIX = 6;

export class NotFound extends Error {}

export async function compareAgreements(ctx: QueryContext, a: string, b: string): Promise<AgreementComparison> {
  const ids = [a, b];
  const found = new Set((await ctx.read(EXISTS, { ids })).map((r) => r.id as string));
  for (const id of ids) if (!found.has(id)) throw new NotFound(`no agreement with id ${id}`);
  const split = async (rows: Promise<Record<string, unknown>[]>, field: string) => {
    const sets = { [a]: new Set<string>(), [b]: new Set<string>() } as Record<string, Set<string>>;
    for (const r of await rows) sets[r.agreement as string]?.add(r[field] as string);
    return [...sets[a]!].filter((x) => sets[b]!.has(x)).sort();
  };

  const subGoals = await ctx.read(SUBGOALS, { ids });
  const themesOf = (agreement: string) => new Set(subGoals.filter((s) => s.agreement === agreement).flatMap((s) => (s.themes as string[] | null) ?? []));
  const themesB = themesOf(b);

  return {
    a,
    b,
    sharedParties: await split(ctx.read(PARTIES, { ids }), 'party'),
    sharedMunicipalities: await split(ctx.read(MUNICIPALITIES, { ids }), 'party'),
    sharedThemes: [...themesOf(a)].filter((t) => themesB.has(t)).sort(),
    sharedPlanAnchors: sharedAnchors(await ctx.read(ANCHORS, { ids }), a, b),
    crossReferences: (await ctx.read(REFERENCES, { ids })).map((r) => ({
      from: r.from as string,
      to: r.to as string,
      document: r.document as string,
      page: r.page as number,
      quote: r.quote as string,
    })),
    similarSubGoals: await similarPairs(ctx, subGoals, a, b),
  };
}

/** The same anchor, or two anchors where all the words of one name stand in the other (years and areas aside). */
function sharedAnchors(rows: Record<string, unknown>[], a: string, b: string) {
  const of = (agreement: string) => rows.filter((r) => r.agreement === agreement).map((r) => ({ id: r.id as string, name: r.name as string, words: new Set(terms(r.name as string)) }));
  const shared: AgreementComparison['sharedPlanAnchors'] = [];
  for (const x of of(a)) {
    for (const y of of(b)) {
      const exact = x.id === y.id;
      const [small, large] = x.words.size <= y.words.size ? [x.words, y.words] : [y.words, x.words];
      const contained = small.size >= 2 && [...small].every((w) => large.has(w));
      if (exact || contained) shared.push({ a: x.id, b: y.id, name: x.name, exact });
    }
  }
  return shared.sort((p, q) => Number(q.exact) - Number(p.exact) || p.name.localeCompare(q.name, 'nb'));
}

async function similarPairs(ctx: QueryContext, subGoals: Record<string, unknown>[], a: string, b: string) {
  // pilot and municipality names say where, not what: they are left out of the comparison
  const model = await ctx.cached('subgoal-tfidf', async () => {
    const places = placeTerms((await ctx.read(PLACES)).map((r) => r.name as string).filter((n) => n !== null), TITLE_PREFIX);
    return new TfIdf((await ctx.read(ALL_SUBGOAL_TITLES)).map((r) => r.title as string), { prefix: TITLE_PREFIX, dropGeneric: true, ignore: places });
  });
  const side = (agreement: string) => subGoals.filter((s) => s.agreement === agreement).map((s) => ({ id: s.id as string, vector: model.vector(s.title as string) }));
  const pairs: AgreementComparison['similarSubGoals'] = [];
  for (const x of side(a)) for (const y of side(b)) {
    const s = score(cosine(x.vector, y.vector));
    if (s > 0) pairs.push({ a: x.id, b: y.id, score: s });
  }
  return pairs.sort((p, q) => q.score - p.score || p.a.localeCompare(q.a) || p.b.localeCompare(q.b));
}
