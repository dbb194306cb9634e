/** Splits a run of units at the units a predicate picks as headings (the report's pilot summaries and delmål). */
import type { Unit } from './units.ts';

export function splitAt<T>(units: Unit[], heading: (u: Unit) => T | undefined): { head: T; heading: Unit; units: Unit[] }[] {
  const parts: { head: T; heading: Unit; units: Unit[] }[] = [];
  for (const unit of units) {
    const head = heading(unit);
    if (head !== undefined) parts.push({ head, heading: unit, units: [] });
    else parts[parts.length - 1]?.units.push(unit);
  }
  return parts;
}
