/**
 * The quality report: what a document of its kind should hold and this one does not, each as a
 * sentence an analyst can act on. A document the product did not understand must never look like
 * a document that says nothing, so an unmet expectation is a warning, never silence.
 */
import type { Agreement, Evidence, ExtractedDocument } from '../../domain/records.ts';
import type { ParsedDocument } from '../read-document.ts';

/** An OCR'd page whose words Tesseract is on average less sure of than this (0–100) is flagged. */
export const LOW_OCR_CONFIDENCE = 70;

export function qualityWarnings(doc: ParsedDocument, x: ExtractedDocument): string[] {
  const warnings: string[] = [];
  if (doc.repairs && doc.repairs.length > 0) warnings.push(`the PDF is damaged and was read with repairs: ${doc.repairs.join('; ')}; check that its text is complete`);
  if (doc.unread) warnings.push(`page${doc.unread.pages.length === 1 ? '' : 's'} ${doc.unread.pages.join(', ')} had no text layer and ${doc.unread.pages.length === 1 ? 'was' : 'were'} not read (${doc.unread.reason}): ${doc.unread.pages.length === 1 ? 'its' : 'their'} facts are missing`);
  const unsure = doc.pages.filter((p) => p.method === 'ocr' && p.confidence !== undefined && p.confidence < LOW_OCR_CONFIDENCE);
  for (const p of unsure) warnings.push(`page ${p.number} was read by OCR with a mean word confidence of ${Math.round(p.confidence!)} (below ${LOW_OCR_CONFIDENCE} of 100): check its facts against the PDF`);
  if (doc.kindCertain === false) warnings.push(`the document kind ${doc.kind} was decided from few cues: check that it is one`);
  if (x.agreements.length === 0) warnings.push('no agreement was found in the document');
  const parties = new Map(x.parties.map((p) => [p.id, p]));
  const many = x.agreements.length > 1;
  for (const a of x.agreements) {
    const where = many ? `${a.pilot.name}: ` : '';
    for (const w of expectations(a, (id) => parties.get(id)?.kind)) warnings.push(where + w);
    const missing = factsWithoutEvidence(a);
    if (missing > 0) warnings.push(`${where}${missing} facts have no evidence (page and quote)`);
  }
  return warnings;
}

function expectations(a: Agreement, kindOf: (party: string) => string | undefined): string[] {
  const warnings: string[] = [];
  const mainKinds = a.mainParties.map((m) => kindOf(m.party));
  if (a.source === 'AGREEMENT') {
    if (a.mainParties.length === 0) warnings.push('no main parties were found');
    else if (!mainKinds.includes('COUNTY')) warnings.push('no county authority among the main parties');
    if (a.validity === undefined) warnings.push('no validity (from or until when the agreement holds) was found');
  }
  if (a.scheme === 'BYGDEVEKST') {
    if (a.pilot.municipalities.length === 0) warnings.push('no municipalities of the pilot were found, so "avtalekommunene" cannot be resolved');
    if (a.source === 'AGREEMENT' && !a.mainParties.some((m) => m.coordinating)) warnings.push('no coordinating main party (KDD on behalf of the state) was found');
  }
  if (a.scheme === 'TROMSVEKST' && a.focusAreas.length === 0) warnings.push('no focus areas (innsatsområder) were found');
  if (a.subGoals.length === 0) warnings.push('no sub-goals (delmål) were found');
  const withoutPartners = a.subGoals.filter((s) => s.partners.length === 0 && s.partnerGroups.length === 0).map((s) => s.number);
  if (a.scheme === 'BYGDEVEKST' && withoutPartners.length > 0) warnings.push(`sub-goals without partners: ${withoutPartners.join(', ')}`);
  return warnings;
}

function factsWithoutEvidence(a: Agreement): number {
  const all: Evidence[] = [
    ...a.mainParties.map((m) => m.evidence),
    ...a.specialRoles.map((r) => r.evidence),
    ...a.subGoals.flatMap((s) => [s.evidence, ...s.partners.map((p) => p.evidence), ...s.mayInvite.map((p) => p.evidence), ...s.measures.map((m) => m.evidence)]),
    ...a.obligations.map((o) => o.evidence),
    ...a.planAnchors.map((p) => p.evidence),
    ...a.crossReferences.map((r) => r.evidence),
    ...a.signatories.map((s) => s.evidence),
    ...(a.validity ? [a.validity.evidence] : []),
  ];
  return all.filter((e) => !e || !(e.page >= 1) || !e.quote?.trim()).length;
}
