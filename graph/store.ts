/**
 * The graph store interface, and opening the configured backend. Callers see plain JS values
 * only: numbers, strings, booleans, lists, maps, and nodes as `{ labels, properties }`.
 */
import type { Cypher } from './cypher-registry.ts';
import type { StoreConfig } from './config.ts';

export type Row = Record<string, unknown>;

export interface WriteTransaction {
  run(cypher: Cypher, params?: Record<string, unknown>): Promise<Row[]>;
}

export interface GraphStore {
  readonly backend: 'embedded' | 'neo4j';
  /** Where the data lives: the file of the embedded store, or the Neo4j URI. */
  readonly location: string;
  /** Creates the indexes (embedded) or uniqueness constraints (Neo4j) of the model. */
  ensureSchema(): Promise<void>;
  read(cypher: Cypher, params?: Record<string, unknown>): Promise<Row[]>;
  /** Runs `work` in one transaction: all of it is committed, or none. Writes run one at a time. */
  write<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T>;
  /** Runs a query text given by a user (`kg cypher`) so that nothing it does is kept. */
  readOnly(text: string, params?: Record<string, unknown>): Promise<Row[]>;
  close(): Promise<void>;
}

export async function openStore(config: StoreConfig): Promise<GraphStore> {
  if (config.backend === 'neo4j') {
    const { Neo4jStore } = await import('./neo4j-store.ts');
    return Neo4jStore.connect(config);
  }
  const { EmbeddedStore } = await import('./embedded-store.ts');
  return EmbeddedStore.open(config.path);
}

/** Runs promises one after another: the embedded store allows one writer at a time. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
