/**
 * GraphQL resolvers: the questions call queries/, and the fields of every object load their
 * neighbours through the request's batched loaders.
 */
import { createGraphQLError } from 'graphql-yoga';
import type { Evidence } from '../domain/records.ts';
import { roleOf, type Role } from '../domain/roles.ts';
import type { QueryContext } from '../queries/context.ts';
import { compareAgreements, NotFound, type AgreementComparison } from '../queries/compare-agreements.ts';
import { byNumber, type Loaders, type Neighbour, type Properties } from '../queries/entities.ts';
import * as lookups from '../queries/lookups.ts';
import { partyNetwork } from '../queries/party-network.ts';
import { resolveParties } from '../queries/party-resolution.ts';
import { pilotsInvolving } from '../queries/pilots-involving.ts';
import { search } from '../queries/search.ts';
import { similarMeasures } from '../queries/similar-measures.ts';
import { transferableMeasures } from '../queries/transferable-measures.ts';
import type { Ingestor } from './ingest-upload.ts';

export interface RequestContext {
  query: QueryContext;
  loaders: Loaders;
  ingest: Ingestor;
  /** The Authorization header of the request. */
  authorization: string | null;
}


/** The largest page a list returns. */
export const MAX_LIMIT = 100;

function page(args: { limit?: number | null; offset?: number | null }): lookups.Page {
  const limit = args.limit ?? 50;
  const offset = args.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw createGraphQLError(`limit must be between 1 and ${MAX_LIMIT}`, { extensions: { code: 'BAD_USER_INPUT', argument: 'limit' } });
  }
  if (!Number.isInteger(offset) || offset < 0) throw createGraphQLError('offset must be 0 or more', { extensions: { code: 'BAD_USER_INPUT', argument: 'offset' } });
  return { limit, offset };
}

function text(value: string, argument: string, max = 500): string {
  if (value.length > max) throw createGraphQLError(`${argument} is longer than ${max} characters`, { extensions: { code: 'BAD_USER_INPUT', argument } });
  return value;
}

const evidenceOf = (props: Record<string, unknown> | undefined): Evidence | null =>
  props && props.document ? { document: props.document as string, page: props.page as number, quote: props.quote as string } : null;

const role = (n: Neighbour): Role => roleOf(n.type!, n.props);

async function nodes(loader: Loaders['nodes'][keyof Loaders['nodes']], ids: string[]): Promise<Properties[]> {
  return (await loader.loadMany(ids)).filter((n): n is Properties => n !== undefined && !(n instanceof Error));
}

const ids = (neighbours: Neighbour[]) => [...new Set(neighbours.map((n) => n.id))];

async function pilotOfAgreement(c: RequestContext, agreement: string): Promise<Properties | undefined> {
  const pilot = (await c.loaders.neighbours.agreementPilot.load(agreement))[0];
  return pilot ? c.loaders.nodes.Pilot.load(pilot.id) : undefined;
}

async function evidenceFor(c: RequestContext, label: 'FocusArea' | 'SubGoal' | 'Measure' | 'Obligation', id: string): Promise<Evidence | null> {
  const rows = await c.loaders.evidence[label].load(id);
  return evidenceOf(rows[0]?.props as Record<string, unknown> | undefined);
}

async function partyRoles(c: RequestContext, party: string) {
  const onAgreements = (await c.loaders.neighbours.partyAgreementRoles.load(party)).map((n) => ({
    role: role(n),
    agreement: n.id,
    subGoal: null as string | null,
    themes: (n.props?.themes as string[] | undefined) ?? [],
    evidence: evidenceOf(n.props),
  }));
  const onSubGoals = await Promise.all(
    (await c.loaders.neighbours.partySubGoalRoles.load(party)).map(async (n) => {
      const subGoal = await c.loaders.nodes.SubGoal.load(n.id);
      return { role: role(n), agreement: subGoal?.agreement as string, subGoal: n.id, themes: (subGoal?.themes as string[] | undefined) ?? [], evidence: evidenceOf(n.props) };
    }),
  );
  return [...onAgreements, ...onSubGoals];
}

