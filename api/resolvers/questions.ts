/** The Query and Mutation resolvers: each question checks its arguments and asks queries/ (or the ingestor); what they throw for a missing id becomes NOT_FOUND here. */
import type { Language, Modality, PartyKind, Scheme, Theme } from '../../domain/records.ts';
import { compareAgreements } from '../../queries/compare-agreements.ts';
import * as lookups from '../../queries/lookups.ts';
import { partyNetwork } from '../../queries/party-network.ts';
import { partiesNamed } from '../../queries/party-resolution.ts';
import { pilotsInvolving } from '../../queries/pilots-involving.ts';
import { search, searchByAgreement } from '../../queries/search.ts';
import { similarMeasures } from '../../queries/similar-measures.ts';
import { transferableMeasures } from '../../queries/transferable-measures.ts';
import { asClientError } from './errors.ts';
import { date, limit, minPilots, name, page, text } from './arguments.ts';
import type { RequestContext } from './context.ts';

interface Paged {
  limit?: number | null;
  offset?: number | null;
}

const query = {
  pilotsInvolving: async (_: unknown, args: { party: string; theme?: Theme | null } & Paged, c: RequestContext) => {
    const p = page({ limit: args.limit ?? 20, offset: args.offset });
    return (await pilotsInvolving(c.query, name(args.party, 'party'), args.theme ?? undefined)).slice(p.offset, p.offset + p.limit);
  },
  compareAgreements: async (_: unknown, args: { a: string; b: string }, c: RequestContext) => compareAgreements(c.query, args.a, args.b),
  transferableMeasures: async (_: unknown, args: { theme?: Theme | null; minPilots?: number | null } & Paged, c: RequestContext) => {
    const p = page(args);
    return (await transferableMeasures(c.query, args.theme ?? undefined, minPilots(args.minPilots))).slice(p.offset, p.offset + p.limit);
  },
  similarMeasures: async (_: unknown, args: { text: string; limit?: number | null }, c: RequestContext) => similarMeasures(c.query, text(args.text, 'text'), limit(args.limit, 10)),
  partyNetwork: async (_: unknown, args: { kinds?: PartyKind[] | null; minWeight?: number | null; limit?: number | null }, c: RequestContext) =>
    partyNetwork(c.query, args.kinds ?? undefined, args.minWeight ?? 1, limit(args.limit, 100)),
  search: async (_: unknown, args: { text: string; limit?: number | null }, c: RequestContext) => search(c.query, text(args.text, 'text'), limit(args.limit, 20)),
  searchByAgreement: async (_: unknown, args: { text: string; limit?: number | null; hitsPerGroup?: number | null }, c: RequestContext) =>
    searchByAgreement(c.query, text(args.text, 'text'), limit(args.limit, 20), limit(args.hitsPerGroup, 5)),
  partnerGroups: (_: unknown, args: Paged, c: RequestContext) => lookups.partnerGroups(c.query, page(args)),
  documents: (_: unknown, __: unknown, c: RequestContext) => lookups.documents(c.query),
  agreements: (_: unknown, args: { scheme?: Scheme | null; language?: Language | null; validOn?: string | null; expiresBefore?: string | null } & Paged, c: RequestContext) =>
    lookups.agreements(
      c.query,
      {
        ...(args.scheme ? { scheme: args.scheme } : {}),
        ...(args.language ? { language: args.language } : {}),
        ...(args.validOn ? { validOn: date(args.validOn, 'validOn') } : {}),
        ...(args.expiresBefore ? { expiresBefore: date(args.expiresBefore, 'expiresBefore') } : {}),
      },
      page(args),
    ),
  agreement: (_: unknown, args: { id: string }, c: RequestContext) => c.loaders.nodes.Agreement.load(args.id),
  pilots: (_: unknown, args: { cohort?: number | null }, c: RequestContext) => lookups.pilots(c.query, args.cohort ?? undefined),
  parties: (_: unknown, args: { kind?: PartyKind | null; name?: string | null } & Paged, c: RequestContext) =>
    lookups.parties(c.query, { ...(args.kind ? { kind: args.kind } : {}), ...(args.name ? { name: name(args.name, 'name') } : {}) }, page(args)),
  party: async (_: unknown, args: { name: string }, c: RequestContext) => (await partiesNamed(c.query, name(args.name, 'name')))[0]!,
  subGoals: (_: unknown, args: { theme?: Theme | null; party?: string | null; pilot?: string | null } & Paged, c: RequestContext) =>
    lookups.subGoals(c.query, { ...(args.theme ? { theme: args.theme } : {}), ...(args.party ? { party: name(args.party, 'party') } : {}), ...(args.pilot ? { pilot: args.pilot } : {}) }, page(args)),
  obligations: (_: unknown, args: { party?: string | null; modality?: Modality | null } & Paged, c: RequestContext) =>
    lookups.obligations(c.query, { ...(args.party ? { party: name(args.party, 'party') } : {}), ...(args.modality ? { modality: args.modality } : {}) }, page(args)),
  planAnchors: (_: unknown, args: Paged, c: RequestContext) => lookups.planAnchors(c.query, page(args)),
  themes: (_: unknown, __: unknown, c: RequestContext) => lookups.themes(c.query),
};

type Resolver = (parent: unknown, args: never, c: RequestContext) => unknown;

/** The resolvers, each with its errors turned into what a client may see (asClientError). */
function answering<T extends Record<string, Resolver>>(resolvers: T): T {
  const wrapped = Object.entries(resolvers).map(([field, resolve]) => [
    field,
    async (...args: Parameters<Resolver>) => {
      try {
        return await resolve(...args);
      } catch (error) {
        throw asClientError(error);
      }
    },
  ]);
  // Object.fromEntries cannot say that each field keeps its signature: it does, only its errors change
  return Object.fromEntries(wrapped) as T;
}

export const Query = answering(query);

export const Mutation = {
  ingestDocument: (_: unknown, args: { file: File; replaces?: string | null }, c: RequestContext) => c.ingest.ingest(args.file, c.authorization, args.replaces),
};
