/**
 * The resolvers of the graph's own types (Document, Agreement, Pilot, Party, FocusArea, SubGoal,
 * Measure, Obligation, PlanAnchor and the ties between them) and of the questions' answer types
 * (PilotInvolvement, AgreementComparison, …): each field loads the nodes it names through the
 * request's batched loaders.
 */
import type DataLoader from 'dataloader';
import { READ_METHOD_NAMES, type Evidence, type Party, type Theme } from '../../domain/records.ts';
import type {
  AgreementProperties,
  AgreementRole,
  DocumentProperties,
  FocusAreaProperties,
  MeasureProperties,
  ObligationProperties,
  PartyProperties,
  PilotProperties,
  PartnerGroupProperties,
  PlanAnchorProperties,
  SubGoalProperties,
} from '../../graph/properties.ts';
import type { AgreementComparison } from '../../queries/compare-agreements.ts';
import { byNumber } from '../../queries/entities.ts';
import { evidenceOf, sentenceOf } from '../../queries/evidence.ts';
import type { PilotWithCohort } from '../../queries/lookups.ts';
import type { NetworkEdge, NetworkNode } from '../../queries/party-network.ts';
import { pageOf } from '../../queries/page.ts';
import type { PilotInvolvement } from '../../queries/pilots-involving.ts';
import { roleIn } from '../../queries/roles.ts';
import type { SearchGroup, SearchHit } from '../../queries/search.ts';
import type { ScoredMeasure } from '../../queries/similar-measures.ts';
import type { MeasureCluster } from '../../queries/transferable-measures.ts';
import { limit, page } from './arguments.ts';
import type { IngestReport, RequestContext } from './context.ts';
import { answered } from './pages.ts';

/** The nodes of these ids that exist, in the order asked. */
async function nodes<P>(loader: DataLoader<string, P | undefined>, ids: string[]): Promise<P[]> {
  return (await loader.loadMany(ids)).filter((n): n is P => n !== undefined && !(n instanceof Error));
}

type PageArgs = { limit?: number | null; offset?: number | null };

/** A page of a list held whole. */
function paged<T>(args: PageArgs, list: T[]) {
  const p = page(args);
  return answered(p, pageOf(list, p));
}

/** A page of nodes by id: only the page's nodes are loaded. */
async function pagedNodes<P>(args: PageArgs, loader: DataLoader<string, P | undefined>, list: string[]) {
  const p = page(args);
  const { totalCount, items } = pageOf(list, p);
  return answered(p, { totalCount, items: await nodes(loader, items) });
}

/** The neighbours' ids, each once. */
const ids = (neighbours: { id: string }[]) => [...new Set(neighbours.map((n) => n.id))];

async function pilotOfAgreement(c: RequestContext, agreement: string): Promise<PilotProperties | undefined> {
  const pilot = (await c.loaders.neighbours.agreementPilot.load(agreement))[0];
  return pilot ? c.loaders.nodes.Pilot.load(pilot.id) : undefined;
}

/** The sentence a node rests on (its SUPPORTED_BY evidence). */
async function evidenceFor(c: RequestContext, label: keyof RequestContext['loaders']['evidence'], id: string): Promise<Evidence | null> {
  const rows = await c.loaders.evidence[label].load(id);
  return evidenceOf(rows[0]?.props);
}

/** Why a sub-goal or measure is about each of its themes; a graph written before reasons were kept gives the node's own sentence. */
async function themeReasons(c: RequestContext, id: string, themes: Theme[], label: 'SubGoal' | 'Measure') {
  const rows = await c.loaders.neighbours.themeReasons.load(id);
  const own = async () => evidenceFor(c, label, id);
  return Promise.all(
    themes.map(async (theme) => {
      const props = rows.find((r) => r.id === theme)?.props;
      return { theme, words: props?.words ?? [], evidence: props?.quote ? evidenceOf(props as Evidence) : await own() };
    }),
  );
}

/** A pilot as the loaders give it, or as `pilots` gives it with the cohort filled in. */
type PilotParent = PilotProperties | PilotWithCohort;

/** A party as the loaders give it, or as the party questions give it. */
type PartyParent = PartyProperties | Party;

/** The themes a tie to an agreement is about: only a special role has them. */
const themesOf = (tie: AgreementRole): Theme[] => (tie.type === 'SPECIAL_ROLE_IN' ? (tie.props.themes ?? []) : []);

