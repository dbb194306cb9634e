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
  /** The words of each key. */
  words: string[][];
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
      const keys = [party.name, ...party.aliases].map(nameKey);
      return { party, keys, words: keys.map(wordsOf) };
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

const wordsOf = (key: string) => key.split(/[\s/-]+/).filter(Boolean);

/**
 * Words of an asked name that are compared with known names: its first distinct words, each cut
 * to its first letters. No party name comes near these bounds, and a name of any length costs
 * at most this many comparisons with each distinct known word.
 */
const SUGGESTION_BOUNDS = { words: 8, wordChars: 32 };
/** How near a word must come to a known word (1 − edits / length) to count. */
const NEAR_WORD = 0.7;

/**
 * Up to three known names nearest to `name`: each word of the name counts by its length, for how
 * near the closest word of a known name comes to it ("Husbankken Norge" → Husbanken first).
 */
function closestNames(index: Indexed[], name: string): string[] {
  const asked = [...new Set(wordsOf(nameKey(name)).filter((w) => w.length >= 2).map((w) => w.slice(0, SUGGESTION_BOUNDS.wordChars)))].slice(0, SUGGESTION_BOUNDS.words);
  const weight = asked.reduce((n, w) => n + w.length, 0) || 1;
  // each asked word against each distinct known word once; words whose lengths alone put them too far apart are not compared
  const near = asked.map(() => new Map<string, number>());
  const nearness = (i: number, known: string): number => {
    let value = near[i]!.get(known);
    if (value === undefined) {
      const w = asked[i]!;
      const longest = Math.max(w.length, known.length);
      value = Math.abs(w.length - known.length) > (1 - NEAR_WORD) * longest ? 0 : 1 - editDistance(w, known) / longest;
      if (value < NEAR_WORD) value = 0;
      near[i]!.set(known, value);
    }
    return value;
  };
  const scored = index.map(({ party, words }) => {
    const score = Math.max(...words.map((known) => asked.reduce((sum, w, i) => sum + w.length * Math.max(0, ...known.map((x) => nearness(i, x))), 0) / weight));
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
