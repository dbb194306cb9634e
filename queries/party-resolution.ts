/**
 * Finds the parties a user means by a name: the canonical name, any alias seen in a document,
 * a name the lexicons know ("Den norske stats husbank"), or a near spelling ("Husbank").
 */
import { defineCypher } from '../graph/cypher-registry.ts';
import { partyId } from '../domain/ids.ts';
import { nameKey, nearestSpelling } from '../domain/names.ts';
import { catalogueEntry } from '../domain/party-catalogue.ts';
import type { QueryContext } from './context.ts';

export interface PartySummary {
  id: string;
  name: string;
  kind: string;
  aliases: string[];
}

interface Indexed {
  party: PartySummary;
  /** Name keys of the name and every alias. */
  keys: string[];
}

export const ALL_PARTIES = defineCypher('party.all', 'read', 'MATCH (p:Party) RETURN p.id AS id, p.name AS name, p.kind AS kind, p.aliases AS aliases ORDER BY id');

function partyIndex(ctx: QueryContext): Promise<Indexed[]> {
  return ctx.cached('parties', async () =>
    (await ctx.read(ALL_PARTIES)).map((r) => {
      const party = { id: r.id as string, name: r.name as string, kind: r.kind as string, aliases: (r.aliases as string[] | null) ?? [] };
      return { party, keys: [party.name, ...party.aliases].map(nameKey) };
    }),
  );
}

export async function allParties(ctx: QueryContext): Promise<PartySummary[]> {
  return (await partyIndex(ctx)).map((i) => i.party);
}

/** The parties a name stands for: exact forms first, then the lexicons, then the nearest spelling. */
export function resolveParties(ctx: QueryContext, name: string): Promise<PartySummary[]> {
  return ctx.cached(`resolve\u0000${name}`, () => resolve(ctx, name));
}

async function resolve(ctx: QueryContext, name: string): Promise<PartySummary[]> {
  const index = await partyIndex(ctx);
  const parties = index.map((i) => i.party);
  const key = nameKey(name);
  if (!key) return [];
  const exact = index.filter((i) => i.keys.includes(key)).map((i) => i.party);
  if (exact.length > 0) return exact;
  const known = catalogueEntry(name);
  if (known) {
    const party = parties.find((p) => p.id === partyId(known.name));
    if (party) return [party];
  }
  const near = nearestSpelling(key, index, (i) => i.keys);
  return near ? [near.party] : [];
}