async function partyRoles(c: RequestContext, party: string) {
  const onAgreements = (await c.loaders.neighbours.partyAgreementRoles.load(party)).map((n) => ({
    role: roleIn(n),
    agreement: n.id,
    subGoal: null,
    themes: themesOf(n),
    evidence: evidenceOf(n.props),
  }));
  const onSubGoals = await Promise.all(
    (await c.loaders.neighbours.partySubGoalRoles.load(party)).map(async (n) => {
      const subGoal = await c.loaders.nodes.SubGoal.load(n.id);
      return { role: roleIn(n), agreement: subGoal?.agreement, subGoal: n.id, themes: subGoal?.themes ?? [], evidence: evidenceOf(n.props) };
    }),
  );
  return [...onAgreements, ...onSubGoals];
}

async function cohort(c: RequestContext, pilot: PilotParent): Promise<number | null> {
  if (typeof pilot.cohort === 'number') return pilot.cohort;
  const agreements = await nodes(c.loaders.nodes.Agreement, ids(await c.loaders.neighbours.pilotAgreements.load(pilot.id)));
  // the evaluation report lists every cohort-1 pilot; any other Bygdevekst pilot is cohort 2
  return agreements.some((a) => a.scheme === 'BYGDEVEKST') ? 2 : null;
}

/** The parties in a role on an agreement, by party id. */
async function rolesOn(c: RequestContext, agreement: string, type: 'MAIN_PARTY_OF' | 'SPECIAL_ROLE_IN') {
  return (await c.loaders.neighbours.agreementRoles.load(agreement))
    .filter((n) => n.type === type)
    .map((n) => ({ party: n.id, role: roleIn(n), themes: themesOf(n), evidence: evidenceOf(n.props) }))
    .sort((x, y) => x.party.localeCompare(y.party));
}

/** The partners of a sub-goal, or the parties it may invite, by party id; their themes are the sub-goal's. */
async function linksOn(c: RequestContext, subGoal: SubGoalProperties, type: 'PARTNER_IN' | 'MAY_INVITE') {
  return (await c.loaders.neighbours.subGoalLinks.load(subGoal.id))
    .filter((n) => n.type === type)
    .map((n) => ({ party: n.id, role: roleIn(n), themes: subGoal.themes ?? [], evidence: evidenceOf(n.props) }))
    .sort((x, y) => x.party.localeCompare(y.party));
}

const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name, 'nb');

