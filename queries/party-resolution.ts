/**
 * Finds the parties a user means by a name: the canonical name, any alias seen in a document,
 * a name the lexicons know ("Den norske stats husbank"), or a near spelling ("Husbank").
 */
import { defineCypher } from '../graph/cypher-registry.ts';
import { nameKey, slug } from '../ingest/extract/names.ts';
import { editDistance, jaroWinkler } from '../ingest/extract/nlp.ts';
import { catalogueEntry } from '../ingest/extract/party-catalogue.ts';
import type { QueryContext } from './context.ts';

export interface PartySummary {
  id: string;
  name: string;
  kind: string;
  aliases: string[];
}

export const ALL_PARTIES = defineCypher('party.all', 'read', 'MATCH (p:Party) RETURN p.id AS id, p.name AS name, p.kind AS kind, p.aliases AS aliases ORDER BY id');

export function allParties(ctx: QueryContext): Promise<PartySummary[]> {
  return ctx.cached('parties', async () =>
    (await ctx.read(ALL_PARTIES)).map((r) => ({ id: r.id as string, name: r.name as string, kind: r.kind as string, aliases: (r.aliases as string[] | null) ?? [] })),
  );
}

/** The parties a name stands for: exact forms first, then the lexicons, then the nearest spelling. */
export async function resolveParties(ctx: QueryContext, name: string): Promise<PartySummary[]> {
  const parties = await allParties(ctx);
  const key = nameKey(name);
  if (!key) return [];
  const exact = parties.filter((p) => [p.name, ...p.aliases].some((form) => nameKey(form) === key));
  if (exact.length > 0) return exact;
  const known = catalogueEntry(name);
  if (known) {
    const party = parties.find((p) => p.id === `party:${slug(known.name)}`);
    if (party) return [party];
  }
  let best: { party: PartySummary; score: number } | undefined;
  for (const party of parties) {
    for (const form of [party.name, ...party.aliases]) {
      const k = nameKey(form);
      const close = key.length >= 5 && editDistance(k, key) <= (key.length >= 12 ? 2 : 1);
      const score = close ? 1 : jaroWinkler(k, key);
      if (score >= 0.93 && (!best || score > best.score)) best = { party, score };
    }
  }
  return best ? [best.party] : [];
}
