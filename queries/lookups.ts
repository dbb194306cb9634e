/** The plain lookups: documents, agreements, pilots, parties, sub-goals, obligations, plan anchors, themes. */
import type { Language, Modality, Party, PartyKind, Scheme, Theme } from '../domain/records.ts';
import { defineCypher } from '../graph/cypher-registry.ts';
import type { AgreementProperties, DocumentProperties, ObligationProperties, PartnerGroupProperties, PilotProperties, PlanAnchorProperties, SubGoalProperties } from '../graph/properties.ts';
import type { QueryContext } from './context.ts';
import { type Page, type PageOf, pageOf } from './page.ts';
import { allParties, partiesNamed, resolveParties } from './party-resolution.ts';

const DOCUMENTS = defineCypher<{ props: DocumentProperties }>('lookup.documents', 'read', 'MATCH (d:Document) RETURN properties(d) AS props ORDER BY d.id SKIP $offset LIMIT $limit');

const DOCUMENT_COUNT = defineCypher<{ n: number }>('lookup.document-count', 'read', 'MATCH (d:Document) RETURN count(d) AS n');

const AGREEMENTS = defineCypher<{ props: AgreementProperties }>(
  'lookup.agreements',
  'read',
  `MATCH (a:Agreement)
   WHERE ($scheme IS NULL OR a.scheme = $scheme) AND ($language IS NULL OR a.language = $language)
   RETURN properties(a) AS props ORDER BY a.id SKIP $offset LIMIT $limit`,
);

const AGREEMENT_COUNT = defineCypher<{ n: number }>(
  'lookup.agreement-count',
  'read',
  `MATCH (a:Agreement)
   WHERE ($scheme IS NULL OR a.scheme = $scheme) AND ($language IS NULL OR a.language = $language)
   RETURN count(a) AS n`,
);

const PILOTS = defineCypher<{ props: PilotProperties; name: string; schemes: Scheme[] }>(
  'lookup.pilots',
  'read',
  `MATCH (p:Pilot)<-[:FOR_PILOT]-(a:Agreement)
   RETURN properties(p) AS props, p.name AS name, collect(a.scheme) AS schemes ORDER BY name`,
);

/**
 * What the sub-goal and obligation filters test, for every sub-goal and obligation, in id order:
 * read once per store version, so that a filtered page is found in memory and only its rows are
 * read (by id) — rather than every sub-goal's links read again for each request.
 */
const SUBGOAL_KEYS = defineCypher<{ id: string; pilots: string[]; themes: Theme[] | null; parties: string[] }>(
  'lookup.subgoal-keys',
  'read',
  `MATCH (pilot:Pilot)<-[:FOR_PILOT]-(:Agreement)-[:HAS_SUBGOAL]->(s:SubGoal)
   WITH s, collect(DISTINCT pilot.id) AS pilots
   OPTIONAL MATCH (s)<-[:PARTNER_IN|MAY_INVITE]-(p:Party)
   RETURN s.id AS id, pilots, s.themes AS themes, collect(DISTINCT p.id) AS parties ORDER BY id`,
);

const SUBGOALS_BY_ID = defineCypher<{ props: SubGoalProperties }>('lookup.subgoals-by-id', 'read', 'UNWIND $ids AS id MATCH (s:SubGoal {id: id}) RETURN properties(s) AS props');

const OBLIGATION_KEYS = defineCypher<{ id: string; modality: Modality | null; parties: string[] }>(
  'lookup.obligation-keys',
  'read',
  `MATCH (o:Obligation)
   OPTIONAL MATCH (o)-[:BINDS]->(p:Party)
   RETURN o.id AS id, o.modality AS modality, collect(DISTINCT p.id) AS parties ORDER BY id`,
);

const OBLIGATIONS_BY_ID = defineCypher<{ props: ObligationProperties }>('lookup.obligations-by-id', 'read', 'UNWIND $ids AS id MATCH (o:Obligation {id: id}) RETURN properties(o) AS props');

const PARTNER_GROUPS = defineCypher<{ props: PartnerGroupProperties }>('lookup.partner-groups', 'read', 'MATCH (g:PartnerGroup) RETURN properties(g) AS props ORDER BY g.name SKIP $offset LIMIT $limit');

