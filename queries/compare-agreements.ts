/**
 * "Where do two agreements overlap?" — shared parties and municipalities, shared themes, shared
 * plan anchors (the same anchor, or one whose name the other's contains), explicit
 * cross-references, and the most similar sub-goal pairs (TF-IDF cosine over stemmed, nb/nn-folded titles).
 */
import type { Evidence, Theme } from '../domain/records.ts';
import { defineCypher } from '../graph/cypher-registry.ts';
import type { QueryContext } from './context.ts';
import { NotFoundError } from './errors.ts';
import { cosine, placeTerms, score, terms, TfIdf } from './text-similarity.ts';

export interface AgreementComparison {
  a: string;
  b: string;
  sharedParties: string[];
  sharedMunicipalities: string[];
  sharedThemes: Theme[];
  sharedPlanAnchors: { a: string; b: string; name: string; exact: boolean }[];
  crossReferences: ({ from: string; to: string } & Evidence)[];
  similarSubGoals: { a: string; b: string; score: number }[];
}

// The two agreements are found by id (UNWIND … {id: id}), an index lookup; `WHERE a.id IN $ids`
// would scan every agreement on the embedded engine.
const EXISTS = defineCypher<{ id: string }>('question.compare.agreements', 'read', 'UNWIND $ids AS id MATCH (a:Agreement {id: id}) RETURN a.id AS id');

/** Which party (or municipality) takes part in which of the two agreements. */
type Participation = { agreement: string; party: string };

const PARTIES = defineCypher<Participation>(
  'question.compare.parties',
  'read',
  `UNWIND $ids AS id MATCH (a:Agreement {id: id})<-[:MAIN_PARTY_OF|SPECIAL_ROLE_IN|SIGNED]-(p:Party) RETURN a.id AS agreement, p.id AS party
   UNION
   UNWIND $ids AS id MATCH (a:Agreement {id: id})-[:HAS_SUBGOAL]->(:SubGoal)<-[:PARTNER_IN|MAY_INVITE]-(p:Party) RETURN a.id AS agreement, p.id AS party`,
);

const MUNICIPALITIES = defineCypher<Participation>(
  'question.compare.municipalities',
  'read',
  'UNWIND $ids AS id MATCH (a:Agreement {id: id})-[:FOR_PILOT]->(:Pilot)-[:INCLUDES]->(m:Party) RETURN a.id AS agreement, m.id AS party',
);

type SubGoalRow = { agreement: string; id: string; title: string; themes: Theme[] | null };

const SUBGOALS = defineCypher<SubGoalRow>(
  'question.compare.subgoals',
  'read',
  'UNWIND $ids AS id MATCH (a:Agreement {id: id})-[:HAS_SUBGOAL]->(s:SubGoal) RETURN a.id AS agreement, s.id AS id, s.title AS title, s.themes AS themes',
);

const ALL_SUBGOAL_TITLES = defineCypher<{ title: string }>('question.compare.all-subgoal-titles', 'read', 'MATCH (s:SubGoal) RETURN s.title AS title ORDER BY s.id');

/** Names of pilots and of their municipalities (a party without a name gives null). */
const PLACES = defineCypher<{ name: string | null }>(
  'question.compare.places',
  'read',
  `MATCH (pilot:Pilot) RETURN pilot.name AS name
   UNION
   MATCH (:Pilot)-[:INCLUDES]->(m:Party) RETURN m.name AS name`,
);

type AnchorRow = { agreement: string; id: string; name: string };

const ANCHORS = defineCypher<AnchorRow>(
  'question.compare.anchors',
  'read',
  'UNWIND $ids AS id MATCH (a:Agreement {id: id})-[:ANCHORED_IN]->(x:PlanAnchor) RETURN a.id AS agreement, x.id AS id, x.name AS name',
);

const REFERENCES = defineCypher<AgreementComparison['crossReferences'][number]>(
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

export async function compareAgreements(ctx: QueryContext, a: string, b: string): Promise<AgreementComparison> {
  const ids = [a, b];
  const found = new Set((await ctx.read(EXISTS, { ids })).map((r) => r.id));
  for (const id of ids) if (!found.has(id)) throw new NotFoundError('agreement', id);
  const shared = async (rows: Promise<Participation[]>) => {
    const sets = new Map([a, b].map((id) => [id, new Set<string>()]));
    for (const r of await rows) sets.get(r.agreement)?.add(r.party);
    return [...sets.get(a)!].filter((x) => sets.get(b)!.has(x)).sort();
  };

  const subGoals = await ctx.read(SUBGOALS, { ids });
  const themesOf = (agreement: string) => new Set(subGoals.filter((s) => s.agreement === agreement).flatMap((s) => s.themes ?? []));
  const themesB = themesOf(b);

  return {
    a,
    b,
    sharedParties: await shared(ctx.read(PARTIES, { ids })),
    sharedMunicipalities: await shared(ctx.read(MUNICIPALITIES, { ids })),
    sharedThemes: [...themesOf(a)].filter((t) => themesB.has(t)).sort(),
    sharedPlanAnchors: sharedAnchors(await ctx.read(ANCHORS, { ids }), a, b),
    crossReferences: (await ctx.read(REFERENCES, { ids })).map((r) => ({ from: r.from, to: r.to, document: r.document, page: r.page, quote: r.quote })),
    similarSubGoals: await similarPairs(ctx, subGoals, a, b),
  };
}

/** The same anchor, or two anchors where all the words of one name stand in the other (years and areas aside). */
function sharedAnchors(rows: AnchorRow[], a: string, b: string) {
  const of = (agreement: string) => rows.filter((r) => r.agreement === agreement).map((r) => ({ id: r.id, name: r.name, words: new Set(terms(r.name)) }));
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

async function similarPairs(ctx: QueryContext, subGoals: SubGoalRow[], a: string, b: string) {
  // pilot and municipality names say where, not what: they are left out of the comparison
  const model = await ctx.cached('subgoal-tfidf', async () => {
    const places = placeTerms((await ctx.read(PLACES)).map((r) => r.name).filter((n) => n !== null), TITLE_PREFIX);
    return new TfIdf((await ctx.read(ALL_SUBGOAL_TITLES)).map((r) => r.title), { prefix: TITLE_PREFIX, dropGeneric: true, ignore: places });
  });
  const side = (agreement: string) => subGoals.filter((s) => s.agreement === agreement).map((s) => ({ id: s.id, vector: model.vector(s.title) }));
  const pairs: AgreementComparison['similarSubGoals'] = [];
  for (const x of side(a)) for (const y of side(b)) {
    const s = score(cosine(x.vector, y.vector));
    if (s > 0) pairs.push({ a: x.id, b: y.id, score: s });
  }
  return pairs.sort((p, q) => q.score - p.score || p.a.localeCompare(q.a) || p.b.localeCompare(q.b));
}
