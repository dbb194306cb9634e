/** The Query and Mutation resolvers: each question checks its arguments and asks queries/ (or the ingestor); what they throw for a missing id becomes NOT_FOUND here. */
import type { Language, Modality, PartyKind, Scheme, Theme } from '../../domain/records.ts';
import { compareAgreements } from '../../queries/compare-agreements.ts';
import * as lookups from '../../queries/lookups.ts';
import { partyNetwork } from '../../queries/party-network.ts';
import { partiesNamed } from '../../queries/party-resolution.ts';
import { pilotsInvolvingPage } from '../../queries/pilots-involving.ts';
import { search, searchByAgreement } from '../../queries/search.ts';
import { similarMeasures } from '../../queries/similar-measures.ts';
import { pageOf } from '../../queries/page.ts';
import { transferableMeasures } from '../../queries/transferable-measures.ts';
import { asClientError } from './errors.ts';
import { date, limit, minPilots, name, page, text } from './arguments.ts';
import type { RequestContext } from './context.ts';
import { answered } from './pages.ts';

interface Paged {
  limit?: number | null;
  offset?: number | null;
}

const query = {
  pilotsInvolving: async (_: unknown, args: { party: string; theme?: Theme | null } & Paged, c: RequestContext) => {
    const p = page({ limit: args.limit ?? 20, offset: args.offset });
    return answered(p, await pilotsInvolvingPage(c.query, name(args.party, 'party'), args.theme ?? undefined, p));
  },
  compareAgreements: async (_: unknown, args: { a: string; b: string }, c: RequestContext) => compareAgreements(c.query, args.a, args.b),
  transferableMeasures: async (_: unknown, args: { theme?: Theme | null; minPilots?: number | null } & Paged, c: RequestContext) => {
    const p = page(args);
    return answered(p, pageOf(await transferableMeasures(c.query, args.theme ?? undefined, minPilots(args.minPilots)), p));
  },
  similarMeasures: async (_: unknown, args: { text: string } & Paged, c: RequestContext) => {
    const p = page({ limit: args.limit ?? 10, offset: args.offset });
    return answered(p, await similarMeasures(c.query, text(args.text, 'text'), p));
  },
  partyNetwork: async (_: unknown, args: { kinds?: PartyKind[] | null; minWeight?: number | null; limit?: number | null }, c: RequestContext) =>
    partyNetwork(c.query, args.kinds ?? undefined, args.minWeight ?? 1, limit(args.limit, 100)),
  search: async (_: unknown, args: { text: string } & Paged, c: RequestContext) => {
    const p = page({ limit: args.limit ?? 20, offset: args.offset });
    return answered(p, await search(c.query, text(args.text, 'text'), p));
  },
  searchByAgreement: async (_: unknown, args: { text: string; hitsPerGroup?: number | null } & Paged, c: RequestContext) => {
    const p = page({ limit: args.limit ?? 20, offset: args.offset });
    return answered(p, await searchByAgreement(c.query, text(args.text, 'text'), p, limit(args.hitsPerGroup, 5)));
  },
  partnerGroups: async (_: unknown, args: Paged, c: RequestContext) => {
    const p = page(args);
    return answered(p, await lookups.partnerGroups(c.query, p));
  },
  documents: async (_: unknown, args: Paged, c: RequestContext) => {
    const p = page(args);
    return answered(p, await lookups.documents(c.query, p));
  },
  agreements: async (_: unknown, args: { scheme?: Scheme | null; language?: Language | null; validOn?: string | null; expiresBefore?: string | null } & Paged, c: RequestContext) => {
    const p = page(args);
    const filter = {
      ...(args.scheme ? { scheme: args.scheme } : {}),
      ...(args.language ? { language: args.language } : {}),
      ...(args.validOn ? { validOn: date(args.validOn, 'validOn') } : {}),
      ...(args.expiresBefore ? { expiresBefore: date(args.expiresBefore, 'expiresBefore') } : {}),
    };
    return answered(p, await lookups.agreements(c.query, filter, p));
  },
  agreement: (_: unknown, args: { id: string }, c: RequestContext) => c.loaders.nodes.Agreement.load(args.id),
  pilots: async (_: unknown, args: { cohort?: number | null } & Paged, c: RequestContext) => {
    const p = page(args);
    return answered(p, pageOf(await lookups.pilots(c.query, args.cohort ?? undefined), p));
  },
  parties: async (_: unknown, args: { kind?: PartyKind | null; name?: string | null } & Paged, c: RequestContext) => {
    const p = page(args);
    return answered(p, await lookups.parties(c.query, { ...(args.kind ? { kind: args.kind } : {}), ...(args.name ? { name: name(args.name, 'name') } : {}) }, p));
  },
  party: async (_: unknown, args: { name: string }, c: RequestContext) => (await partiesNamed(c.query, name(args.name, 'name')))[0]!,
  subGoals: async (_: unknown, args: { theme?: Theme | null; party?: string | null; pilot?: string | null } & Paged, c: RequestContext) => {
    const p = page(args);
    const filter = { ...(args.theme ? { theme: args.theme } : {}), ...(args.party ? { party: name(args.party, 'party') } : {}), ...(args.pilot ? { pilot: args.pilot } : {}) };
    return answered(p, await lookups.subGoals(c.query, filter, p));
  },
  obligations: async (_: unknown, args: { party?: string | null; modality?: Modality | null } & Paged, c: RequestContext) => {
    const p = page(args);
    return answered(p, await lookups.obligations(c.query, { ...(args.party ? { party: name(args.party, 'party') } : {}), ...(args.modality ? { modality: args.modality } : {}) }, p));
  },
  planAnchors: async (_: unknown, args: Paged, c: RequestContext) => {
    const p = page(args);
    return answered(p, await lookups.planAnchors(c.query, p));
  },
  // the sixteen themes are a closed vocabulary: a list that does not grow with the corpus
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