const PARTNER_GROUP_COUNT = defineCypher<{ n: number }>('lookup.partner-group-count', 'read', 'MATCH (g:PartnerGroup) RETURN count(g) AS n');

const ANCHORS = defineCypher<{ props: PlanAnchorProperties }>('lookup.anchors', 'read', 'MATCH (x:PlanAnchor) RETURN properties(x) AS props ORDER BY x.id SKIP $offset LIMIT $limit');

const ANCHOR_COUNT = defineCypher<{ n: number }>('lookup.anchor-count', 'read', 'MATCH (x:PlanAnchor) RETURN count(x) AS n');

interface ThemeCount {
  theme: Theme;
  subGoals: number;
  measures: number;
}

const THEMES = defineCypher<ThemeCount>(
  'lookup.themes',
  'read',
  `MATCH (t:Theme)
   OPTIONAL MATCH (s:SubGoal)-[:ABOUT]->(t)
   WITH t, count(s) AS subGoals
   OPTIONAL MATCH (m:Measure)-[:ABOUT]->(t)
   RETURN t.name AS theme, subGoals, count(m) AS measures ORDER BY theme`,
);

const props = <P>(rows: { props: P }[]) => rows.map((r) => r.props);

/** How many rows a count statement finds, once per store version (`key` names the count and its filter). */
function countOf(ctx: QueryContext, key: string, cypher: typeof DOCUMENT_COUNT, params: Record<string, unknown> = {}): Promise<number> {
  return ctx.cached(`count:${key}`, async () => Number((await ctx.read(cypher, params))[0]?.n ?? 0));
}

/** A page read by SKIP/LIMIT, with its list's length counted beside it. */
async function countedPage<P>(rows: Promise<{ props: P }[]>, total: Promise<number>): Promise<PageOf<P>> {
  const [items, totalCount] = await Promise.all([rows, total]);
  return { totalCount, items: props(items) };
}

export async function documents(ctx: QueryContext, page: Page): Promise<PageOf<DocumentProperties>> {
  return countedPage(ctx.read(DOCUMENTS, { ...page }), countOf(ctx, 'documents', DOCUMENT_COUNT));
}

export interface AgreementFilter {
  scheme?: Scheme;
  language?: Language;
  /** Agreements that hold on this day (YYYY-MM-DD). */
  validOn?: string;
  /** Agreements that end before this day (YYYY-MM-DD). */
  expiresBefore?: string;
}

export async function agreements(ctx: QueryContext, filter: AgreementFilter, page: Page): Promise<PageOf<AgreementProperties>> {
  const base = { scheme: filter.scheme ?? null, language: filter.language ?? null };
  if (!filter.validOn && !filter.expiresBefore) return countedPage(ctx.read(AGREEMENTS, { ...base, ...page }), countOf(ctx, `agreements:${base.scheme}:${base.language}`, AGREEMENT_COUNT, base));
  // validity is a date or a year: compared in TypeScript, on all the agreements the other filters keep
  const all = props(await ctx.read(AGREEMENTS, { ...base, offset: 0, limit: 1_000_000 }));
  return pageOf(
    all.filter((a) => holds(a, filter)),
    page,
  );
}

/** Does an agreement's validity meet the filter? One without a validity meets no date filter. */
function holds(a: AgreementProperties, filter: AgreementFilter): boolean {
  if (!a.validFrom && !a.validUntil) return false;
  // a year stands for its first day as a start and its last day as an end
  const from = a.validFrom ? (a.validFrom.length === 4 ? `${a.validFrom}-01-01` : a.validFrom) : '0000-01-01';
  const until = a.validUntil ? (a.validUntil.length === 4 ? `${a.validUntil}-12-31` : a.validUntil) : '9999-12-31';
  if (filter.validOn && !(from <= filter.validOn && filter.validOn <= until)) return false;
  if (filter.expiresBefore && !(a.validUntil && until < filter.expiresBefore)) return false;
  return true;
}

/** A pilot with its cohort as the report states it or as it follows from its agreements (null when neither says). */
export type PilotWithCohort = Omit<PilotProperties, 'cohort'> & { cohort: number | null };