export const typeResolvers = {
  // the graph's own types
  Evidence: {
    url: (e: Evidence) => `/documents/${encodeURIComponent(e.document)}#page=${e.page}`,
    method: (e: Evidence) => READ_METHOD_NAMES[e.method ?? 'text layer'],
    confidence: (e: Evidence) => (e.method === 'ocr' ? (e.confidence ?? null) : null),
  },

  Document: {
    warnings: (d: DocumentProperties) => d.warnings ?? [],
    pageReads: (d: DocumentProperties) =>
      Array.from({ length: d.pages }, (_, i) => {
        const at = (d.ocrPages ?? []).indexOf(i + 1);
        return at < 0 ? { number: i + 1, method: READ_METHOD_NAMES['text layer'], confidence: null } : { number: i + 1, method: READ_METHOD_NAMES.ocr, confidence: d.ocrConfidence?.[at] ?? null };
      }),
    agreements: async (d: DocumentProperties, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Agreement, ids(await c.loaders.neighbours.documentAgreements.load(d.id))),
  },

  Agreement: {
    pilot: (a: AgreementProperties, _: unknown, c: RequestContext) => pilotOfAgreement(c, a.id),
    documents: async (a: AgreementProperties, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Document, ids(await c.loaders.neighbours.agreementDocuments.load(a.id))),
    mainGoal: async (a: AgreementProperties, _: unknown, c: RequestContext) => {
      if (!a.mainGoal) return null;
      const documents = await nodes(c.loaders.nodes.Document, ids(await c.loaders.neighbours.agreementDocuments.load(a.id)));
      const document = documents.map((d) => d.file).sort()[0];
      return document ? { document, page: a.mainGoalPage, quote: a.mainGoal } : null;
    },
    validity: async (a: AgreementProperties, _: unknown, c: RequestContext) => {
      if (!a.validFrom && !a.validUntil) return null;
      const documents = await nodes(c.loaders.nodes.Document, ids(await c.loaders.neighbours.agreementDocuments.load(a.id)));
      const document = documents.map((d) => d.file).sort()[0];
      const evidence = document && a.validityQuote ? { document, page: a.validityPage, quote: a.validityQuote } : null;
      return { from: a.validFrom ?? null, until: a.validUntil ?? null, evidence };
    },
    mainParties: async (a: AgreementProperties, _: unknown, c: RequestContext) => rolesOn(c, a.id, 'MAIN_PARTY_OF'),
    specialRoles: async (a: AgreementProperties, _: unknown, c: RequestContext) => rolesOn(c, a.id, 'SPECIAL_ROLE_IN'),
    signatories: async (a: AgreementProperties, _: unknown, c: RequestContext) =>
      (await c.loaders.neighbours.agreementRoles.load(a.id))
        .filter((n) => n.type === 'SIGNED')
        .map((n) => ({ person: n.props.person, office: n.props.office, party: n.id, evidence: evidenceOf(n.props) })),
    focusAreas: async (a: AgreementProperties, _: unknown, c: RequestContext) =>
      (await nodes(c.loaders.nodes.FocusArea, ids(await c.loaders.neighbours.agreementFocusAreas.load(a.id)))).sort(byNumber),
    subGoals: async (a: AgreementProperties, _: unknown, c: RequestContext) => (await nodes(c.loaders.nodes.SubGoal, ids(await c.loaders.neighbours.agreementSubGoals.load(a.id)))).sort(byNumber),
    planAnchors: async (a: AgreementProperties, _: unknown, c: RequestContext) =>
      (await c.loaders.neighbours.agreementAnchors.load(a.id)).map((n) => ({ anchor: n.id, evidence: evidenceOf(n.props) })),
    obligations: async (a: AgreementProperties, args: PageArgs, c: RequestContext) =>
      pagedNodes(args, c.loaders.nodes.Obligation, ids(await c.loaders.neighbours.agreementObligations.load(a.id)).sort((x, y) => x.localeCompare(y, 'nb', { numeric: true }))),
  },

  AnchorInAgreement: {
    anchor: (x: { anchor: string }, _: unknown, c: RequestContext) => c.loaders.nodes.PlanAnchor.load(x.anchor),
  },

  Pilot: {
    otherNames: (p: PilotParent) => p.otherNames ?? [],
    cohort: (p: PilotParent, _: unknown, c: RequestContext) => cohort(c, p),
    municipalities: async (p: PilotParent, _: unknown, c: RequestContext) => (await nodes(c.loaders.nodes.Party, ids(await c.loaders.neighbours.pilotMunicipalities.load(p.id)))).sort(byName),
    agreements: async (p: PilotParent, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Agreement, ids(await c.loaders.neighbours.pilotAgreements.load(p.id)).sort()),
  },

  Party: {
    aliases: (p: PartyParent) => p.aliases ?? [],
    roles: async (p: PartyParent, args: PageArgs, c: RequestContext) => paged(args, await partyRoles(c, p.id)),
    pilots: async (p: PartyParent, args: PageArgs, c: RequestContext) => {
      const agreements = [...new Set((await partyRoles(c, p.id)).map((r) => r.agreement).filter((a) => a !== undefined))];
      const pilots = await Promise.all(agreements.map((a) => pilotOfAgreement(c, a)));
      const unique = new Map(pilots.filter((x) => x !== undefined).map((x) => [x.id, x]));
      return paged(args, [...unique.values()].sort(byName));
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
    subGoals: async (f: FocusAreaProperties, _: unknown, c: RequestContext) => (await nodes(c.loaders.nodes.SubGoal, ids(await c.loaders.neighbours.focusAreaSubGoals.load(f.id)))).sort(byNumber),
    evidence: (f: FocusAreaProperties, _: unknown, c: RequestContext) => evidenceFor(c, 'FocusArea', f.id),
  },

  SubGoal: {
    themes: (s: SubGoalProperties) => s.themes ?? [],
    partnerGroups: (s: SubGoalProperties) => s.partnerGroups ?? [],
    mayInviteGroups: (s: SubGoalProperties) => s.mayInviteGroups ?? [],
    themeReasons: (s: SubGoalProperties, _: unknown, c: RequestContext) => themeReasons(c, s.id, s.themes ?? [], 'SubGoal'),
    groups: async (s: SubGoalProperties, _: unknown, c: RequestContext) =>
      (await c.loaders.neighbours.subGoalGroups.load(s.id)).map((g) => ({ group: g.id, role: g.props.role, evidence: evidenceOf(g.props) })),
    agreement: (s: SubGoalProperties, _: unknown, c: RequestContext) => c.loaders.nodes.Agreement.load(s.agreement),
    partners: (s: SubGoalProperties, _: unknown, c: RequestContext) => linksOn(c, s, 'PARTNER_IN'),
    mayInvite: (s: SubGoalProperties, _: unknown, c: RequestContext) => linksOn(c, s, 'MAY_INVITE'),
    measures: async (s: SubGoalProperties, _: unknown, c: RequestContext) =>
      (await nodes(c.loaders.nodes.Measure, ids(await c.loaders.neighbours.subGoalMeasures.load(s.id)))).sort((x, y) => x.label.localeCompare(y.label, 'nb', { numeric: true })),
    evidence: (s: SubGoalProperties, _: unknown, c: RequestContext) => evidenceFor(c, 'SubGoal', s.id),
  },

  Measure: {
    themes: (m: MeasureProperties) => m.themes ?? [],
    themeReasons: (m: MeasureProperties, _: unknown, c: RequestContext) => themeReasons(c, m.id, m.themes ?? [], 'Measure'),
    subGoal: (m: MeasureProperties, _: unknown, c: RequestContext) => c.loaders.nodes.SubGoal.load(m.subGoal),
    pilot: (m: MeasureProperties, _: unknown, c: RequestContext) => pilotOfAgreement(c, m.agreement),
    evidence: (m: MeasureProperties, _: unknown, c: RequestContext) => evidenceFor(c, 'Measure', m.id),
  },

  Obligation: {
    parties: async (o: ObligationProperties, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Party, ids(await c.loaders.neighbours.obligationParties.load(o.id)).sort()),
    agreement: (o: ObligationProperties, _: unknown, c: RequestContext) => c.loaders.nodes.Agreement.load(o.agreement),
    subGoal: (o: ObligationProperties, _: unknown, c: RequestContext) => (o.under && o.under !== o.agreement ? c.loaders.nodes.SubGoal.load(o.under) : null),
    evidence: (o: ObligationProperties, _: unknown, c: RequestContext) => evidenceFor(c, 'Obligation', o.id),
  },

  GroupInRole: {
    group: (g: { group: string }, _: unknown, c: RequestContext) => c.loaders.nodes.PartnerGroup.load(g.group),
  },

  PartnerGroup: {
    subGoals: async (g: PartnerGroupProperties, args: PageArgs, c: RequestContext) => pagedNodes(args, c.loaders.nodes.SubGoal, ids(await c.loaders.neighbours.groupSubGoals.load(g.id)).sort()),
    agreements: async (g: PartnerGroupProperties, args: PageArgs, c: RequestContext) => {
      const subGoals = await nodes(c.loaders.nodes.SubGoal, ids(await c.loaders.neighbours.groupSubGoals.load(g.id)));
      return pagedNodes(args, c.loaders.nodes.Agreement, [...new Set(subGoals.map((s) => s.agreement))].sort());
    },
    pilots: async (g: PartnerGroupProperties, args: PageArgs, c: RequestContext) => {
      const subGoals = await nodes(c.loaders.nodes.SubGoal, ids(await c.loaders.neighbours.groupSubGoals.load(g.id)));
      const pilots = await Promise.all([...new Set(subGoals.map((s) => s.agreement))].map((a) => pilotOfAgreement(c, a)));
      return paged(args, [...new Map(pilots.filter((p) => p !== undefined).map((p) => [p.id, p])).values()].sort((x, y) => x.name.localeCompare(y.name, 'nb')));
    },
  },

  PlanAnchor: {
    agreements: async (x: PlanAnchorProperties, args: PageArgs, c: RequestContext) => pagedNodes(args, c.loaders.nodes.Agreement, ids(await c.loaders.neighbours.anchorAgreements.load(x.id)).sort()),
  },

  // the answers' types: ids in an answer become the graph's nodes
  PilotInvolvement: {
    pilot: (e: PilotInvolvement, _: unknown, c: RequestContext) => c.loaders.nodes.Pilot.load(e.pilot),
    agreement: async (e: PilotInvolvement, _: unknown, c: RequestContext) => c.loaders.nodes.Agreement.load(e.agreements[0]!),
    agreements: (e: PilotInvolvement, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Agreement, e.agreements),
    subGoals: (e: PilotInvolvement, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.SubGoal, e.subGoals),
  },

  AgreementComparison: {
    a: (x: AgreementComparison, _: unknown, c: RequestContext) => c.loaders.nodes.Agreement.load(x.a),
    b: (x: AgreementComparison, _: unknown, c: RequestContext) => c.loaders.nodes.Agreement.load(x.b),
    sharedParties: (x: AgreementComparison, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Party, x.sharedParties.map((p) => p.value)),
    sharedMunicipalities: (x: AgreementComparison, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Party, x.sharedMunicipalities.map((p) => p.value)),
    sharedThemes: (x: AgreementComparison) => x.sharedThemes.map((t) => t.theme),
    themes: (x: AgreementComparison) => x.sharedThemes.map((t) => ({ theme: t.theme, evidenceA: t.a, evidenceB: t.b })),
    parties: (x: AgreementComparison) => x.sharedParties,
    municipalities: (x: AgreementComparison) => x.sharedMunicipalities,
    similarSubGoals: (x: AgreementComparison, args: { limit?: number | null }) => x.similarSubGoals.slice(0, limit(args.limit, 10)),
  },

  SharedPlanAnchor: {
    a: (x: AgreementComparison['sharedPlanAnchors'][number], _: unknown, c: RequestContext) => c.loaders.nodes.PlanAnchor.load(x.a),
    b: (x: AgreementComparison['sharedPlanAnchors'][number], _: unknown, c: RequestContext) => c.loaders.nodes.PlanAnchor.load(x.b),
  },

  SharedParty: {
    party: (x: AgreementComparison['sharedParties'][number], _: unknown, c: RequestContext) => c.loaders.nodes.Party.load(x.value),
    evidenceA: (x: AgreementComparison['sharedParties'][number]) => x.a,
    evidenceB: (x: AgreementComparison['sharedParties'][number]) => x.b,
  },

  CrossReference: {
    from: (x: AgreementComparison['crossReferences'][number], _: unknown, c: RequestContext) => c.loaders.nodes.Agreement.load(x.from),
    to: (x: AgreementComparison['crossReferences'][number], _: unknown, c: RequestContext) => c.loaders.nodes.Agreement.load(x.to),
  },

  SubGoalPair: {
    a: (x: AgreementComparison['similarSubGoals'][number], _: unknown, c: RequestContext) => c.loaders.nodes.SubGoal.load(x.a),
    b: (x: AgreementComparison['similarSubGoals'][number], _: unknown, c: RequestContext) => c.loaders.nodes.SubGoal.load(x.b),
  },

  MeasureCluster: {
    pilots: (x: MeasureCluster, args: PageArgs, c: RequestContext) => pagedNodes(args, c.loaders.nodes.Pilot, x.pilots),
    measures: (x: MeasureCluster, args: PageArgs, c: RequestContext) => pagedNodes(args, c.loaders.nodes.Measure, x.measures),
  },

  ScoredMeasure: {
    measure: (x: ScoredMeasure, _: unknown, c: RequestContext) => c.loaders.nodes.Measure.load(x.measure),
    text: async (x: ScoredMeasure, _: unknown, c: RequestContext) => (await c.loaders.nodes.Measure.load(x.measure))?.text,
    pilot: async (x: ScoredMeasure, _: unknown, c: RequestContext) => {
      const measure = await c.loaders.nodes.Measure.load(x.measure);
      return measure ? pilotOfAgreement(c, measure.agreement) : undefined;
    },
    evidence: (x: ScoredMeasure, _: unknown, c: RequestContext) => evidenceFor(c, 'Measure', x.measure),
  },

  NetworkNode: {
    pilots: (x: NetworkNode, args: PageArgs, c: RequestContext) => pagedNodes(args, c.loaders.nodes.Pilot, x.pilots),
  },

  NetworkEdge: {
    pilots: (x: NetworkEdge, args: PageArgs, c: RequestContext) => pagedNodes(args, c.loaders.nodes.Pilot, x.pilots),
  },

  SearchHit: {
    evidence: (h: SearchHit): Evidence => sentenceOf(h),
    agreement: (h: SearchHit, _: unknown, c: RequestContext) => (h.agreement ? c.loaders.nodes.Agreement.load(h.agreement) : null),
    pilot: (h: SearchHit, _: unknown, c: RequestContext) => (h.agreement ? pilotOfAgreement(c, h.agreement) : null),
  },

  SearchGroup: {
    agreement: (g: SearchGroup, _: unknown, c: RequestContext) => (g.agreement ? c.loaders.nodes.Agreement.load(g.agreement) : null),
    pilot: (g: SearchGroup, _: unknown, c: RequestContext) => (g.agreement ? pilotOfAgreement(c, g.agreement) : null),
  },

  IngestReport: {
    document: (r: IngestReport, _: unknown, c: RequestContext) => (r.document ? c.loaders.nodes.Document.load(r.document) : null),
    agreements: (r: IngestReport, _: unknown, c: RequestContext) => nodes(c.loaders.nodes.Agreement, r.agreements),
  },
};
