/** The checks on arguments the schema cannot state: page sizes, text lengths, minPilots; each failure is BAD_USER_INPUT naming the argument. */
import type { Page } from '../../queries/page.ts';
import { badUserInput } from './errors.ts';

/** The largest page a list returns. */
const MAX_LIMIT = 100;
/** The longest search or description text. */
const MAX_TEXT = 500;
/** The longest party name. */
const MAX_NAME = 200;

/**
 * The page asked for, 50 from the start unless said otherwise.
 * @example page({ limit: 10 }) // { limit: 10, offset: 0 }
 */
export function page(args: { limit?: number | null; offset?: number | null }): Page {
  const limit = args.limit ?? 50;
  const offset = args.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw badUserInput(`limit must be between 1 and ${MAX_LIMIT}`, 'limit');
  if (!Number.isInteger(offset) || offset < 0) throw badUserInput('offset must be 0 or more', 'offset');
  return { limit, offset };
}

/**
 * How many results a question without paging returns: `limit`, or `fallback` when not given.
 * @example limit(undefined, 10) // 10
 */
export function limit(value: number | null | undefined, fallback: number): number {
  return page({ limit: value ?? fallback }).limit;
}

/**
 * A search text or a description, at most MAX_TEXT characters.
 * @example text(args.text, 'text')
 */
export function text(value: string, argument: string): string {
  return bounded(value, argument, MAX_TEXT);
}

/**
 * A party's name, at most MAX_NAME characters.
 * @example name(args.party, 'party')
 */
export function name(value: string, argument: string): string {
  return bounded(value, argument, MAX_NAME);
}

/**
 * How many pilots a measure must recur in: 2 unless said otherwise, at least 1.
 * @example minPilots(null) // 2
 */
export function minPilots(value: number | null | undefined): number {
  const n = value ?? 2;
  if (n < 1) throw badUserInput('minPilots must be 1 or more', 'minPilots');
  return n;
}

function bounded(value: string, argument: string, max: number): string {
  if (value.length > max) throw badUserInput(`${argument} is longer than ${max} characters`, argument);
  return value;
}

/**
 * A calendar date, YYYY-MM-DD, that exists.
 * @example date('2028-12-31', 'validOn')
 */
export function date(value: string, argument: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const day = m ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!m || !day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) throw badUserInput(`${argument} must be a date written YYYY-MM-DD`, argument);
  return value;
}
