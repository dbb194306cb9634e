/** Ids and evidence shared by the document parsers. */
import type { ParsedDocument } from '../read-document.ts';
import { evidenceOf, splitSentences, type Sentence } from './sentences.ts';
import type { Evidence } from '../../domain/records.ts';
import type { Unit } from './units.ts';

export function sentencesOf(doc: ParsedDocument, units: Unit[]): Sentence[] {
  return units.flatMap((u) => splitSentences(doc, u));
}

/** Evidence for a whole unit (a heading, a list item). */
export function unitEvidence(doc: ParsedDocument, unit: Unit): Evidence {
  return evidenceOf(doc, { text: unit.text, page: unit.page, end: unit.end });
}
