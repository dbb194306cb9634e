/**
 * Footnote markers glued to the word they annotate ("Innsatssonen2", "fra 20233") are taken
 * off titles and list texts, given the numbers of the document's own footnotes.
 */
import type { Unit } from './units.ts';

export function footnoteNumbers(units: Unit[]): Set<string> {
  return new Set(units.filter((u) => u.kind === 'footnote').map((u) => /^(\d{1,2})\s/.exec(u.text)?.[1]).filter((n): n is string => !!n));
}

export function stripFootnoteMarkers(text: string, numbers: Set<string>): string {
  if (numbers.size === 0) return text;
  return text
    .replace(/(\p{Ll})(\d{1,2})(?=[\s.,;:)]|$)/gu, (all, letter: string, n: string) => (numbers.has(n) ? letter : all))
    .replace(/\b((?:19|20)\d{2})(\d{1,2})(?=[\s.,;:)]|$)/g, (all, year: string, n: string) => (numbers.has(n) ? year : all));
}
