/**
 * The sub-goals of an agreement, in every heading form authors use: "6.1 Delmål 1 Tittel",
 * "Delmål 2: Tittel", "Delmål 3 – Tittel", "5.2 Delmål 2 Tittel", or a numbered sub-heading
 * ("6.1 Bustader for fleire") inside a section about sub-goals.
 */
import { headingText } from './read-as.ts';
import { SUB_GOAL_HEADING, type Section } from './structure.ts';
import type { Unit } from './units.ts';

export interface SubGoalPart {
  /** "3": the sub-goal's own number. */
  number: string;
  title: string;
  /** The section number of its heading ("6.3"), when it has one. */
  section?: string;
  heading: Unit;
  units: Unit[];
}


export function subGoalParts(sections: Section[]): SubGoalPart[] {
  const parts: SubGoalPart[] = [];
  let parent: Section | undefined;
  for (const section of sections) {
    const explicit = SUB_GOAL_HEADING.exec(headingText(section.heading));
    const nested = section.number?.includes('.') ?? false;
    if (!nested) parent = section;
    if (explicit) {
      parts.push({ number: explicit[2]!, title: cleanTitle(explicit[3]!), ...(explicit[1] ? { section: explicit[1] } : {}), heading: section.heading, units: section.units });
    } else if (nested && parent?.role === 'subGoals' && parent !== section) {
      parts.push({ number: section.number!.split('.').pop()!, title: cleanTitle(section.title), section: section.number!, heading: section.heading, units: section.units });
    }
  }
  return parts;
}

function cleanTitle(title: string): string {
  return title.replace(/\s*[:.]\s*$/, '').trim();
}
