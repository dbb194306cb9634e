/**
 * The section list of an agreement, read from its layout: a heading is a unit the text layer set
 * apart (larger or bold type) or a usual numbered form ("2.", "6.1", "Kapittel 3:", "Delmål 2 –"),
 * and each section's role is decided from what its title means (section-roles.json), never from
 * its position or one exact string.
 */
import lexicon from '../lexicon/section-roles.json' with { type: 'json' };
import { indexOfPhrase, normalisedStems, words } from '../../domain/nlp.ts';
import { headingText } from './read-as.ts';
import { isHeadingLike, type Unit } from './units.ts';

export type SectionRole = keyof typeof lexicon.roles;

export interface Section {
  heading: Unit;
  /** The heading without its number or chapter label. */
  title: string;
  /** "2", "6.1" when the heading is numbered. */
  number?: string;
  role?: SectionRole;
  units: Unit[];
}

/** "2.", "6.1", "Kapittel 3:", "Kap. 3", "Del 2 –" before a heading's title. */
const NUMBERING = /^(?:(?:Kapittel|Kap\.|Del|Punkt)\s+)?(\d{1,2}(?:\.\d{1,2})*|[IVX]{1,5}(?=\.))\.?(?:\s*[:.–—-])?\s+(?=\S)/u;
/** "(6.1 )Delmål 1( :|–|—|.) Tittel": a Bygdevekst sub-goal heading. */
export const SUB_GOAL_HEADING = /^(?:(\d{1,2}(?:\.\d{1,2})*)\.?\s+)?Delmål\s+(\d{1,2})\b(?!\.\d)\s*(?:[:.–—-]\s*)?(.*)$/iu;
/** One to four words and a full stop or colon that open a paragraph ("Partar.", "Særlege roller:"). */
const LEAD_IN = /^(\p{Lu}[\p{Ll}-]+(?: [\p{L}-]+){0,3})[.:] (?=\p{Lu})/u;
const NUMBERED_TITLE = /^(?:(?:Delmål|Innsatsområde|Kapittel)\s+)?\d{1,2}(?:\.\d{1,2})*\.?\s*[:.–—-]?\s+\p{Lu}/u;
const ROLES = Object.entries(lexicon.roles).map(([role, phrases]) => ({
  role: role as SectionRole,
  phrases: phrases.map((p) => normalisedStems(p)),
}));

/** Units before the first heading form a section without heading only when they hold text (a title page). */
export function sectionsOf(units: Unit[]): Section[] {
  const sections: Section[] = [];
  for (const unit of units) {
    // "Partar. Partane i avtala er …": a section opened by a lead-in word that names its role
    const leadIn = LEAD_IN.exec(unit.kind === 'paragraph' ? unit.text : '');
    const leadRole = leadIn ? roleOfTitle(leadIn[1]!) : undefined;
    if (leadIn && leadRole) {
      sections.push({ heading: unit, title: leadIn[1]!, role: leadRole, units: [unit] });
      continue;
    }
    if (isSectionHeading(unit)) {
      const text = headingText(unit);
      const numbered = NUMBERING.exec(text);
      const title = (numbered ? text.slice(numbered[0].length) : text).replace(/[:.]\s*$/, '').trim();
      const role = roleOfTitle(title);
      sections.push({ heading: unit, title, ...(numbered ? { number: numbered[1] } : {}), ...(role ? { role } : {}), units: [] });
    } else sections[sections.length - 1]?.units.push(unit);
  }
  return sections;
}

/** A heading in the layout (type set apart) or a bold or numbered short line that reads as one. */
function isSectionHeading(unit: Unit): boolean {
  if (unit.kind === 'footnote' || (unit.kind as string) === 'row') return false;
  if (unit.text.length > 220) return false;
  // a heading in the layout; one that ends a sentence is a heading when short or numbered ("Delmål 1.1: … .")
  if (unit.kind === 'heading') return !/[.;]$/.test(unit.text) || unit.text.length <= 60 || NUMBERED_TITLE.test(headingText(unit));
  if (unit.bold) return isHeadingLike(unit) || /:$/.test(unit.text);
  // a sub-goal heading set as body text still opens its sub-goal ("6.1 Delmål 1 Utvikle …")
  return SUB_GOAL_HEADING.test(headingText(unit)) && !/[.;]$/.test(unit.text) && unit.text.length <= 200;
}

/**
 * The role a title's words give it, if any. Where several roles are named, the one named first
 * wins ("Gyldigheit, oppfølging og endringar" is about validity), and a word in the genitive only
 * qualifies the next ("Avtalepartenes oppfølging" is about follow-up).
 */
export function roleOfTitle(title: string): SectionRole | undefined {
  const all = words(title);
  const stems = all.map((w, i) => (i < all.length - 1 && GENITIVE.test(w) ? '' : normalisedStems(w)[0] ?? ''));
  let best: { role: SectionRole; at: number } | undefined;
  for (const { role, phrases } of ROLES) {
    for (const phrase of phrases) {
      const at = indexOfPhrase(stems, phrase);
      if (at >= 0 && (!best || at < best.at)) best = { role, at };
    }
  }
  return best?.role;
}

/** "avtalens", "partenes", "kommunanes": a noun in the genitive. */
const GENITIVE = /\p{L}{3,}(?:ens|enes|anes|ets|as)$/u;

/**
 * The units of the sections of a role, each with the role-less sections that follow it: a
 * signature page whose names are set in bold reads as one section, not one per name.
 */
export function unitsOfRole(sections: Section[], role: SectionRole): Unit[] {
  const units: Unit[] = [];
  let inside = false;
  for (const section of sections) {
    if (section.role === role) {
      inside = true;
      units.push(...section.units);
    } else if (inside && !section.role) units.push(section.heading, ...section.units);
    else inside = false;
  }
  return units;
}
