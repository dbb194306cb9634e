/** Numbered sections of an agreement, found from their headings, and what each one is for. */
import cues from '../lexicon/extraction-cues.json' with { type: 'json' };
import { isHeadingLike, type Unit } from './units.ts';

export type SectionRole = keyof typeof cues.sections;

export interface Section {
  number: number;
  title: string;
  heading: Unit;
  units: Unit[];
  role?: SectionRole;
}

const TOP_HEADING = /^(\d{1,2})\.?\s+(\p{Lu}.*)$/u;
const roles = Object.entries(cues.sections).map(([role, pattern]) => ({ role: role as SectionRole, pattern: new RegExp(pattern, 'iu') }));

/**
 * Top-level sections "1. Bakgrunn", "7 Overordna oppfølging …": a bold or heading unit whose
 * number is the next in sequence. Units before the first heading are left out.
 */
export function topLevelSections(units: Unit[], options: { until?: (u: Unit) => boolean } = {}): Section[] {
  const sections: Section[] = [];
  for (const unit of units) {
    if (options.until?.(unit)) break;
    const m = TOP_HEADING.exec(unit.text);
    const expected = (sections[sections.length - 1]?.number ?? 0) + 1;
    if (m && Number(m[1]) === expected && (unit.kind === 'heading' || unit.bold) && isHeadingLike(unit)) {
      const title = m[2]!;
      sections.push({ number: expected, title, heading: unit, units: [], role: roles.find((r) => r.pattern.test(title))?.role });
    } else sections[sections.length - 1]?.units.push(unit);
  }
  return sections;
}

/** Splits a run of units at the units a predicate picks as headings. */
export function splitAt<T>(units: Unit[], heading: (u: Unit) => T | undefined): { head: T; heading: Unit; units: Unit[] }[] {
  const parts: { head: T; heading: Unit; units: Unit[] }[] = [];
  for (const unit of units) {
    const head = heading(unit);
    if (head !== undefined) parts.push({ head, heading: unit, units: [] });
    else parts[parts.length - 1]?.units.push(unit);
  }
  return parts;
}
