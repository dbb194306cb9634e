/**
 * The embedded store: Grafeo in this process, one file on disk. What is Grafeo-specific —
 * opening, the file lock, transactions, its value shapes — lives here and nowhere else.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import grafeo from '@grafeo-db/js';
import { EMBEDDED_SCHEMA } from './cypher.ts';
import type { Cypher } from './cypher-registry.ts';
import { openError, operationError } from './embedded-errors.ts';
import { StoreError } from './errors.ts';
import { SerialQueue } from './serial-queue.ts';
import type { GraphStore, Row, WriteTransaction } from './store.ts';

type Database = ReturnType<typeof grafeo.GrafeoDB.create>;

export class EmbeddedStore implements GraphStore {
  readonly backend = 'embedded' as const;
  private readonly writes = new SerialQueue();

  private constructor(
    private readonly db: Database,
    readonly location: string,
  ) {}

  static open(path: string): EmbeddedStore {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw new StoreError('STORE_UNAVAILABLE', path, `cannot create the data directory: ${(error as Error).message}`, { cause: error });
    }
    try {
      return new EmbeddedStore(grafeo.GrafeoDB.create(path), path);
    } catch (error) {
      throw openError(path, error);
    }
  }

  async ensureSchema(): Promise<void> {
    for (const statement of EMBEDDED_SCHEMA) await this.db.executeCypher(statement.text);
  }

  async read<R extends object>(cypher: Cypher<R>, params: Record<string, unknown> = {}): Promise<R[]> {
    return this.execute<R>(() => this.db.executeCypher(cypher.text, params), cypher.name);
  }

  write<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    return this.writes.run(async () => {
      const tx = this.db.beginTransaction();
      try {
        const result = await work({ run: <R extends object>(cypher: Cypher<R>, params = {}) => this.execute<R>(() => tx.executeCypher(cypher.text, params), cypher.name) });
        try {
          tx.commit();
        } catch (error) {
          throw operationError('QUERY_FAILED', 'commit', this.location, '', error);
        }
        return result;
      } catch (error) {
        rollback(tx);
        throw error;
      }
    });
  }

  readOnly(text: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    return this.writes.run(async () => {
      const tx = this.db.beginTransaction();
      try {
        return await this.execute(() => tx.executeCypher(text, params), 'query');
      } finally {
        rollback(tx);
      }
    });
  }

  async close(): Promise<void> {
    await this.writes.run(async () => {
      try {
        await this.db.close();
      } catch (error) {
        throw operationError('STORE_UNAVAILABLE', this.location, this.location, 'the store could not be closed cleanly: ', error);
      }
    });
  }

  /** Rows as plain values, typed as the Cypher text declares them (the engine cannot check that). */
  private async execute<R extends object = Row>(run: () => Promise<{ toArray(): unknown[] }>, name: string): Promise<R[]> {
    try {
      return (await run()).toArray().map((row) => plain(row) as R);
    } catch (error) {
      throw operationError('QUERY_FAILED', name, this.location, '', error);
    }
  }
}

/** Grafeo's values as plain JS: nodes and edges lose their engine ids, big integers become numbers where exact. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object' && !(value instanceof Date) && !ArrayBuffer.isView(value)) {
    const record = value as Record<string, unknown>;
    if ('_labels' in record) {
      const { _id, _labels, ...properties } = record;
      return { labels: _labels, properties: plain(properties) };
    }
    if ('_type' in record && '_source' in record) {
      const { _id, _type, _source, _target, ...properties } = record;
      return { type: _type, properties: plain(properties) };
    }
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/**
 * Ends a transaction that did not commit. A transaction a failed write (a full disk, say) has
 * already ended cannot be rolled back again, and the error of that second try
 * ("GRAFEO-T004: Invalid transaction state: No active transaction") must not hide the first.
 */
function rollback(tx: ReturnType<Database['beginTransaction']>): void {
  try {
    if (tx.isActive) tx.rollback();
  } catch {
    // the transaction had ended: nothing of it was kept
  }
}
