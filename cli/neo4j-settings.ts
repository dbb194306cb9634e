/**
 * The Neo4j settings and their checks: the URI (one server: bolt, bolt+s, bolt+ssc; routing, for a
 * cluster or Aura: neo4j, neo4j+s, neo4j+ssc), the database name, and the driver's connection
 * pool. Each check says what is wrong in the words of the setting it names.
 */
import { z } from 'zod';
import type { Neo4jPoolSettings } from '../graph/store.ts';

const SCHEMES = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'];
const SCHEME_HINT = 'bolt, bolt+s or bolt+ssc for one server; neo4j, neo4j+s or neo4j+ssc for a cluster or Aura';

/** Why a Neo4j URI cannot be used, or undefined when it can. */
export function neo4jUriProblem(value: string): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1];
  if (!scheme) return `must be a bolt:// or neo4j:// URI (${SCHEME_HINT}), e.g. bolt://localhost:7687`;
  if (!SCHEMES.includes(scheme.toLowerCase())) return `must be a bolt:// or neo4j:// URI (${SCHEME_HINT}), not ${scheme}://`;
  let url: URL;
  try {
    // URL does not know these schemes' hosts: read it as http with the same authority
    url = new URL(`http://${value.slice(scheme.length + 3)}`);
  } catch {
    return 'is not a well-formed URI (expected scheme://host[:port])';
  }
  if (!url.hostname) return 'names no host';
  if (url.username || url.password) return 'must not carry credentials: set NEO4J_USER and NEO4J_PASSWORD';
  if (url.port && (Number(url.port) < 1 || Number(url.port) > 65535)) return `has port ${url.port}, which is not a port number`;
  if (url.pathname !== '/' || url.hash) return 'must have no path: the database is chosen with NEO4J_DATABASE';
  if (url.search && scheme.toLowerCase().startsWith('bolt')) return 'has a routing context (?…), which only neo4j:// URIs take';
  if (/\.databases\.neo4j\.io$/i.test(url.hostname) && !scheme.endsWith('+s')) return 'names an Aura database, which accepts only neo4j+s:// (encrypted, with routing)';
  return undefined;
}

export const neo4jUri = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = neo4jUriProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Neo4j's rule for database names: 3 to 63 characters, a letter first, then letters, digits, dots and dashes. */
export const neo4jDatabase = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9.-]{2,62}$/, 'must be a Neo4j database name: 3 to 63 characters, a letter first, then letters, digits, dots or dashes');

const positiveWhole = (what: string) => z.coerce.number().int(`must be a whole number of ${what}`).positive('must be more than 0');

/** The environment variables of the connection pool, with the driver option each sets. */
export const NEO4J_POOL_SETTINGS = {
  NEO4J_MAX_CONNECTION_POOL_SIZE: { option: 'maxConnectionPoolSize', schema: positiveWhole('connections').max(10_000, 'must be at most 10000') },
  NEO4J_CONNECTION_ACQUISITION_TIMEOUT_MS: { option: 'connectionAcquisitionTimeoutMs', schema: positiveWhole('milliseconds') },
  NEO4J_CONNECTION_TIMEOUT_MS: { option: 'connectionTimeoutMs', schema: positiveWhole('milliseconds') },
  NEO4J_MAX_TRANSACTION_RETRY_TIME_MS: { option: 'maxTransactionRetryTimeMs', schema: positiveWhole('milliseconds') },
} as const satisfies Record<string, { option: keyof Neo4jPoolSettings; schema: z.ZodType<number> }>;

export type Neo4jPoolVariable = keyof typeof NEO4J_POOL_SETTINGS;

/** The pool settings that are set, as driver options. */
export function neo4jPoolOf(values: Partial<Record<Neo4jPoolVariable, number>>): Neo4jPoolSettings {
  const pool: Neo4jPoolSettings = {};
  for (const [variable, { option }] of Object.entries(NEO4J_POOL_SETTINGS)) {
    const value = values[variable as Neo4jPoolVariable];
    if (value !== undefined) pool[option] = value;
  }
  return pool;
}
