/**
 * The pilots × themes matrix: one row per pilot (cohort 1, then cohort 2), one column per theme,
 * each cell the sub-goals of the pilot's agreements on that theme, and the cells and rows a party
 * is involved in. Pure functions over API data (no DOM).
 */
import type { Involvement, PilotInfo, SubGoalInfo, Theme } from './types.ts';
import { THEMES } from './types.ts';

export interface MatrixCell {
  pilot: string;
  theme: Theme;
  subGoals: SubGoalInfo[];
  /** The party in the highlight takes part in one of the cell's sub-goals. */
  highlighted: boolean;
  /** Sub-goal titles, one a line, for the title attribute. */
  tooltip: string;
}

export interface MatrixRow {
  pilot: PilotInfo;
  /** The party in the highlight takes part in the pilot (in any role). */
  highlighted: boolean;
  cells: MatrixCell[];
}

export interface Matrix {
  themes: Theme[];
  rows: MatrixRow[];
}

export interface Highlight {
  party: string;
  pilots: Set<string>;
  /** `${pilotId}|${theme}` */
  cells: Set<string>;
  subGoals: Set<string>;
}

export const cellKey = (pilot: string, theme: string) => `${pilot}|${theme}`;

/** The rows and cells to mark for a party, from `pilotsInvolving(party)`: a cell for each theme of each sub-goal it takes part in. */
export function highlightFromInvolvement(party: string, involvement: Involvement[]): Highlight {
  const h: Highlight = { party, pilots: new Set(), cells: new Set(), subGoals: new Set() };
  for (const entry of involvement) {
    h.pilots.add(entry.pilot.id);
    for (const s of entry.subGoals) {
      h.subGoals.add(s.id);
      for (const theme of s.themes) h.cells.add(cellKey(entry.pilot.id, theme));
    }
  }
  return h;
}

const subGoalOrder = (a: SubGoalInfo, b: SubGoalInfo) =>
  a.agreement.title.localeCompare(b.agreement.title, 'nb') || a.number.localeCompare(b.number, 'nb', { numeric: true });

/**
 * The matrix. Pilots are ordered by cohort (unknown last), then by name; the themes are the
 * sixteen of the model, in its order, unless `themes` is given.
 */
export function buildMatrix(pilots: PilotInfo[], subGoals: SubGoalInfo[], highlight: Highlight | null = null, themes: readonly Theme[] = THEMES): Matrix {
  const byCell = new Map<string, SubGoalInfo[]>();
  for (const s of subGoals) {
    for (const theme of s.themes) {
      const key = cellKey(s.agreement.pilot.id, theme);
      const list = byCell.get(key) ?? [];
      list.push(s);
      byCell.set(key, list);
    }
  }
  const ordered = [...pilots].sort((a, b) => (a.cohort ?? 99) - (b.cohort ?? 99) || a.name.localeCompare(b.name, 'nb'));
  const rows = ordered.map((pilot) => ({
    pilot,
    highlighted: highlight?.pilots.has(pilot.id) ?? false,
    cells: themes.map((theme) => {
      const list = (byCell.get(cellKey(pilot.id, theme)) ?? []).sort(subGoalOrder);
      const key = cellKey(pilot.id, theme);
      return {
        pilot: pilot.id,
        theme,
        subGoals: list,
        highlighted: (highlight?.cells.has(key) ?? false) && list.some((s) => highlight!.subGoals.has(s.id)),
        tooltip: list.map((s) => `${s.number}. ${s.title}`).join('\n'),
      };
    }),
  }));
  return { themes: [...themes], rows };
}

/** The sub-goals of one cell with their partners and may-invite parties, for the detail panel. */
export function cellDetail(matrix: Matrix, pilot: string, theme: string): MatrixCell | undefined {
  return matrix.rows.find((r) => r.pilot.id === pilot)?.cells.find((c) => c.theme === theme);
}
