/** The GraphQL operations of the explorer and a small client for them (the browser talks only to /graphql). */
import type { AgreementDetail, AgreementInfo, Comparison, DocumentInfo, ExplorerData, Involvement, MeasureCluster, NetworkData, Page, PartyDetail, PartyInfo, PilotInfo, ScoredMeasure, SearchGroup, SearchHit, SubGoalExtras, SubGoalInfo, Theme } from './types.ts';

const EVIDENCE = 'evidence { document page pageEnd quote url method confidence }';

// Every list that grows with the corpus comes as a page ({ totalCount items }, at most 100 items).
// What the explorer computes with (pilots, agreements, parties and their roles, sub-goals,
// documents, the pilots involving a party) it walks page by page, so that it has the whole list; what it only shows (search hits,
// clusters, similar measures, a party's roles, an agreement's obligations) it asks one page of, and
// the view says "N of totalCount" when the list is longer.
const PILOTS = `query($offset: Int!) { pilots(limit: 100, offset: $offset) { totalCount items { id name cohort otherNames agreements { id title scheme } } } }`;
const AGREEMENTS = `query($offset: Int!) { agreements(limit: 100, offset: $offset) { totalCount items {
  id title scheme language source validFrom validUntil validity { from until ${EVIDENCE} } pilot { id name }
} } }`;
// 50 parties a page, each with up to 100 roles (a party with more gets the rest by PARTY_ROLES)
const PARTY_ROLE_INFO = 'role themes agreement { pilot { id } }';
const PARTIES = `query($offset: Int!) { parties(limit: 50, offset: $offset) { totalCount items { id name kind aliases roles(limit: 100) { totalCount items { ${PARTY_ROLE_INFO} } } } } }`;
const PARTY_ROLES = `query($name: String!, $offset: Int!) { party(name: $name) { roles(limit: 100, offset: $offset) { totalCount items { ${PARTY_ROLE_INFO} } } } }`;
const SUBGOALS = `query($offset: Int!) { subGoals(limit: 100, offset: $offset) { totalCount items {
  id number title themes
  agreement { id title pilot { id } }
  partners { party { id name } role ${EVIDENCE} }
  mayInvite { party { id name } }
  ${EVIDENCE}
} } }`;
const DOCUMENTS = `query($offset: Int!) { documents(limit: 100, offset: $offset) { totalCount items { file warnings agreements { id title source } } } }`;
// a node's pilots up to 50 and a link's up to 20 (within the cost limit; the corpus has 8 pilots, and a link's weight is its full count)
const NETWORK = `{ partyNetwork {
  nodes { id name kind degree betweenness pilots(limit: 50) { totalCount items { id } } }
  edges { source target weight pilots(limit: 20) { totalCount items { id } } }
} }`;
const PARTY = `query($name: String!) { party(name: $name) {
  id name kind aliases
  roles(limit: 100) { totalCount items { role themes agreement { id title pilot { id name } } subGoal { id number title themes } ${EVIDENCE} } }
} }`;
const INVOLVEMENT = `query($party: String!, $offset: Int!) { pilotsInvolving(party: $party, limit: 100, offset: $offset) { totalCount items { pilot { id name } subGoals { id themes } roles } } }`;
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
  obligations(limit: 100) { totalCount items { id modality action section parties { id name } subGoal { number title } ${EVIDENCE} } }
  planAnchors { anchor { id name type } ${EVIDENCE} }`;
const SUBGOAL_CORE = `id number title themes partnerGroups mayInviteGroups ${EVIDENCE}`;
const SUBGOAL_EXTRAS = `groups { group { id name } role ${EVIDENCE} } themeReasons { theme words ${EVIDENCE} }`;
const agreementQuery = (extras: boolean) => `query($id: ID!) { agreement(id: $id) { ${AGREEMENT_CORE} subGoals { ${SUBGOAL_CORE} ${extras ? SUBGOAL_EXTRAS : ''} } } }`;
const MEASURE = `id text pilot { id name } subGoal { number title agreement { id title } } ${EVIDENCE}`;
const clustersQuery = (extras: boolean) =>
  `query($theme: Theme) { transferableMeasures(theme: $theme, limit: 100) { totalCount items { label cohesion pilots(limit: 20) { totalCount items { id name } } measures(limit: 20) { totalCount items { ${MEASURE} } } ${extras ? 'sharedTerms themes' : ''} } } }`;
const similarQuery = (extras: boolean) =>
  `query($text: String!) { similarMeasures(text: $text, limit: 10) { totalCount items { score text pilot { id name } measure { id subGoal { number title agreement { id title } } } ${EVIDENCE} ${extras ? 'sharedTerms' : ''} } } }`;
const HIT = `kind id text score section ${EVIDENCE}`;
const SEARCH_GROUPED = `query($text: String!) { searchByAgreement(text: $text, limit: 40, hitsPerGroup: 5) { totalCount items { agreement { id title } pilot { id name } document score hits { ${HIT} } } } }`;
const SEARCH = `query($text: String!) { search(text: $text, limit: 40) { totalCount items { ${HIT} agreement { id title } pilot { id name } } } }`;

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

  /**
   * Every item of a paged list: asks `query` again with `offset` (and `variables`) until it has
   * `totalCount` items, starting after the items already `had`.
   */
  async pages<T, D>(query: string, pick: (data: D) => Page<T> | null | undefined, variables: Record<string, unknown> = {}, had: T[] = []): Promise<T[]> {
    const out = [...had];
    for (;;) {
      const page = pick(await this.request<D>(query, { ...variables, offset: out.length }));
      if (!page) return out;
      out.push(...page.items);
      if (page.items.length === 0 || out.length >= page.totalCount) return out;
    }
  }

  /** Every item of a top-level list field, page by page. */
  all<T>(query: string, field: string): Promise<T[]> {
    return this.pages(query, (data: Record<string, Page<T>>) => data[field]);
  }

  async load(): Promise<ExplorerData> {
    type PagedParty = Omit<PartyInfo, 'roles'> & { roles: Page<PartyInfo['roles'][number]> };
    type PagedNode = Omit<NetworkData['nodes'][number], 'pilots'> & { pilots: Page<{ id: string }> };
    type PagedEdge = Omit<NetworkData['edges'][number], 'pilots'> & { pilots: Page<{ id: string }> };
    const [pilots, agreements, pagedParties, subGoals, network, documents] = await Promise.all([
      this.all<PilotInfo>(PILOTS, 'pilots'),
      this.all<AgreementInfo>(AGREEMENTS, 'agreements'),
      this.all<PagedParty>(PARTIES, 'parties'),
      this.all<SubGoalInfo>(SUBGOALS, 'subGoals'),
      this.request<{ partyNetwork: { nodes: PagedNode[]; edges: PagedEdge[] } }>(NETWORK).then((d) => d.partyNetwork),
      this.all<DocumentInfo>(DOCUMENTS, 'documents'),
    ]);
    // the filters need every role of a party: the rest of a longer list, by the party's name
    const parties = await Promise.all(
      pagedParties.map(async (p): Promise<PartyInfo> => ({
        ...p,
        roles: p.roles.items.length < p.roles.totalCount ? await this.pages(PARTY_ROLES, (d: { party: { roles: Page<PartyInfo['roles'][number]> } | null }) => d.party?.roles, { name: p.name }, p.roles.items) : p.roles.items,
      })),
    );
    return {
      pilots,
      agreements,
      parties,
      subGoals,
      network: { nodes: network.nodes.map((n) => ({ ...n, pilots: n.pilots.items })), edges: network.edges.map((e) => ({ ...e, pilots: e.pilots.items })) },
      documents,
    };
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

  /** Every pilot involving the party, page by page (the matrix marks them all). */
  async involvement(party: string): Promise<Involvement[]> {
    return this.pages(INVOLVEMENT, (d: { pilotsInvolving: Page<Involvement> }) => d.pilotsInvolving, { party });
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

  /** The first page of transferable clusters (on a theme), with their shared terms and themes where the API gives them. */
  async transferable(theme: Theme | null): Promise<Page<MeasureCluster>> {
    return (await this.withNewerFields<{ transferableMeasures: Page<MeasureCluster> }>(clustersQuery, { theme })).transferableMeasures;
  }

  /** The first page of measures like the text. */
  async similar(text: string): Promise<Page<ScoredMeasure>> {
    return (await this.withNewerFields<{ similarMeasures: Page<ScoredMeasure> }>(similarQuery, { text })).similarMeasures;
  }

  /** The first page of search hits grouped by agreement: the API's grouping, or (while it has none) the flat hits to group here. */
  async search(text: string): Promise<{ groups: Page<SearchGroup> } | { hits: Page<SearchHit> }> {
    const grouped = await this.optional<{ searchByAgreement: Page<SearchGroup> }>(SEARCH_GROUPED, { text });
    if (grouped?.searchByAgreement.items.length) return { groups: grouped.searchByAgreement };
    return { hits: (await this.request<{ search: Page<SearchHit> }>(SEARCH, { text })).search };
  }
}
