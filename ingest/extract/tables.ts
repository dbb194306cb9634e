/**
 * Tables of sub-goals, read cell by cell and row by row: which column holds the sub-goal, its
 * partners, the parties that may be invited and its strategies is told by the column heading's
 * words (section-roles.json `tableColumns`), so a table yields the same facts as the same
 * content in prose.
 */
import lexicon from '../lexicon/section-roles.json' with { type: 'json' };
import { containsPhrase, normalisedStems } from '../../domain/nlp.ts';
import type { Unit } from './units.ts';
import { readAs } from './read-as.ts';

export type ColumnRole = keyof typeof lexicon.tableColumns;

export interface TableSubGoal {
  /** "3" or "2.1", from the sub-goal cell ("1. Tittel", "Delmål 2: Tittel", "2.1 Tittel"). */
  number: string;
  title: string;
  partners: string;
  mayInvite: string;
  strategies: string[];
  row: Unit;
}

const COLUMN_ROLES = Object.entries(lexicon.tableColumns).map(([role, phrases]) => ({
  role: role as ColumnRole,
  phrases: phrases.map((p) => normalisedStems(p)),
}));
/** "1. Tittel", "1 Tittel", "Delmål 1: Tittel", "2.1 Tittel", "Delmål 2.1 – Tittel". */
const NUMBERED_CELL = /^(?:Delmål\s+)?(\d{1,2}(?:\.\d{1,2})?)\.?\s*[:.–—-]?\s+(\S.*)$/iu;

/** What a column holds, from its heading. */
export function columnRole(heading: string): ColumnRole | undefined {
  const stems = normalisedStems(heading);
  return COLUMN_ROLES.find((c) => c.phrases.some((phrase) => containsPhrase(stems, phrase)))?.role;
}

/** Is this unit a body row of a table whose columns include the sub-goal? */
export function isSubGoalRow(unit: Unit): boolean {
  return unit.kind === 'row' && !unit.header && (unit.columns ?? []).some((c) => columnRole(c) === 'subGoal');
}

/** The sub-goals of the body rows of sub-goal tables among `units`, in order. */
export function tableSubGoals(units: Unit[]): TableSubGoal[] {
  const found: TableSubGoal[] = [];
  for (const row of units.filter(isSubGoalRow)) {
    const roles = row.columns!.map(columnRole);
    const cell = (role: ColumnRole) => row.cells?.[roles.indexOf(role)]?.trim() ?? '';
    const numbered = NUMBERED_CELL.exec(readAs(cell('subGoal'), row.ocr === true));
    if (!numbered) continue;
    found.push({
      number: numbered[1]!,
      title: numbered[2]!.replace(/\s*[:.]\s*$/u, '').trim(),
      partners: cell('partners'),
      mayInvite: cell('mayInvite'),
      strategies: splitStrategies(cell('strategies')),
      row,
    });
  }
  return found;
}

/** Strategies in one cell: separated by semicolons or set as sentences. */
function splitStrategies(text: string): string[] {
  if (!text) return [];
  const parts = text.includes(';') ? text.split(/\s*;\s*/u) : text.split(/(?<=[.!?])\s+(?=\p{Lu})/u);
  return parts.map((p) => p.trim()).filter(Boolean);
}
