/** The GraphQL operations of the explorer and a small client for them (the browser talks only to /graphql). */
import type { AgreementDetail, AgreementInfo, Comparison, DocumentInfo, ExplorerData, Involvement, MeasureCluster, NetworkData, PartyDetail, PartyInfo, PilotInfo, ScoredMeasure, SearchGroup, SearchHit, SubGoalExtras, SubGoalInfo, Theme } from './types.ts';

const EVIDENCE = 'evidence { document page pageEnd quote url method confidence }';

const PILOTS = `{ pilots { id name cohort otherNames agreements { id title scheme } } }`;
const AGREEMENTS = `query($offset: Int!) { agreements(limit: 100, offset: $offset) {
  id title scheme language source validFrom validUntil validity { from until ${EVIDENCE} } pilot { id name }
} }`;
const PARTIES = `query($offset: Int!) { parties(limit: 100, offset: $offset) { id name kind aliases roles { role themes agreement { pilot { id } } } } }`;
const SUBGOALS = `query($offset: Int!) { subGoals(limit: 100, offset: $offset) {
  id number title themes
  agreement { id title pilot { id } }
  partners { party { id name } role ${EVIDENCE} }
  mayInvite { party { id name } }
  ${EVIDENCE}
} }`;
const DOCUMENTS = `{ documents { file warnings agreements { id title source } } }`;
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

const AGREEMENT_CORE = `
  id title validity { from until ${EVIDENCE} }
  obligations(limit: 100) { id modality action section parties { id name } subGoal { number title } ${EVIDENCE} }
  planAnchors { anchor { id name type } ${EVIDENCE} }`;
const SUBGOAL_CORE = `id number title themes partnerGroups mayInviteGroups ${EVIDENCE}`;
const SUBGOAL_EXTRAS = `groups { group { id name } role ${EVIDENCE} } themeReasons { theme words ${EVIDENCE} }`;
const agreementQuery = (extras: boolean) => `query($id: ID!) { agreement(id: $id) { ${AGREEMENT_CORE} subGoals { ${SUBGOAL_CORE} ${extras ? SUBGOAL_EXTRAS : ''} } } }`;
const MEASURE = `id text pilot { id name } subGoal { number title agreement { id title } } ${EVIDENCE}`;
const clustersQuery = (extras: boolean) => `query($theme: Theme) { transferableMeasures(theme: $theme, limit: 100) { label cohesion pilots { id name } measures { ${MEASURE} } ${extras ? 'sharedTerms themes' : ''} } }`;
const similarQuery = (extras: boolean) => `query($text: String!) { similarMeasures(text: $text, limit: 10) { score text pilot { id name } measure { id subGoal { number title agreement { id title } } } ${EVIDENCE} ${extras ? 'sharedTerms' : ''} } }`;
const HIT = `kind id text score section ${EVIDENCE}`;
const SEARCH_GROUPED = `query($text: String!) { searchByAgreement(text: $text, limit: 40, hitsPerGroup: 5) { agreement { id title } pilot { id name } document score hits { ${HIT} } } }`;
const SEARCH = `query($text: String!) { search(text: $text, limit: 40) { ${HIT} agreement { id title } pilot { id name } } }`;

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

  /** The same, or null when the API answers with errors (a field it does not give yet). */
  async optional<T>(query: string, variables: Record<string, unknown> = {}): Promise<T | null> {
    try {
      return await this.request<T>(query, variables);
    } catch (error) {
      if (error instanceof GraphQLRequestError) return null;
      throw error;
    }
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

  /**
   * Asks with the newer fields, and without them when the API does not give them yet (an error),
   * so that what it does give still shows.
   */
  private async withNewerFields<T>(query: (extras: boolean) => string, variables: Record<string, unknown>): Promise<T> {
    return (await this.optional<T>(query(true), variables)) ?? this.request<T>(query(false), variables);
  }

  async agreement(id: string): Promise<{ detail: AgreementDetail | null; extras: SubGoalExtras[] }> {
    type WithExtras = Omit<AgreementDetail, 'subGoals'> & { subGoals: (AgreementDetail['subGoals'][number] & Partial<SubGoalExtras>)[] };
    const { agreement } = await this.withNewerFields<{ agreement: WithExtras | null }>(agreementQuery, { id });
    if (!agreement) return { detail: null, extras: [] };
    const extras = agreement.subGoals.flatMap((s) => (s.groups && s.themeReasons ? [{ id: s.id, groups: s.groups, themeReasons: s.themeReasons }] : []));
    return { detail: agreement, extras };
  }

  /** Transferable clusters (on a theme), with their shared terms and themes where the API gives them. */
  async transferable(theme: Theme | null): Promise<MeasureCluster[]> {
    return (await this.withNewerFields<{ transferableMeasures: MeasureCluster[] }>(clustersQuery, { theme })).transferableMeasures;
  }

  async similar(text: string): Promise<ScoredMeasure[]> {
    return (await this.withNewerFields<{ similarMeasures: ScoredMeasure[] }>(similarQuery, { text })).similarMeasures;
  }

  /** Search hits grouped by agreement: the API's grouping, or (while it has none) the flat hits to group here. */
  async search(text: string): Promise<{ groups: SearchGroup[] } | { hits: SearchHit[] }> {
    const grouped = await this.optional<{ searchByAgreement: SearchGroup[] }>(SEARCH_GROUPED, { text });
    if (grouped?.searchByAgreement.length) return { groups: grouped.searchByAgreement };
    return { hits: (await this.request<{ search: SearchHit[] }>(SEARCH, { text })).search };
  }
}
