/**
 * Neo4j through neo4j-driver: the same Cypher texts as the embedded store. What is
 * Neo4j-specific — connecting, credentials, managed transactions with the driver's retries
 * on transient errors, its value types — lives here.
 */
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { NEO4J_SCHEMA, PING } from './cypher.ts';
import type { Cypher } from './cypher-registry.ts';
import { StoreError } from './errors.ts';
import type { GraphStore, Neo4jPoolSettings, Row, StoreConfig, WriteTransaction } from './store.ts';

type Neo4jConfig = Extract<StoreConfig, { backend: 'neo4j' }>;

/** The driver's pool and retry settings unless the configuration sets them (NEO4J_MAX_CONNECTION_POOL_SIZE, …). */
export const POOL_DEFAULTS: Required<Neo4jPoolSettings> = {
  maxConnectionPoolSize: 100,
  connectionAcquisitionTimeoutMs: 60_000,
  connectionTimeoutMs: 10_000,
  maxTransactionRetryTimeMs: 30_000,
};

export class Neo4jStore implements GraphStore {
  readonly backend = 'neo4j' as const;

  private constructor(
    private readonly driver: Driver,
    private readonly database: string | undefined,
    readonly location: string,
  ) {}

  static async connect(config: Neo4jConfig): Promise<Neo4jStore> {
    const pool = { ...POOL_DEFAULTS, ...config.pool };
    let driver: Driver;
    try {
      driver = neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), {
        disableLosslessIntegers: true,
        maxConnectionPoolSize: pool.maxConnectionPoolSize,
        connectionAcquisitionTimeout: pool.connectionAcquisitionTimeoutMs,
        connectionTimeout: pool.connectionTimeoutMs,
        maxTransactionRetryTime: pool.maxTransactionRetryTimeMs,
      });
    } catch (error) {
      // the driver refuses a URI it cannot use before it connects
      throw new StoreError('STORE_UNREACHABLE', config.uri, `Neo4j cannot use this URI: ${(error as Error).message}`, { cause: error });
    }
    try {
      await driver.verifyConnectivity(config.database ? { database: config.database } : {});
      // verifyConnectivity does not open the database on one server (bolt://): a query does
      await driver.executeQuery(PING.text, {}, { routing: neo4j.routing.READ, ...(config.database ? { database: config.database } : {}) });
    } catch (error) {
      await driver.close();
      throw connectionError(config, error);
    }
    return new Neo4jStore(driver, config.database, config.uri);
  }

  async ensureSchema(): Promise<void> {
    for (const statement of NEO4J_SCHEMA) await this.driver.executeQuery(statement.text, {}, this.options('WRITE'));
  }

  async read<R extends object>(cypher: Cypher<R>, params: Record<string, unknown> = {}): Promise<R[]> {
    const session = this.driver.session(this.sessionConfig('READ'));
    try {
      return await session.executeRead((tx) => run<R>(tx, cypher.text, params, cypher.name));
    } finally {
      await session.close();
    }
  }

  async write<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session(this.sessionConfig('WRITE'));
    try {
      // a managed transaction: retried by the driver on transient errors, so `work` must be repeatable (ours are)
      return await session.executeWrite((tx) => work({ run: <R extends object>(cypher: Cypher<R>, params = {}) => run<R>(tx, cypher.text, params, cypher.name) }));
    } catch (error) {
      throw asStoreError(this.location, error);
    } finally {
      await session.close();
    }
  }

  async readOnly(text: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    const session = this.driver.session(this.sessionConfig('READ'));
    try {
      return await session.executeRead((tx) => run(tx, text, params, 'query'));
    } finally {
      await session.close();
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private sessionConfig(mode: 'READ' | 'WRITE') {
    return { defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE, ...(this.database ? { database: this.database } : {}) };
  }

  private options(mode: 'READ' | 'WRITE') {
    return { routing: mode === 'READ' ? neo4j.routing.READ : neo4j.routing.WRITE, ...(this.database ? { database: this.database } : {}) };
  }
}

/** Rows as plain values, typed as the Cypher text declares them (the driver cannot check that). */
async function run<R extends object = Row>(tx: ManagedTransaction, text: string, params: Record<string, unknown>, name: string): Promise<R[]> {
  try {
    const result = await tx.run(text, asNeo4jParams(params));
    return result.records.map((record) => plain(record.toObject()) as R);
  } catch (error) {
    if (neo4j.isRetryableError(error)) throw error; // let the driver retry
    throw new StoreError('QUERY_FAILED', name, (error as Error).message, { cause: error });
  }
}

function connectionError(config: Neo4jConfig, error: unknown): StoreError {
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message;
  if (code.startsWith('Neo.ClientError.Security')) {
    return new StoreError('STORE_AUTH', config.uri, 'Neo4j rejected the credentials (check NEO4J_USER and NEO4J_PASSWORD)', { cause: error });
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new StoreError('STORE_UNREACHABLE', config.uri, `Neo4j has no database "${config.database}" (check NEO4J_DATABASE)`, { cause: error });
  }
  const encrypted = /^(bolt|neo4j)\+(s|ssc):/.test(config.uri);
  if (encrypted && /ssl|tls|certificate|EPROTO|wrong version number/i.test(message)) {
    return new StoreError('STORE_UNREACHABLE', config.uri, `cannot make an encrypted connection (the URI's +s/+ssc asks for TLS: does the server offer it, with a certificate this machine trusts?): ${message}`, { cause: error });
  }
  return new StoreError('STORE_UNREACHABLE', config.uri, `cannot reach Neo4j: ${message}`, { cause: error });
}

function asStoreError(uri: string, error: unknown): unknown {
  if (error instanceof StoreError) return error;
  if (neo4j.isRetryableError(error)) return new StoreError('STORE_UNREACHABLE', uri, `Neo4j is unavailable: ${(error as Error).message}`, { cause: error });
  return error;
}

/**
 * Parameters as the embedded engine reads them: a whole JS number is an integer there (so `LIMIT $limit`
 * and `$n / 2` work as integers), while the driver would send every number as a float.
 */
function asNeo4jParams(value: unknown): never {
  if (typeof value === 'number') return (Number.isSafeInteger(value) ? neo4j.int(value) : value) as never;
  if (Array.isArray(value)) return value.map(asNeo4jParams) as never;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asNeo4jParams(v)])) as never;
  }
  return value as never;
}

/** Neo4j's values as plain JS: nodes and relationships as `{ labels | type, properties }`, temporal values as strings. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (neo4j.isNode(value as never)) {
    const node = value as { labels: string[]; properties: Record<string, unknown> };
    return { labels: node.labels, properties: plain(node.properties) };
  }
  if (neo4j.isRelationship(value as never)) {
    const rel = value as { type: string; properties: Record<string, unknown> };
    return { type: rel.type, properties: plain(rel.properties) };
  }
  if (neo4j.isInt(value as never)) return (value as { toNumber(): number }).toNumber();
  if (value && typeof value === 'object' && 'toString' in value && value.constructor?.name?.match(/^(Date|DateTime|LocalDateTime|Time|LocalTime|Duration|Point)$/)) {
    return String(value);
  }
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
