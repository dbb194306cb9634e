/**
 * Every paragraph, list item, table row, heading and footnote of a document as a passage, so that search
 * reaches what no fact covers (a focus area's text, a political priority, a background). Each
 * passage names the heading it stands under and the agreement whose part of the document it is in.
 */
import { passageId, documentId } from '../../domain/ids.ts';
import type { Agreement, Evidence, Passage, PassageKind } from '../../domain/records.ts';
import type { ParsedDocument } from '../read-document.ts';
import { unitEvidence } from './evidence.ts';
import { buildUnits, type UnitKind } from './units.ts';

const KIND: Record<UnitKind, PassageKind> = { heading: 'HEADING', paragraph: 'PARAGRAPH', item: 'ITEM', row: 'ROW', footnote: 'FOOTNOTE' };

export function passagesOf(doc: ParsedDocument, agreements: Agreement[]): Passage[] {
  const owner = agreementOfPage(agreements);
  const id = documentId(doc.file);
  const passages: Passage[] = [];
  let section: string | undefined;
  for (const unit of buildUnits(doc)) {
    const kind = KIND[unit.kind];
    if (unit.text.trim().length === 0) continue;
    if (kind === 'HEADING') section = unit.text;
    const agreement = owner(unit.page);
    passages.push({
      id: passageId(id, passages.length + 1),
      kind,
      text: unit.text,
      ...(section && kind !== 'HEADING' ? { section } : {}),
      ...(agreement ? { agreement } : {}),
      evidence: unitEvidence(doc, unit),
    });
  }
  return passages;
}

/**
 * The agreement a page belongs to: the only one a document describes, or — in a report that
 * summarises several — the one whose cited pages span the page.
 */
function agreementOfPage(agreements: Agreement[]): (page: number) => string | undefined {
  if (agreements.length === 1) return () => agreements[0]!.id;
  const spans = agreements.map((a) => {
    const pages = evidenceOf(a).map((e) => e.page);
    return { id: a.id, from: Math.min(...pages), to: Math.max(...pages) };
  });
  return (page) => spans.find((s) => s.from <= page && page <= s.to)?.id;
}

function evidenceOf(a: Agreement): Evidence[] {
  return [
    ...a.subGoals.flatMap((s) => [s.evidence, ...s.measures.map((m) => m.evidence)]),
    ...a.mainParties.map((m) => m.evidence),
    ...a.obligations.map((o) => o.evidence),
    ...(a.mainGoal ? [a.mainGoal] : []),
  ];
}
