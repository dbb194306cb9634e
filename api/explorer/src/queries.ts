/** The GraphQL operations of the explorer and a small client for them (the browser talks only to /graphql). */
import type { AgreementInfo, Comparison, DocumentInfo, ExplorerData, Involvement, NetworkData, PartyDetail, PartyInfo, PilotInfo, SubGoalInfo } from './types.ts';

const EVIDENCE = 'evidence { document page quote url }';

const PILOTS = `{ pilots { id name cohort otherNames agreements { id title scheme } } }`;
const AGREEMENTS = `query($offset: Int!) { agreements(limit: 100, offset: $offset) { id title scheme language pilot { id name } } }`;
const PARTIES = `query($offset: Int!) { parties(limit: 100, offset: $offset) { id name kind aliases roles { role themes agreement { pilot { id } } } } }`;
const SUBGOALS = `query($offset: Int!) { subGoals(limit: 100, offset: $offset) {
  id number title themes
  agreement { id title pilot { id } }
  partners { party { id name } role ${EVIDENCE} }
  mayInvite { party { id name } }
  ${EVIDENCE}
} }`;
const DOCUMENTS = `{ documents { file warnings } }`;
const NETWORK = `{ partyNetwork { nodes { id name kind degree betweenness pilots { id } } edges { source target weight pilots { id } } } }`;
const PARTY = `query($name: String!) { party(name: $name) {
  id name kind aliases
  roles { role themes agreement { id title pilot { id name } } subGoal { id number title themes } ${EVIDENCE} }
} }`;
const INVOLVEMENT = `query($party: String!) { pilotsInvolving(party: $party) { pilot { id name } subGoals { id themes } roles } }`;
const COMPARE = `query($a: ID!, $b: ID!) { compareAgreements(a: $a, b: $b) {
  a { id title } b { id title }
  sharedParties { id name kind }
  sharedMunicipalities { id name }
  sharedThemes
  sharedPlanAnchors { name exact a { name } b { name } }
  crossReferences { from { id title } to { id title } document page quote }
  similarSubGoals(limit: 5) { a { number title ${EVIDENCE} } b { number title ${EVIDENCE} } score }
} }`;

export type Fetch = (input: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/** A GraphQL answer with errors: their messages, codes and, for an unknown party name, the closest known names. */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly codes: string[],
    readonly suggestions: string[],
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

/** A party by name, or the closest known names when none has it. */
export interface PartyLookup {
  party: PartyDetail | null;
  suggestions: string[];
}

export class GraphQLClient {
  constructor(private readonly endpoint = '/graphql', private readonly fetcher: Fetch = (i, o) => fetch(i, o)) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await this.fetcher(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string; suggestions?: string[] } }[] };
    if (body.errors?.length) {
      throw new GraphQLRequestError(
        body.errors.map((e) => e.message).join('; '),
        body.errors.map((e) => e.extensions?.code ?? ''),
        body.errors.flatMap((e) => e.extensions?.suggestions ?? []),
      );
    }
    if (!response.ok || !body.data) throw new Error(`GraphQL request failed with status ${response.status}`);
    return body.data;
  }

  /** Every page of a list field (the API gives at most 100 per request). */
  async all<T>(query: string, field: string): Promise<T[]> {
    const out: T[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = (await this.request<Record<string, T[]>>(query, { offset }))[field] ?? [];
      out.push(...page);
      if (page.length < 100) return out;
    }
  }

  async load(): Promise<ExplorerData> {
    const [pilots, agreements, parties, subGoals, network, documents] = await Promise.all([
      this.request<{ pilots: PilotInfo[] }>(PILOTS).then((d) => d.pilots),
      this.all<AgreementInfo>(AGREEMENTS, 'agreements'),
      this.all<PartyInfo>(PARTIES, 'parties'),
      this.all<SubGoalInfo>(SUBGOALS, 'subGoals'),
      this.request<{ partyNetwork: NetworkData }>(NETWORK).then((d) => d.partyNetwork),
      this.request<{ documents: DocumentInfo[] }>(DOCUMENTS).then((d) => d.documents),
    ]);
    return { pilots, agreements, parties, subGoals, network, documents };
  }

  async party(name: string): Promise<PartyDetail | null> {
    return (await this.lookUpParty(name)).party;
  }

  /** A party by name; for a name the graph does not know, the closest known names instead. */
  async lookUpParty(name: string): Promise<PartyLookup> {
    try {
      return { party: (await this.request<{ party: PartyDetail | null }>(PARTY, { name })).party, suggestions: [] };
    } catch (error) {
      if (error instanceof GraphQLRequestError && error.codes.includes('NOT_FOUND')) return { party: null, suggestions: error.suggestions };
      throw error;
    }
  }

  async involvement(party: string): Promise<Involvement[]> {
    return (await this.request<{ pilotsInvolving: Involvement[] }>(INVOLVEMENT, { party })).pilotsInvolving;
  }

  async compare(a: string, b: string): Promise<Comparison> {
    return (await this.request<{ compareAgreements: Comparison }>(COMPARE, { a, b })).compareAgreements;
  }
}
