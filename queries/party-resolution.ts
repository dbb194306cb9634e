/**
 * Finds the parties a user means by a name: the canonical name, any alias seen in a document,
 * a name the lexicons know ("Den norske stats husbank"), or a near spelling ("Husbank").
 */
import { defineCypher } from '../graph/cypher-registry.ts';
import { partyId } from '../domain/ids.ts';
import { nameKey, nearestSpelling } from '../domain/names.ts';
import { catalogueEntry } from '../domain/party-catalogue.ts';
import type { Party } from '../domain/records.ts';
import { editDistance } from '../domain/nlp.ts';
import type { QueryContext } from './context.ts';
import { UnknownPartyError } from './errors.ts';

interface Indexed {
  party: Party;
  /** Name keys of the name and every alias. */
  keys: string[];
}

const ALL_PARTIES = defineCypher<Omit<Party, 'aliases'> & { aliases: string[] | null }>(
  'party.all',
  'read',
  'MATCH (p:Party) RETURN p.id AS id, p.name AS name, p.kind AS kind, p.aliases AS aliases ORDER BY id',
);

function partyIndex(ctx: QueryContext): Promise<Indexed[]> {
  return ctx.cached('parties', async () =>
    (await ctx.read(ALL_PARTIES)).map((r) => {
      const party = { id: r.id, name: r.name, kind: r.kind, aliases: r.aliases ?? [] };
      return { party, keys: [party.name, ...party.aliases].map(nameKey) };
    }),
  );
}

export async function allParties(ctx: QueryContext): Promise<Party[]> {
  return (await partyIndex(ctx)).map((i) => i.party);
}

/** The parties a name stands for, or an UnknownPartyError with the closest known names when it stands for none. */
export async function partiesNamed(ctx: QueryContext, name: string): Promise<Party[]> {
  const found = await resolveParties(ctx, name);
  if (found.length > 0) return found;
  throw new UnknownPartyError(name, closestNames(await partyIndex(ctx), name));
}

/**
 * Up to three known names nearest to `name`: each word of the name counts by its length, for how
 * near the closest word of a known name comes to it ("Husbankken Norge" → Husbanken first).
 */
function closestNames(index: Indexed[], name: string): string[] {
  const asked = nameKey(name).split(/[\s/-]+/).filter((w) => w.length >= 2);
  const weight = asked.reduce((n, w) => n + w.length, 0) || 1;
  const nearness = (a: string, b: string) => 1 - editDistance(a, b) / Math.max(a.length, b.length);
  const scored = index.map(({ party, keys }) => {
    const score = Math.max(
      ...keys.map((k) => {
        const known = k.split(/[\s/-]+/).filter(Boolean);
        return asked.reduce((sum, w) => sum + w.length * Math.max(0, ...known.map((x) => (nearness(w, x) >= 0.7 ? nearness(w, x) : 0))), 0) / weight;
      }),
    );
    return { name: party.name, score };
  });
  return scored
    .filter((s) => s.score >= 0.4)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'nb'))
    .slice(0, 3)
    .map((s) => s.name);
}

/** The parties a name stands for: exact forms first, then the lexicons, then the nearest spelling. */
export function resolveParties(ctx: QueryContext, name: string): Promise<Party[]> {
  return ctx.cached(`resolve\u0000${name}`, () => resolve(ctx, name));
}

async function resolve(ctx: QueryContext, name: string): Promise<Party[]> {
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
