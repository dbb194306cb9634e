/**
 * The work every question builds on, done ahead of the first request: the search index, the
 * measures' and sub-goals' meaning vectors, the transferable clusters, the parties and who takes
 * part where (the role index, with a first read of the ties' sentences), the party network, and
 * what the sub-goal and obligation filters test. Done at start and again after each write, so
 * that no request pays for it; a request that comes first waits on the same computation instead
 * of starting its own.
 */
import { subGoalMeaning } from './compare-agreements.ts';
import type { QueryContext } from './context.ts';
import { filterKeys } from './lookups.ts';
import { measureIndex } from './measures.ts';
import { allParties } from './party-resolution.ts';
import { partyNetwork } from './party-network.ts';
import { warmPilotsInvolving } from './pilots-involving.ts';
import { searchIndex } from './search.ts';
import { transferableMeasures } from './transferable-measures.ts';

/** Lets the event loop answer what waits (a health check, a request for something already warm) between two steps. */
const breath = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function warmAnswers(ctx: QueryContext): Promise<void> {
  // one after another, with a breath between: the server answers requests in between on the same thread
  const steps = [
    () => searchIndex(ctx),
    () => measureIndex(ctx),
    () => transferableMeasures(ctx, undefined, 2),
    () => subGoalMeaning(ctx),
    () => allParties(ctx),
    () => warmPilotsInvolving(ctx),
    () => partyNetwork(ctx, undefined, 1),
    () => filterKeys(ctx),
  ];
  for (const step of steps) {
    await breath();
    await step();
  }
}
