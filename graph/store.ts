/**
 * The graph store interface that both backends implement. Callers see plain JS values
 * only: numbers, strings, booleans, lists, maps, and nodes as `{ labels, properties }`.
 */
import type { Cypher } from './cypher-registry.ts';

/** A row of a query the store knows nothing about (`readOnly`): a registered text's rows carry their own type. */
export type Row = Record<string, unknown>;

type Params = Record<string, unknown>;

/** Which backend to open, and where: validated from the environment by the command line's config. */
export type StoreConfig =
  | { backend: 'embedded'; path: string }
  | { backend: 'neo4j'; uri: string; user: string; password: string; database?: string; pool?: Neo4jPoolSettings };

/** The Neo4j driver's connection pool and retries; what is unset keeps the defaults of neo4j-store.ts. */
export interface Neo4jPoolSettings {
  maxConnectionPoolSize?: number;
  /** How long a query waits for a free connection of the pool. */
  connectionAcquisitionTimeoutMs?: number;
  /** How long opening a connection may take. */
  connectionTimeoutMs?: number;
  /** How long a managed transaction is retried after transient errors (a cluster's leader change, a deadlock, a restart). */
  maxTransactionRetryTimeMs?: number;
}

export interface WriteTransaction {
  run<R extends object>(cypher: Cypher<R>, params?: Params): Promise<R[]>;
}

export interface GraphStore {
  readonly backend: 'embedded' | 'neo4j';
  /** Where the data lives: the file of the embedded store, or the Neo4j URI. */
  readonly location: string;
  /** Creates the indexes (embedded) or uniqueness constraints (Neo4j) of the model. */
  ensureSchema(): Promise<void>;
  read<R extends object>(cypher: Cypher<R>, params?: Params): Promise<R[]>;
  /** Runs `work` in one transaction: all of it is committed, or none. Writes run one at a time. */
  write<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T>;
  /** Runs a query text given by a user (`kg cypher`) so that nothing it does is kept. */
  readOnly(text: string, params?: Params): Promise<Row[]>;
  close(): Promise<void>;
}
