/**
 * The embedded store: Grafeo in this process, one file on disk. What is Grafeo-specific —
 * opening, the file lock, transactions, its value shapes — lives here and nowhere else.
 */
import { mkdirSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import grafeo from '@grafeo-db/js';
import { EMBEDDED_SCHEMA } from './cypher.ts';
import type { Cypher } from './cypher-registry.ts';
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
      const message = (error as Error).message;
      if (/lock/i.test(message)) {
        throw new StoreError('STORE_LOCKED', path, 'the embedded store is in use by another process (is `npm start` or another `kg` command running?)', { cause: error });
      }
      throw new StoreError('STORE_UNAVAILABLE', path, `cannot open the embedded store: ${message}`, { cause: error });
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
          throw new StoreError('QUERY_FAILED', 'commit', `${(error as Error).message}${diskNote(this.location)}`, { cause: error });
        }
        return result;
      } catch (error) {
        if (tx.isActive) tx.rollback();
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
        if (tx.isActive) tx.rollback();
      }
    });
  }

  async close(): Promise<void> {
    await this.writes.run(async () => {
      try {
        await this.db.close();
      } catch (error) {
        throw new StoreError('STORE_UNAVAILABLE', this.location, `the store could not be closed cleanly: ${(error as Error).message}${diskNote(this.location)}`, { cause: error });
      }
    });
  }

  /** Rows as plain values, typed as the Cypher text declares them (the engine cannot check that). */
  private async execute<R extends object = Row>(run: () => Promise<{ toArray(): unknown[] }>, name: string): Promise<R[]> {
    try {
      return (await run()).toArray().map((row) => plain(row) as R);
    } catch (error) {
      throw new StoreError('QUERY_FAILED', name, `${(error as Error).message}${diskNote(this.location)}`, { cause: error });
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

/** Minimum free space below which a failed write is most likely the full disk. */
const LOW_DISK_BYTES = 16 * 1024 * 1024;

/**
 * Grafeo reports a write that failed for a full disk only as a broken transaction
 * ("GRAFEO-T004: Invalid transaction state"): the disk is looked at so the cause is said.
 */
function diskNote(path: string): string {
  try {
    const fs = statfsSync(dirname(path));
    const free = fs.bavail * fs.bsize;
    return free < LOW_DISK_BYTES ? ` (the disk holding the store is full: ${free} bytes free, ENOSPC)` : '';
  } catch {
    return '';
  }
}
