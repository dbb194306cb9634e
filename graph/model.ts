/**
 * The graph model, written once as data: node labels with their properties, relationship
 * types with their end labels and properties. Indexes, constraints, the write statements and
 * the schema the Cypher linter checks against are all derived from it.
 *
 * Every relationship, and every node but those in LINKED_NODES, also carries `docs`: the ids of
 * the documents that contributed it, so that removing a document removes exactly what it alone
 * contributed.
 */

/**
 * The version of what a document becomes in the graph (extraction rules and model). A document
 * stored by another version is written again even if its bytes are the same. Raise it whenever
 * extraction or the model changes what a document yields.
 */
export const GRAPH_VERSION = 7;

export const NODE_LABELS = [
  'Document',
  'Agreement',
  'Pilot',
  'Party',
  'FocusArea',
  'SubGoal',
  'Measure',
  'Obligation',
  'PlanAnchor',
  'Theme',
  'Evidence',
  'CrossReference',
  'PartnerGroup',
  'DocumentText',
] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

/** Properties each label's rows may set (besides `id` and `docs`). */
export const NODE_PROPERTIES: Record<NodeLabel, readonly string[]> = {
  Document: ['file', 'sha256', 'kind', 'language', 'pages', 'version', 'warnings', 'ocrPages', 'ocrConfidence'],
  Agreement: ['title', 'scheme', 'source', 'language', 'area', 'mainGoal', 'mainGoalPage', 'validFrom', 'validUntil', 'validityQuote', 'validityPage'],
  Pilot: ['name', 'otherNames', 'cohort'],
  Party: ['name', 'kind', 'aliases'],
  FocusArea: ['number', 'title'],
  SubGoal: ['number', 'title', 'themes', 'agreement', 'partnerGroups', 'mayInviteGroups', 'body'],
  Measure: ['label', 'kind', 'text', 'themes', 'subGoal', 'agreement'],
  Obligation: ['modality', 'action', 'section', 'quote', 'agreement', 'under'],
  PlanAnchor: ['name', 'type'],
  Theme: ['name'],
  Evidence: ['document', 'page', 'pageEnd', 'quote', 'method', 'confidence'],
  CrossReference: ['targetName', 'targetScheme', 'targetArea', 'quote'],
  PartnerGroup: ['name'],
  // the document's passages, one JSON list (stored-passages.ts); the file they quote is the Document's
  DocumentText: ['passages'],
};

/** Properties of a relationship that rests on a sentence: where that sentence stands, and (`method`, `confidence`) whether it was read by OCR. */
const EVIDENCE = ['document', 'page', 'pageEnd', 'quote', 'method', 'confidence'] as const;

export interface RelationshipSpec {
  type: string;
  from: readonly NodeLabel[];
  to: readonly NodeLabel[];
  properties: readonly string[];
}

