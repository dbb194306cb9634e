/**
 * What every question runs against: the store, and a cache of computed answers that is
 * dropped whenever the store is written to (the API's upload is the only writer of a running server).
 */
import type { Cypher } from '../graph/cypher-registry.ts';
import type { GraphStore } from '../graph/store.ts';

export class QueryContext {
  private generation = 0;
  private readonly cache = new Map<string, { version: number; value: Promise<unknown> }>();

  constructor(readonly store: GraphStore) {}

  read<R extends object>(cypher: Cypher<R>, params: Record<string, unknown> = {}): Promise<R[]> {
    return this.store.read(cypher, params);
  }

  /** A value computed once per version of the store's content. */
  cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    // the cache holds values of many types: each key is only ever computed and asked with one T
    if (hit && hit.version === this.generation) return hit.value as Promise<T>;
    const value = compute();
    this.cache.set(key, { version: this.generation, value });
    value.catch(() => this.cache.delete(key));
    return value;
  }

  /** Call after writing to the store. */
  invalidate(): void {
    this.generation++;
    this.cache.clear();
  }

  /** Changes whenever the store's content does: part of every cached answer's key. */
  get version(): number {
    return this.generation;
  }
}
