/** Every question of the API; importing this module also registers all their Cypher texts. */
export { compareAgreements } from './compare-agreements.ts';
export { createLoaders } from './entities.ts';
export * as lookups from './lookups.ts';
export { partyNetwork } from './party-network.ts';
export { resolveParties } from './party-resolution.ts';
export { pilotsInvolving } from './pilots-involving.ts';
export { search } from './search.ts';
export { similarMeasures } from './similar-measures.ts';
export { transferableMeasures } from './transferable-measures.ts';