async function cohort(c: RequestContext, pilot: Properties): Promise<number | null> {
  if (typeof pilot.cohort === 'number') return pilot.cohort;
  const agreements = await nodes(c.loaders.nodes.Agreement, ids(await c.loaders.neighbours.pilotAgreements.load(pilot.id)));
  // the evaluation report lists every cohort-1 pilot; any other Bygdevekst pilot is cohort 2
  return agreements.some((a) => a.scheme === 'BYGDEVEKST') ? 2 : null;
}

export const resolvers = {
  Query: {
    pilotsInvolving: async (_: unknown, args: { party: string; theme?: string | null }, c: RequestContext) =>
      pilotsInvolving(c.query, text(args.party, 'party', 200), args.theme ?? undefined),
    compareAgreements: async (_: unknown, args: { a: string; b: string }, c: RequestContext) => {
      try {
        return await compareAgreements(c.query, args.a, args.b);
      } catch (error) {
        if (error instanceof NotFound) throw createGraphQLError(error.message, { extensions: { code: 'NOT_FOUND' } });
        throw error;
      }
    },
    transferableMeasures: async (_: unknown, args: { theme?: string | null; minPilots?: number | null; limit?: number; offset?: number }, c: RequestContext) => {
      const p = page(args);
      const minPilots = args.minPilots ?? 2;
      if (minPilots < 1) throw createGraphQLError('minPilots must be 1 or more', { extensions: { code: 'BAD_USER_INPUT', argument: 'minPilots' } });
      return (await transferableMeasures(c.query, args.theme ?? undefined, minPilots)).slice(p.offset, p.offset + p.limit);
    },
    similarMeasures: async (_: unknown, args: { text: string; limit?: number }, c: RequestContext) =>
      similarMeasures(c.query, text(args.text, 'text'), page({ limit: args.limit ?? 10 }).limit),
    partyNetwork: async (_: unknown, args: { kinds?: string[] | null; minWeight?: number | null }, c: RequestContext) =>
      partyNetwork(c.query, args.kinds ?? undefined, args.minWeight ?? 1),
    search: async (_: unknown, args: { text: string; limit?: number }, c: RequestContext) => search(c.query, text(args.text, 'text'), page({ limit: args.limit ?? 20 }).limit),
    documents: (_: unknown, __: unknown, c: RequestContext) => lookups.documents(c.query),
    agreements: (_: unknown, args: { scheme?: string | null; language?: string | null; limit?: number; offset?: number }, c: RequestContext) =>
      lookups.agreements(c.query, { ...(args.scheme ? { scheme: args.scheme } : {}), ...(args.language ? { language: args.language } : {}) }, page(args)),
    agreement: (_: unknown, args: { id: string }, c: RequestContext) => c.loaders.nodes.Agreement.load(args.id),
    pilots: (_: unknown, args: { cohort?: number | null }, c: RequestContext) => lookups.pilots(c.query, args.cohort ?? undefined),
    parties: (_: unknown, args: { kind?: string | null; name?: string | null; limit?: number; offset?: number }, c: RequestContext) =>
      lookups.parties(c.query, { ...(args.kind ? { kind: args.kind } : {}), ...(args.name ? { name: text(args.name, 'name', 200) } : {}) }, page(args)),
    party: async (_: unknown, args: { name: string }, c: RequestContext) => (await resolveParties(c.query, text(args.name, 'name', 200)))[0] ?? null,
    subGoals: (_: unknown, args: { theme?: string | null; party?: string | null; pilot?: string | null; limit?: number; offset?: number }, c: RequestContext) =>
      lookups.subGoals(c.query, { ...(args.theme ? { theme: args.theme } : {}), ...(args.party ? { party: text(args.party, 'party', 200) } : {}), ...(args.pilot ? { pilot: args.pilot } : {}) }, page(args)),
    obligations: (_: unknown, args: { party?: string | null; modality?: string | null; limit?: number; offset?: number }, c: RequestContext) =>
      lookups.obligations(c.query, { ...(args.party ? { party: text(args.party, 'party', 200) } : {}), ...(args.modality ? { modality: args.modality } : {}) }, page(args)),
    planAnchors: (_: unknown, args: { limit?: number; offset?: number }, c: RequestContext) => lookups.planAnchors(c.query, page(args)),
    themes: (_: unknown, __: unknown, c: RequestContext) => lookups.themes(c.query),
  },

  Mutation: {
    ingestDocument: (_: unknown, args: { file: File }, c: RequestContext) => c.ingest.ingest(args.file, c.authorization),
  },

  Evidence: {
    url: (e: Evidence) => `/documents/${encodeURIComponent(e.document)}#page=${e.page}`,
  },

  Document: {
    agreements: async (d: Properties, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Agreement, ids(await c.loaders.neighbours.documentAgreements.load(d.id))),
  },

  Agreement: {
    pilot: (a: Properties, _: unknown, c: RequestContext) => pilotOfAgreement(c, a.id),
    documents: async (a: Properties, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Document, ids(await c.loaders.neighbours.agreementDocuments.load(a.id))),
    mainGoal: async (a: Properties, _: unknown, c: RequestContext) => {
      if (!a.mainGoal) return null;
      const documents = await nodes(c.loaders.nodes.Document, ids(await c.loaders.neighbours.agreementDocuments.load(a.id)));
      const document = documents.map((d) => d.file as string).sort()[0];
      return document ? { document, page: a.mainGoalPage, quote: a.mainGoal } : null;
    },
    mainParties: async (a: Properties, _: unknown, c: RequestContext) => rolesOn(c, a.id, 'MAIN_PARTY_OF'),
    specialRoles: async (a: Properties, _: unknown, c: RequestContext) => rolesOn(c, a.id, 'SPECIAL_ROLE_IN'),
    signatories: async (a: Properties, _: unknown, c: RequestContext) =>
      (await c.loaders.neighbours.agreementRoles.load(a.id))
        .filter((n) => n.type === 'SIGNED')
        .map((n) => ({ person: n.props?.person, office: n.props?.office, party: n.id, evidence: evidenceOf(n.props) })),
    focusAreas: async (a: Properties, _: unknown, c: RequestContext) =>
      (await nodes(c.loaders.nodes.FocusArea, ids(await c.loaders.neighbours.agreementFocusAreas.load(a.id)))).sort(byNumber),
    subGoals: async (a: Properties, _: unknown, c: RequestContext) => (await nodes(c.loaders.nodes.SubGoal, ids(await c.loaders.neighbours.agreementSubGoals.load(a.id)))).sort(byNumber),
    planAnchors: async (a: Properties, _: unknown, c: RequestContext) =>
      (await c.loaders.neighbours.agreementAnchors.load(a.id)).map((n) => ({ anchor: n.id, evidence: evidenceOf(n.props) })),
    obligations: async (a: Properties, args: { limit?: number; offset?: number }, c: RequestContext) => {
      const p = page(args);
      const list = ids(await c.loaders.neighbours.agreementObligations.load(a.id)).sort((x, y) => x.localeCompare(y, 'nb', { numeric: true }));
      return nodes(c.loaders.nodes.Obligation, list.slice(p.offset, p.offset + p.limit));
    },
  },

  AnchorInAgreement: {
    anchor: (x: { anchor: string }, _: unknown, c: RequestContext) => c.loaders.nodes.PlanAnchor.load(x.anchor),
  },

  Pilot: {
    otherNames: (p: Properties) => (p.otherNames as string[] | undefined) ?? [],
    cohort: (p: Properties, _: unknown, c: RequestContext) => cohort(c, p),
    municipalities: async (p: Properties, _: unknown, c: RequestContext) =>
      (await nodes(c.loaders.nodes.Party, ids(await c.loaders.neighbours.pilotMunicipalities.load(p.id)))).sort((x, y) => String(x.name).localeCompare(String(y.name), 'nb')),
    agreements: async (p: Properties, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Agreement, ids(await c.loaders.neighbours.pilotAgreements.load(p.id)).sort()),
  },

  Party: {
    aliases: (p: Properties) => (p.aliases as string[] | undefined) ?? [],
    roles: (p: Properties, _: unknown, c: RequestContext) => partyRoles(c, p.id),
    pilots: async (p: Properties, _: unknown, c: RequestContext) => {
      const agreements = [...new Set((await partyRoles(c, p.id)).map((r) => r.agreement))];
      const pilots = await Promise.all(agreements.map((a) => pilotOfAgreement(c, a)));
      const unique = new Map(pilots.filter((x): x is Properties => x !== undefined).map((x) => [x.id, x]));
      return [...unique.values()].sort((x, y) => String(x.name).localeCompare(String(y.name), 'nb'));
    },
  },

  PartyRole: {
    agreement: (r: { agreement: string }, _: unknown, c: RequestContext) => c.loaders.nodes.Agreement.load(r.agreement),
    subGoal: (r: { subGoal: string | null }, _: unknown, c: RequestContext) => (r.subGoal ? c.loaders.nodes.SubGoal.load(r.subGoal) : null),
  },

  PartyInRole: {
    party: (r: { party: string }, _: unknown, c: RequestContext) => c.loaders.nodes.Party.load(r.party),
  },

  Signatory: {
    party: (r: { party: string }, _: unknown, c: RequestContext) => c.loaders.nodes.Party.load(r.party),
  },

  FocusArea: {
    subGoals: async (f: Properties, _: unknown, c: RequestContext) => (await nodes(c.loaders.nodes.SubGoal, ids(await c.loaders.neighbours.focusAreaSubGoals.load(f.id)))).sort(byNumber),
    evidence: (f: Properties, _: unknown, c: RequestContext) => evidenceFor(c, 'FocusArea', f.id),
  },

  SubGoal: {
    themes: (s: Properties) => (s.themes as string[] | undefined) ?? [],
    agreement: (s: Properties, _: unknown, c: RequestContext) => c.loaders.nodes.Agreement.load(s.agreement as string),
    partners: (s: Properties, _: unknown, c: RequestContext) => linksOn(c, s, 'PARTNER_IN'),
    mayInvite: (s: Properties, _: unknown, c: RequestContext) => linksOn(c, s, 'MAY_INVITE'),
    measures: async (s: Properties, _: unknown, c: RequestContext) =>
      (await nodes(c.loaders.nodes.Measure, ids(await c.loaders.neighbours.subGoalMeasures.load(s.id)))).sort((x, y) => String(x.label).localeCompare(String(y.label), 'nb', { numeric: true })),
    evidence: (s: Properties, _: unknown, c: RequestContext) => evidenceFor(c, 'SubGoal', s.id),
  },

  Measure: {
    themes: (m: Properties) => (m.themes as string[] | undefined) ?? [],
    subGoal: (m: Properties, _: unknown, c: RequestContext) => c.loaders.nodes.SubGoal.load(m.subGoal as string),
    pilot: (m: Properties, _: unknown, c: RequestContext) => pilotOfAgreement(c, m.agreement as string),
    evidence: (m: Properties, _: unknown, c: RequestContext) => evidenceFor(c, 'Measure', m.id),
  },

  Obligation: {
    parties: async (o: Properties, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Party, ids(await c.loaders.neighbours.obligationParties.load(o.id)).sort()),
    agreement: (o: Properties, _: unknown, c: RequestContext) => c.loaders.nodes.Agreement.load(o.agreement as string),
    subGoal: (o: Properties, _: unknown, c: RequestContext) => (o.under && o.under !== o.agreement ? c.loaders.nodes.SubGoal.load(o.under as string) : null),
    evidence: (o: Properties, _: unknown, c: RequestContext) => evidenceFor(c, 'Obligation', o.id),
  },

  PlanAnchor: {
    agreements: async (x: Properties, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Agreement, ids(await c.loaders.neighbours.anchorAgreements.load(x.id)).sort()),
  },

  PilotInvolvement: {
    pilot: (e: { pilot: string }, _: unknown, c: RequestContext) => c.loaders.nodes.Pilot.load(e.pilot),
    agreement: async (e: { agreements: string[] }, _: unknown, c: RequestContext) => c.loaders.nodes.Agreement.load(e.agreements[0]!),
    agreements: (e: { agreements: string[] }, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Agreement, e.agreements),
    subGoals: (e: { subGoals: string[] }, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.SubGoal, e.subGoals),
  },

  AgreementComparison: {
    a: (x: AgreementComparison, _: unknown, c: RequestContext) => c.loaders.nodes.Agreement.load(x.a),
    b: (x: AgreementComparison, _: unknown, c: RequestContext) => c.loaders.nodes.Agreement.load(x.b),
    sharedParties: (x: AgreementComparison, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Party, x.sharedParties),
    sharedMunicipalities: (x: AgreementComparison, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Party, x.sharedMunicipalities),
    similarSubGoals: (x: AgreementComparison, args: { limit?: number }) => x.similarSubGoals.slice(0, page({ limit: args.limit ?? 10 }).limit),
  },

  SharedPlanAnchor: {
    a: (x: { a: string }, _: unknown, c: RequestContext) => c.loaders.nodes.PlanAnchor.load(x.a),
    b: (x: { b: string }, _: unknown, c: RequestContext) => c.loaders.nodes.PlanAnchor.load(x.b),
  },

  CrossReference: {
    from: (x: { from: string }, _: unknown, c: RequestContext) => c.loaders.nodes.Agreement.load(x.from),
    to: (x: { to: string }, _: unknown, c: RequestContext) => c.loaders.nodes.Agreement.load(x.to),
  },

  SubGoalPair: {
    a: (x: { a: string }, _: unknown, c: RequestContext) => c.loaders.nodes.SubGoal.load(x.a),
    b: (x: { b: string }, _: unknown, c: RequestContext) => c.loaders.nodes.SubGoal.load(x.b),
  },

  MeasureCluster: {
    pilots: (x: { pilots: string[] }, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Pilot, x.pilots),
    measures: (x: { measures: string[] }, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Measure, x.measures),
  },

  ScoredMeasure: {
    measure: (x: { measure: string }, _: unknown, c: RequestContext) => c.loaders.nodes.Measure.load(x.measure),
    text: async (x: { measure: string }, _: unknown, c: RequestContext) => (await c.loaders.nodes.Measure.load(x.measure))?.text,
    pilot: async (x: { measure: string }, _: unknown, c: RequestContext) => pilotOfAgreement(c, (await c.loaders.nodes.Measure.load(x.measure))?.agreement as string),
    evidence: (x: { measure: string }, _: unknown, c: RequestContext) => evidenceFor(c, 'Measure', x.measure),
  },

  NetworkNode: {
    pilots: (x: { pilots: string[] }, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Pilot, x.pilots),
  },

  NetworkEdge: {
    pilots: (x: { pilots: string[] }, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Pilot, x.pilots),
  },

  SearchHit: {
    evidence: (h: Evidence) => ({ document: h.document, page: h.page, quote: h.quote }),
  },

  IngestReport: {
    document: (r: { document: string | null }, _: unknown, c: RequestContext) => (r.document ? c.loaders.nodes.Document.load(r.document) : null),
    agreements: (r: { agreements: string[] }, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Agreement, r.agreements),
  },
};

async function rolesOn(c: RequestContext, agreement: string, type: string) {
  return (await c.loaders.neighbours.agreementRoles.load(agreement))
    .filter((n) => n.type === type)
    .map((n) => ({ party: n.id, role: role(n), themes: (n.props?.themes as string[] | undefined) ?? [], evidence: evidenceOf(n.props) }))
    .sort((x, y) => x.party.localeCompare(y.party));
}

async function linksOn(c: RequestContext, subGoal: Properties, type: string) {
  return (await c.loaders.neighbours.subGoalLinks.load(subGoal.id))
    .filter((n) => n.type === type)
    .map((n) => ({ party: n.id, role: role(n), themes: (subGoal.themes as string[] | undefined) ?? [], evidence: evidenceOf(n.props) }))
    .sort((x, y) => x.party.localeCompare(y.party));
}
