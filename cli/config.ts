/**
 * Store configuration from the environment, validated at start: KG_DATA_DIR for the embedded
 * store, NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD (and NEO4J_DATABASE) for Neo4j.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { StoreError } from '../graph/errors.ts';
import type { StoreConfig } from '../graph/store.ts';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');


const neo4jUri = z
  .string()
  .trim()
  .refine((v) => /^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s/]+/.test(v), 'must be a bolt:// or neo4j:// URI (optionally +s or +ssc), e.g. bolt://localhost:7687');

const environment = z.object({
  KG_DATA_DIR: z.string().trim().min(1, 'must not be empty').optional(),
  NEO4J_URI: neo4jUri.optional(),
  NEO4J_USER: z.string().trim().min(1, 'must not be empty').optional(),
  NEO4J_PASSWORD: z.string().min(1, 'must not be empty').optional(),
  NEO4J_DATABASE: z.string().trim().min(1, 'must not be empty').optional(),
});

/** The embedded store lives in one file inside the data directory. */
export const EMBEDDED_FILE = 'graph.grafeo';

export function storeConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const set = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('KG_') || k.startsWith('NEO4J_') ? v !== '' : false));
  const parsed = environment.safeParse(set);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StoreError('BAD_CONFIG', String(issue.path[0]), issue.message);
  }
  const e = parsed.data;
  if (e.NEO4J_URI) {
    if (!e.NEO4J_USER || !e.NEO4J_PASSWORD) {
      throw new StoreError('BAD_CONFIG', e.NEO4J_USER ? 'NEO4J_PASSWORD' : 'NEO4J_USER', 'must be set when NEO4J_URI is set');
    }
    return { backend: 'neo4j', uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD, ...(e.NEO4J_DATABASE ? { database: e.NEO4J_DATABASE } : {}) };
  }
  const dir = resolve(e.KG_DATA_DIR ?? join(PROJECT_ROOT, 'data'));
  return { backend: 'embedded', path: join(dir, EMBEDDED_FILE) };
}