export const RELATIONSHIPS: readonly RelationshipSpec[] = [
  { type: 'DESCRIBES', from: ['Document'], to: ['Agreement'], properties: NODE_PROPERTIES.Agreement },
  { type: 'MENTIONS', from: ['Document'], to: ['Party'], properties: NODE_PROPERTIES.Party },
  { type: 'FOR_PILOT', from: ['Agreement'], to: ['Pilot'], properties: NODE_PROPERTIES.Pilot },
  { type: 'INCLUDES', from: ['Pilot'], to: ['Party'], properties: [] },
  { type: 'MAIN_PARTY_OF', from: ['Party'], to: ['Agreement'], properties: ['coordinating', ...EVIDENCE] },
  { type: 'SPECIAL_ROLE_IN', from: ['Party'], to: ['Agreement'], properties: ['themes', ...EVIDENCE] },
  { type: 'SIGNED', from: ['Party'], to: ['Agreement'], properties: ['person', 'office', ...EVIDENCE] },
  { type: 'HAS_FOCUS_AREA', from: ['Agreement'], to: ['FocusArea'], properties: [] },
  { type: 'HAS_SUBGOAL', from: ['Agreement', 'FocusArea'], to: ['SubGoal'], properties: [] },
  { type: 'PARTNER_IN', from: ['Party'], to: ['SubGoal'], properties: [...EVIDENCE] },
  { type: 'MAY_INVITE', from: ['Party'], to: ['SubGoal'], properties: [...EVIDENCE] },
  { type: 'HAS_MEASURE', from: ['SubGoal'], to: ['Measure'], properties: [] },
  { type: 'ABOUT', from: ['SubGoal', 'Measure'], to: ['Theme'], properties: ['words', ...EVIDENCE] },
  { type: 'GROUP_IN', from: ['PartnerGroup'], to: ['SubGoal'], properties: ['role', ...EVIDENCE] },
  { type: 'HAS_TEXT', from: ['Document'], to: ['DocumentText'], properties: [] },
  { type: 'BINDS', from: ['Obligation'], to: ['Party'], properties: [] },
  { type: 'UNDER', from: ['Obligation'], to: ['SubGoal', 'Agreement'], properties: [] },
  { type: 'ANCHORED_IN', from: ['Agreement'], to: ['PlanAnchor'], properties: [...NODE_PROPERTIES.PlanAnchor, ...EVIDENCE] },
  { type: 'HAS_REFERENCE', from: ['Agreement'], to: ['CrossReference'], properties: [] },
  { type: 'REFERENCES', from: ['Agreement'], to: ['Agreement'], properties: ['quote', 'via'] },
  {
    type: 'SUPPORTED_BY',
    from: ['FocusArea', 'SubGoal', 'Measure', 'Obligation', 'CrossReference'],
    to: ['Evidence'],
    properties: [],
  },
];

/**
 * Nodes that several documents can contribute to (a party named in two agreements, an anchor
 * both agreements rest on). Each document's view of such a node travels on the relationship
 * `via` that the document owns; the node's own properties are recomputed from those views after
 * every write and removal (derived.ts), so they never depend on the order documents came in.
 * `lists` are unions over all views; any other property comes from the first view that has it.
 */
export const SHARED_NODES: readonly { label: NodeLabel; via: string; lists: readonly string[] }[] = [
  { label: 'Party', via: 'MENTIONS', lists: ['aliases'] },
  { label: 'Agreement', via: 'DESCRIBES', lists: [] },
  { label: 'Pilot', via: 'FOR_PILOT', lists: ['otherNames'] },
  { label: 'PlanAnchor', via: 'ANCHORED_IN', lists: [] },
];

/**
 * Nodes that any number of documents name (a party, a theme, a partner group, a pilot, a plan
 * anchor) carry no `docs`: that list would grow with the corpus and be copied on every write. A
 * node of these labels stands while a relationship holds it, and each relationship carries its
 * documents; removal deletes the ones a document's relationships leave without any.
 */
export const LINKED_NODES: readonly NodeLabel[] = ['Party', 'Pilot', 'PlanAnchor', 'Theme', 'PartnerGroup'];

/** One write statement per (type, start label, end label): MERGE on indexed ids needs the labels. */
export interface RelationshipShape {
  type: string;
  from: NodeLabel;
  to: NodeLabel;
}

export function relationshipShapes(): RelationshipShape[] {
  return RELATIONSHIPS.flatMap((r) => r.from.flatMap((from) => r.to.map((to) => ({ type: r.type, from, to }))));
}

export function shapeKey(shape: RelationshipShape): string {
  return `${shape.type}:${shape.from}:${shape.to}`;
}

/** Every property key the product writes or reads, for the linter's schema. */
/**
 * One node about the store itself, not part of the agreement graph (statistics and export leave
 * it out): when the last document was written, set in the same transaction as the document.
 */
export const STORE_META = { label: 'Meta', id: 'meta:store', properties: ['lastIngestAt', 'lastIngestDocument'] } as const;

export function propertyKeys(): string[] {
  // besides the properties: the keys of the parameter rows the write statements read (`row.from`, `row.props`)
  const keys = new Set<string>(['id', 'docs', 'viewsFrom', 'from', 'to', 'props', ...STORE_META.properties]);
  for (const props of Object.values(NODE_PROPERTIES)) for (const p of props) keys.add(p);
  for (const r of RELATIONSHIPS) for (const p of r.properties) keys.add(p);
  return [...keys].sort();
}
