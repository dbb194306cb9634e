/**
 * Extraction: a parsed document → its agreements, parties and facts, by document kind.
 */
import { IngestError } from '../../domain/ingest-errors.ts';
import type { ParsedDocument } from '../read-document.ts';
import { extractBygdevekst } from './bygdevekst.ts';
import { passagesOf } from './passages.ts';
import { qualityWarnings } from './quality.ts';
import { themeWordsOf } from './themes.ts';
import { extractReport } from './report.ts';
import { extractTromsvekst } from './tromsvekst.ts';
import type { ExtractedDocument } from '../../domain/records.ts';

/** The document's facts by its kind, with the quality report of what its kind should hold and it does not. */
export function extractDocument(doc: ParsedDocument): ExtractedDocument {
  const x = readByKind(doc);
  for (const m of x.agreements.flatMap((a) => a.subGoals.flatMap((s) => s.measures))) {
    m.themeReasons = themeWordsOf(m.text).map(({ theme, words }) => ({ theme, words, evidence: m.evidence }));
  }
  return { ...x, passages: passagesOf(doc, x.agreements), warnings: [...x.warnings, ...qualityWarnings(doc, x)] };
}

function readByKind(doc: ParsedDocument): ExtractedDocument {
  switch (doc.kind) {
    case 'BYGDEVEKST_AGREEMENT':
      return extractBygdevekst(doc);
    case 'TROMSVEKST_AGREEMENT':
      return extractTromsvekst(doc);
    case 'EVALUATION_REPORT':
      return extractReport(doc);
    default:
      throw new IngestError('UNKNOWN_DOCUMENT_KIND', doc.file, 'not a Bygdevekst or Tromsvekst agreement or an evaluation report');
  }
}

/** Counts of what a document yielded, for summaries and logs. */
export function extractionCounts(x: ExtractedDocument) {
  const a = x.agreements;
  const sum = (f: (ag: (typeof a)[number]) => number) => a.reduce((n, ag) => n + f(ag), 0);
  return {
    agreements: a.length,
    parties: x.parties.length,
    mainParties: sum((g) => g.mainParties.length),
    specialRoles: sum((g) => g.specialRoles.length),
    subGoals: sum((g) => g.subGoals.length),
    partnerLinks: sum((g) => g.subGoals.reduce((n, s) => n + s.partners.length, 0)),
    mayInvite: sum((g) => g.subGoals.reduce((n, s) => n + s.mayInvite.length, 0)),
    measures: sum((g) => g.subGoals.reduce((n, s) => n + s.measures.length, 0)),
    obligations: sum((g) => g.obligations.length),
    planAnchors: sum((g) => g.planAnchors.length),
    crossReferences: sum((g) => g.crossReferences.length),
  };
}
