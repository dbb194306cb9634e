/** Facts every agreement parser gathers the same way: obligations, plan anchors, cross-references. */
import type { ParsedDocument } from '../read-document.ts';
import { referencesIn } from './cross-references.ts';
import { findObligations, type ObligationScope } from './obligations.ts';
import type { PartyRegister } from './party-register.ts';
import { anchorId, anchorsInSentence } from './plan-anchors.ts';
import { evidenceOf, type Sentence } from './sentences.ts';
import type { Agreement, CrossReference, ExtractedDocument, Obligation, PlanAnchor } from '../../domain/records.ts';
import { obligationId } from '../../domain/ids.ts';

type AgreementLists = 'mainParties' | 'specialRoles' | 'focusAreas' | 'subGoals' | 'obligations' | 'planAnchors' | 'crossReferences' | 'signatories';

/** An agreement with the given fields and empty lists for the facts still to be added. */
export function newAgreement(fields: Omit<Agreement, AgreementLists> & Partial<Pick<Agreement, AgreementLists>>): Agreement {
  return {
    mainParties: [],
    specialRoles: [],
    focusAreas: [],
    subGoals: [],
    obligations: [],
    planAnchors: [],
    crossReferences: [],
    signatories: [],
    ...fields,
  };
}

/** The document part of an extracted record. */
export function documentSummary(doc: ParsedDocument): ExtractedDocument['document'] {
  const ocrPages = doc.pages.filter((p) => p.method === 'ocr').map((p) => ({ number: p.number, confidence: p.confidence ?? 0 }));
  return { file: doc.file, sha256: doc.sha256, kind: doc.kind, language: doc.language, pages: doc.pages.length, ...(ocrPages.length > 0 ? { ocrPages } : {}) };
}

export function addObligations(
  doc: ParsedDocument,
  agreement: Agreement,
  sentences: Sentence[],
  register: PartyRegister,
  scope: ObligationScope,
  where: { under: string; section?: string },
): void {
  for (const sentence of sentences) {
    for (const found of findObligations(sentence.text, register, scope)) {
      const obligation: Obligation = {
        id: obligationId(agreement.id, agreement.obligations.length + 1),
        ...found,
        under: where.under,
        ...(where.section ? { section: where.section } : {}),
        evidence: evidenceOf(doc, sentence),
      };
      agreement.obligations.push(obligation);
    }
  }
}

/**
 * Anchors named in sentences; an anchor already found (or one it extends) is kept once. Outside a
 * section about anchoring (`needsSubject`) only sentences about the agreement or the work count.
 */
export function addPlanAnchors(doc: ParsedDocument, agreement: Agreement, sentences: Sentence[], options: { needsSubject?: boolean } = {}): void {
  for (const sentence of sentences) {
    for (const { name, type } of anchorsInSentence(sentence.text, options)) {
      const key = name.toLowerCase();
      // the same anchor named twice, once in full: the fuller name stands, wherever it comes
      if (agreement.planAnchors.some((a) => a.name.toLowerCase().startsWith(key))) continue;
      const shorter = agreement.planAnchors.findIndex((a) => key.startsWith(a.name.toLowerCase()));
      if (shorter >= 0) agreement.planAnchors.splice(shorter, 1);
      const anchor: PlanAnchor = { id: anchorId(name), name, type, evidence: evidenceOf(doc, sentence) };
      agreement.planAnchors.push(anchor);
    }
  }
}

export function addCrossReferences(doc: ParsedDocument, agreement: Agreement, sentences: Sentence[]): void {
  for (const sentence of sentences) {
    for (const found of referencesIn(sentence.text, { scheme: agreement.scheme, area: agreement.pilot.name })) {
      if (agreement.crossReferences.some((r) => r.evidence.quote === sentence.text && r.targetName === found.targetName)) continue;
      const reference: CrossReference = { ...found, evidence: evidenceOf(doc, sentence) };
      agreement.crossReferences.push(reference);
    }
  }
}
