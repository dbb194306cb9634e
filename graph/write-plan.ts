/**
 * An extracted document as rows for the batched writes: nodes by label, relationships by
 * (type, start label, end label). Ids come from content, so the same document always gives
 * the same rows.
 */
import { crossReferenceId, documentId, documentTextId, evidenceId, partnerGroupId, themeId } from '../domain/ids.ts';
import type { Agreement, Evidence, ExtractedDocument, ThemeReason } from '../domain/records.ts';
import { GRAPH_VERSION, shapeKey, type NodeLabel } from './model.ts';
import { encodePassages } from './stored-passages.ts';

export interface NodeRow {
  id: string;
  props: Record<string, unknown>;
}

export interface RelationshipRow {
  from: string;
  to: string;
  props: Record<string, unknown>;
}

export interface WritePlan {
  documentId: string;
  nodes: Map<NodeLabel, NodeRow[]>;
  relationships: Map<string, RelationshipRow[]>;
}

/** An empty list is left out like a missing value: the readers give [] for it. */
function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

/** Optional values are left out, so that no property is written as null. */
function compact(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined && v !== null));
}

export function writePlan(x: ExtractedDocument): WritePlan {
  const doc = documentId(x.document.file);
  const plan: WritePlan = { documentId: doc, nodes: new Map(), relationships: new Map() };
  const seen = new Set<string>();
  const node = (label: NodeLabel, id: string, props: Record<string, unknown>) => {
    if (seen.has(`${label}|${id}`)) return;
    seen.add(`${label}|${id}`);
    const rows = plan.nodes.get(label) ?? [];
    rows.push({ id, props: compact(props) });
    plan.nodes.set(label, rows);
  };
  const rel = (type: string, from: NodeLabel, fromId: string, to: NodeLabel, toId: string, props: Record<string, unknown> = {}) => {
    const key = shapeKey({ type, from, to });
    if (seen.has(`${key}|${fromId}|${toId}`)) return;
    seen.add(`${key}|${fromId}|${toId}`);
    const rows = plan.relationships.get(key) ?? [];
    rows.push({ from: fromId, to: toId, props: compact(props) });
    plan.relationships.set(key, rows);
  };
  const evidence = (from: NodeLabel, fromId: string, e: Evidence) => {
    const id = evidenceId(e);
    node('Evidence', id, sentence(e));
    rel('SUPPORTED_BY', from, fromId, 'Evidence', id);
  };
  // method and confidence only for a quote read by OCR: the text layer is what an Evidence without them means
  const sentence = (e: Evidence) => ({ document: e.document, page: e.page, pageEnd: e.pageEnd, quote: e.quote, method: e.method, confidence: e.confidence });
  const themes = (from: NodeLabel, fromId: string, list: string[], reasons: ThemeReason[] = []) => {
    for (const theme of list) {
      const reason = reasons.find((r) => r.theme === theme);
      node('Theme', themeId(theme), { name: theme });
      rel('ABOUT', from, fromId, 'Theme', themeId(theme), reason ? { words: reason.words, ...sentence(reason.evidence) } : {});
    }
  };

  node('Document', doc, { file: x.document.file, sha256: x.document.sha256, kind: x.document.kind, language: x.document.language, pages: x.document.pages, version: GRAPH_VERSION, warnings: nonEmpty(x.warnings), ocrPages: x.document.ocrPages?.map((p) => p.number), ocrConfidence: x.document.ocrPages?.map((p) => p.confidence) });
  for (const p of x.parties) {
    node('Party', p.id, { name: p.name, kind: p.kind, aliases: [...p.aliases].sort() });
    rel('MENTIONS', 'Document', doc, 'Party', p.id, { name: p.name, kind: p.kind, aliases: [...p.aliases].sort() });
  }
  for (const a of x.agreements) writeAgreement(a);
  if (x.passages?.length) {
    node('DocumentText', documentTextId(doc), { passages: encodePassages(x.passages) });
    rel('HAS_TEXT', 'Document', doc, 'DocumentText', documentTextId(doc));
  }
  return plan;

  function writeAgreement(a: Agreement): void {
    const agreement = {
      title: a.title,
      scheme: a.scheme,
      source: a.source,
      language: a.language,
      area: a.pilot.name,
      mainGoal: a.mainGoal?.quote,
      mainGoalPage: a.mainGoal?.page,
      validFrom: a.validity?.from,
      validUntil: a.validity?.until,
      validityQuote: a.validity?.evidence.quote,
      validityPage: a.validity?.evidence.page,
    };
    node('Agreement', a.id, agreement);
    rel('DESCRIBES', 'Document', doc, 'Agreement', a.id, agreement);
    const pilot = { name: a.pilot.name, otherNames: a.pilot.otherNames, cohort: a.pilot.cohort };
    node('Pilot', a.pilot.id, pilot);
    rel('FOR_PILOT', 'Agreement', a.id, 'Pilot', a.pilot.id, pilot);
    for (const m of a.pilot.municipalities) rel('INCLUDES', 'Pilot', a.pilot.id, 'Party', m);
    for (const m of a.mainParties) rel('MAIN_PARTY_OF', 'Party', m.party, 'Agreement', a.id, { coordinating: m.coordinating, ...sentence(m.evidence) });
    for (const r of a.specialRoles) rel('SPECIAL_ROLE_IN', 'Party', r.party, 'Agreement', a.id, { themes: r.themes, ...sentence(r.evidence) });
    for (const s of a.signatories) rel('SIGNED', 'Party', s.party, 'Agreement', a.id, { person: s.person, office: s.office, ...sentence(s.evidence) });
    for (const f of a.focusAreas) {
      node('FocusArea', f.id, { number: f.number, title: f.title });
      rel('HAS_FOCUS_AREA', 'Agreement', a.id, 'FocusArea', f.id);
      evidence('FocusArea', f.id, f.evidence);
    }
    for (const s of a.subGoals) {
      node('SubGoal', s.id, { number: s.number, title: s.title, themes: s.themes, agreement: a.id, partnerGroups: nonEmpty(s.partnerGroups), mayInviteGroups: nonEmpty(s.mayInviteGroups), body: s.body || undefined });
      rel('HAS_SUBGOAL', 'Agreement', a.id, 'SubGoal', s.id);
      const focusArea = a.focusAreas.find((f) => f.number === s.focusArea);
      if (focusArea) rel('HAS_SUBGOAL', 'FocusArea', focusArea.id, 'SubGoal', s.id);
      evidence('SubGoal', s.id, s.evidence);
      themes('SubGoal', s.id, s.themes, s.themeReasons);
      for (const g of s.groups ?? []) {
        node('PartnerGroup', partnerGroupId(g.name), { name: g.name });
        rel('GROUP_IN', 'PartnerGroup', partnerGroupId(g.name), 'SubGoal', s.id, { role: g.role, ...sentence(g.evidence) });
      }
      for (const p of s.partners) rel('PARTNER_IN', 'Party', p.party, 'SubGoal', s.id, sentence(p.evidence));
      for (const p of s.mayInvite) rel('MAY_INVITE', 'Party', p.party, 'SubGoal', s.id, sentence(p.evidence));
      for (const m of s.measures) {
        node('Measure', m.id, { label: m.label, kind: m.kind, text: m.text, themes: m.themes, subGoal: s.id, agreement: a.id });
        rel('HAS_MEASURE', 'SubGoal', s.id, 'Measure', m.id);
        evidence('Measure', m.id, m.evidence);
        themes('Measure', m.id, m.themes, m.themeReasons);
      }
    }
    for (const o of a.obligations) {
      node('Obligation', o.id, { modality: o.modality, action: o.action, section: o.section, quote: o.evidence.quote, agreement: a.id, under: o.under });
      for (const p of o.parties) rel('BINDS', 'Obligation', o.id, 'Party', p);
      rel('UNDER', 'Obligation', o.id, o.under === a.id ? 'Agreement' : 'SubGoal', o.under);
      evidence('Obligation', o.id, o.evidence);
    }
    for (const p of a.planAnchors) {
      node('PlanAnchor', p.id, { name: p.name, type: p.type });
      rel('ANCHORED_IN', 'Agreement', a.id, 'PlanAnchor', p.id, { name: p.name, type: p.type, ...sentence(p.evidence) });
    }
    a.crossReferences.forEach((r, i) => {
      const id = crossReferenceId(a.id, i + 1);
      node('CrossReference', id, { targetName: r.targetName, targetScheme: r.targetScheme, targetArea: r.targetArea, quote: r.evidence.quote });
      rel('HAS_REFERENCE', 'Agreement', a.id, 'CrossReference', id);
      evidence('CrossReference', id, r.evidence);
    });
  }
}
