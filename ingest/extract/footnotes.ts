/**
 * Footnote markers glued to the word they annotate ("Innsatssonen2", "fra 20233") are taken
 * off titles and list texts, given the numbers of the document's own footnotes.
 */
import type { ParsedDocument } from '../read-document.ts';
import { buildUnits, type Unit } from './units.ts';

function footnoteNumbers(units: Unit[]): Set<string> {
  return new Set(units.filter((u) => u.kind === 'footnote').map((u) => /^(\d{1,2})\s/.exec(u.text)?.[1]).filter((n): n is string => !!n));
}

function stripFootnoteMarkers(text: string, numbers: Set<string>): string {
  if (numbers.size === 0) return text;
  return text
    .replace(/(\p{Ll})(\d{1,2})(?=[\s.,;:)]|$)/gu, (all, letter: string, n: string) => (numbers.has(n) ? letter : all))
    .replace(/\b((?:19|20)\d{2})(\d{1,2})(?=[\s.,;:)]|$)/g, (all, year: string, n: string) => (numbers.has(n) ? year : all));
}

/** A document's units without its footnotes, and the cleaner that takes footnote markers off a text. */
export function bodyWithoutFootnotes(doc: ParsedDocument): { units: Unit[]; clean: (text: string) => string } {
  const all = buildUnits(doc);
  const numbers = footnoteNumbers(all);
  return { units: all.filter((u) => u.kind !== 'footnote'), clean: (text) => stripFootnoteMarkers(text, numbers) };
}
