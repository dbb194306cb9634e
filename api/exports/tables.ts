/**
 * The answers people take into a spreadsheet, as tables (a header and rows of plain values): the
 * pilots × themes matrix, the pilots a party is involved in, the measures that recur across
 * pilots, and the parties. Read through the same questions as the API (queries/).
 */
import { THEMES, type PartyKind, type Theme } from '../../domain/records.ts';
import type { QueryContext } from '../../queries/context.ts';
import type { Page, PageOf } from '../../queries/page.ts';
import { lookups, pilotsInvolving, transferableMeasures } from '../../queries/index.ts';
import { measureIndex } from '../../queries/measures.ts';

export type Cell = string | number | null;

export interface Table {
  /** Also the sheet's name in a workbook (at most 31 characters). */
  name: string;
  columns: string[];
  rows: Cell[][];
}

export const TABLES = ['matrix', 'pilots-involving', 'transferable-measures', 'parties'] as const;
export type TableName = (typeof TABLES)[number];

export interface TableParams {
  /** pilots-involving: the party, by any of its names. */
  party?: string;
  theme?: Theme;
  /** transferable-measures: clusters of at least this many pilots (2). */
  minPilots?: number;
}

/** Pages of the paged lookups are read until one comes back short. */
const PAGE = 100;

async function allPages<T>(read: (page: Page) => Promise<PageOf<T>>): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await read({ limit: PAGE, offset });
    all.push(...page.items);
    if (page.items.length === 0 || all.length >= page.totalCount) return all;
  }
}

const byCohortThenName = (a: { cohort: number | null; name: string }, b: { cohort: number | null; name: string }) =>
  (a.cohort ?? 99) - (b.cohort ?? 99) || a.name.localeCompare(b.name, 'nb');

/** One row per pilot (cohort 1 first), one column per theme: the number of the pilot's sub-goals on it. */
async function matrix(ctx: QueryContext): Promise<Table> {
  const pilots = (await lookups.pilots(ctx)).sort(byCohortThenName);
  const rows: Cell[][] = [];
  for (const pilot of pilots) {
    const subGoals = await allPages((page) => lookups.subGoals(ctx, { pilot: pilot.id }, page));
    const counts = THEMES.map((theme) => subGoals.filter((s) => (s.themes ?? []).includes(theme)).length);
    rows.push([pilot.id, pilot.name, pilot.cohort, subGoals.length, ...counts]);
  }
  return { name: 'pilots x themes', columns: ['pilot_id', 'pilot', 'cohort', 'sub_goals', ...THEMES], rows };
}

async function involving(ctx: QueryContext, params: TableParams): Promise<Table> {
  if (!params.party) throw new TableParamError('party', 'is required: the party whose pilots to list, by any of its names');
  const pilots = new Map((await lookups.pilots(ctx)).map((p) => [p.id, p]));
  const found = await pilotsInvolving(ctx, params.party, params.theme);
  const rows = found.map((p): Cell[] => [
    p.pilot,
    pilots.get(p.pilot)?.name ?? p.pilot,
    pilots.get(p.pilot)?.cohort ?? null,
    p.roles.join('; '),
    p.agreements.join('; '),
    p.subGoals.join('; '),
    p.evidence.length,
    p.evidence.map((e) => `${e.document} p. ${e.page}: ${e.quote}`).join('\n'),
  ]);
  return { name: 'pilots involving', columns: ['pilot_id', 'pilot', 'cohort', 'roles', 'agreements', 'sub_goals', 'evidence_count', 'evidence'], rows };
}

/** One row per measure of each cluster, the widest clusters first. */
async function measures(ctx: QueryContext, params: TableParams): Promise<Table> {
  const clusters = await transferableMeasures(ctx, params.theme, params.minPilots ?? 2);
  const byId = new Map((await measureIndex(ctx)).measures.map((m) => [m.id, m]));
  const rows: Cell[][] = [];
  clusters.forEach((c, i) => {
    for (const id of c.measures) {
      const m = byId.get(id);
      rows.push([i + 1, c.label, c.pilots.length, c.sharedTerms.join('; '), c.themes.join('; '), Math.round(c.cohesion * 1000) / 1000, id, m?.pilotName ?? '', m?.text ?? '']);
    }
  });
  return { name: 'transferable measures', columns: ['cluster', 'label', 'pilots', 'shared_terms', 'themes', 'cohesion', 'measure_id', 'pilot', 'measure'], rows };
}

async function parties(ctx: QueryContext): Promise<Table> {
  const all = await allPages((page) => lookups.parties(ctx, {}, page));
  const rows = all.map((p): Cell[] => [p.id, p.name, p.kind as PartyKind, p.aliases.join('; ')]);
  return { name: 'parties', columns: ['party_id', 'name', 'kind', 'aliases'], rows };
}

export class TableParamError extends Error {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    readonly param: string,
    readonly reason: string,
  ) {
    super(`${param}: ${reason}`);
  }
}

export function buildTable(ctx: QueryContext, name: TableName, params: TableParams = {}): Promise<Table> {
  switch (name) {
    case 'matrix':
      return matrix(ctx);
    case 'pilots-involving':
      return involving(ctx, params);
    case 'transferable-measures':
      return measures(ctx, params);
    case 'parties':
      return parties(ctx);
  }
}
