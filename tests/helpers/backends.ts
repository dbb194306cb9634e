/**
 * The two backends as the tests see them: each opens a fresh, empty store with its schema. Suites
 * that must behave the same on both are written once and run on each (`forEachBackend`); the
 * Neo4j one is skipped, with the reason, where the test run has no Neo4j (tests/helpers/neo4j.ts).
 */
import { describe } from 'vitest';
import { Neo4jStore } from '../../graph/neo4j-store.ts';
import type { GraphStore, Row, WriteTransaction } from '../../graph/store.ts';
import type { Cypher } from '../../graph/cypher-registry.ts';
import { leaseNeo4j, neo4jSkipReason, type Neo4jLease } from './neo4j.ts';
import { temporaryStore } from './store.ts';

export interface Backend {
  name: 'embedded' | 'neo4j';
  /** Why this backend cannot run here (undefined: it can). */
  skip: string | undefined;
  /** A fresh, empty store with its schema: closing it gives its database back. */
  open(): Promise<GraphStore>;
}

export const EMBEDDED: Backend = { name: 'embedded', skip: undefined, open: temporaryStore };
export const NEO4J: Backend = { name: 'neo4j', skip: neo4jSkipReason, open: openNeo4j };
export const BACKENDS: Backend[] = [EMBEDDED, NEO4J];

/** Hooks that wait for a Neo4j database (the server starts once per run, in tens of seconds). */
export const BACKEND_HOOK_TIMEOUT = 600_000;

/** A test's time on a backend over the network, which is slower than one in this process. */
export const BACKEND_TEST_TIMEOUT = 180_000;

/** `suite` once per backend, as `describe(\`${title} (${backend.name})\`)`, skipped where the backend cannot run. */
export function forEachBackend(title: string, suite: (backend: Backend) => void): void {
  for (const backend of BACKENDS) describe.skipIf(Boolean(backend.skip))(`${title} (${backend.name})`, { timeout: BACKEND_TEST_TIMEOUT }, () => suite(backend));
}

async function openNeo4j(): Promise<GraphStore> {
  const lease = await leaseNeo4j();
  try {
    const store = await Neo4jStore.connect(lease.config);
    await store.ensureSchema();
    return new LeasedStore(store, lease);
  } catch (error) {
    lease.release();
    throw error;
  }
}

/** A Neo4j store on a lent database: closing it closes the driver and gives the database back. */
class LeasedStore implements GraphStore {
  readonly backend = 'neo4j' as const;
  constructor(
    private readonly store: Neo4jStore,
    private readonly lease: Neo4jLease,
  ) {}
  get location() {
    return this.store.location;
  }
  ensureSchema() {
    return this.store.ensureSchema();
  }
  read<R extends object>(cypher: Cypher<R>, params?: Record<string, unknown>) {
    return this.store.read(cypher, params);
  }
  write<T>(work: (tx: WriteTransaction) => Promise<T>) {
    return this.store.write(work);
  }
  readOnly(text: string, params?: Record<string, unknown>): Promise<Row[]> {
    return this.store.readOnly(text, params);
  }
  async close() {
    try {
      await this.store.close();
    } finally {
      this.lease.release();
    }
  }
}