/**
 * Pilots with their cohort: as the report states it (cohort 1), else cohort 2 for a pilot with
 * a Bygdevekst agreement, since the report lists every cohort-1 pilot.
 */
export async function pilots(ctx: QueryContext, cohort?: number): Promise<PilotWithCohort[]> {
  const rows = await ctx.read(PILOTS);
  return rows
    .map((r) => {
      const p = r.props;
      const inferred = p.cohort ?? (r.schemes.includes('BYGDEVEKST') ? 2 : null);
      return { ...p, cohort: inferred };
    })
    .filter((p) => cohort === undefined || p.cohort === cohort);
}

export async function parties(ctx: QueryContext, filter: { kind?: PartyKind; name?: string }, page: Page): Promise<PageOf<Party>> {
  const all = filter.name ? await resolveParties(ctx, filter.name) : await allParties(ctx);
  return pageOf(
    all.filter((p) => !filter.kind || p.kind === filter.kind),
    page,
  );
}

/** The sub-goal and obligation filter keys, once per store version (the warm-up reads them ahead). */
export function filterKeys(ctx: QueryContext) {
  return ctx.cached('filter-keys', async () => ({ subGoals: await ctx.read(SUBGOAL_KEYS), obligations: await ctx.read(OBLIGATION_KEYS) }));
}

/** The rows of one page, by id, in the page's order. */
async function byIds<P extends { id: string }>(ctx: QueryContext, cypher: typeof SUBGOALS_BY_ID | typeof OBLIGATIONS_BY_ID, keys: { id: string }[], page: Page): Promise<PageOf<P>> {
  const ids = keys.slice(page.offset, page.offset + page.limit).map((k) => k.id);
  if (ids.length === 0) return { totalCount: keys.length, items: [] };
  const rows = props(await ctx.read(cypher as typeof SUBGOALS_BY_ID, { ids })) as unknown as P[];
  const at = new Map(rows.map((r) => [r.id, r]));
  return { totalCount: keys.length, items: ids.flatMap((id) => at.get(id) ?? []) };
}

const overlaps = (ids: string[], wanted: Set<string> | null) => wanted === null || ids.some((id) => wanted.has(id));

export async function subGoals(ctx: QueryContext, filter: { theme?: Theme; party?: string; pilot?: string }, page: Page): Promise<PageOf<SubGoalProperties>> {
  const parties = filter.party ? new Set((await partiesNamed(ctx, filter.party)).map((p) => p.id)) : null;
  const keys = (await filterKeys(ctx)).subGoals.filter(
    (k) => (!filter.theme || (k.themes ?? []).includes(filter.theme)) && (!filter.pilot || k.pilots.includes(filter.pilot)) && overlaps(k.parties, parties),
  );
  return byIds<SubGoalProperties>(ctx, SUBGOALS_BY_ID, keys, page);
}

export async function obligations(ctx: QueryContext, filter: { party?: string; modality?: Modality }, page: Page): Promise<PageOf<ObligationProperties>> {
  const parties = filter.party ? new Set((await partiesNamed(ctx, filter.party)).map((p) => p.id)) : null;
  const keys = (await filterKeys(ctx)).obligations.filter((k) => (!filter.modality || k.modality === filter.modality) && overlaps(k.parties, parties));
  return byIds<ObligationProperties>(ctx, OBLIGATIONS_BY_ID, keys, page);
}

export async function planAnchors(ctx: QueryContext, page: Page): Promise<PageOf<PlanAnchorProperties>> {
  return countedPage(ctx.read(ANCHORS, { ...page }), countOf(ctx, 'plan-anchors', ANCHOR_COUNT));
}

/** Kinds of actor named as partners or invitees, by name. */
export async function partnerGroups(ctx: QueryContext, page: Page): Promise<PageOf<PartnerGroupProperties>> {
  return countedPage(ctx.read(PARTNER_GROUPS, { ...page }), countOf(ctx, 'partner-groups', PARTNER_GROUP_COUNT));
}

export async function themes(ctx: QueryContext): Promise<ThemeCount[]> {
  return ctx.read(THEMES);
}
