/**
 * What every question runs against: the store, and a cache of computed answers that is
 * dropped whenever the store is written to (the API's upload is the only writer of a running server).
 * A request gets its own view (`forRequest`) that shares the cache and checks the request's
 * budget before each read, so a request over its time or read budget stops reading.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { LRUCache } from 'lru-cache';
import type { Cypher } from '../graph/cypher-registry.ts';
import type { GraphStore } from '../graph/store.ts';

/**
 * What one request may still spend. Once it is spent, what the request waits on never settles:
 * its work stops where it stands, and whoever runs the request (the GraphQL executor, given the
 * budget's abort signal) answers with the budget's error.
 */
export interface ReadBudget {
  /** Makes one store read, unless the request is out of time; counts the rows read. */
  read<R>(work: () => Promise<R[]>): Promise<R[]>;
  /** Waits for a value computed for every request, for as long as the request has time. */
  wait<T>(value: Promise<T>): Promise<T>;
}

/** Entries the shared cache keeps: a few fixed models plus one per party name asked for. */
const CACHED_VALUES = 2_000;

class Shared {
  generation = 0;
  /** Store reads since start, across requests (tests watch it to see that cancelled work stops). */
  reads = 0;
  // bounded: keys include names a client chose
  readonly cache = new LRUCache<string, { version: number; value: Promise<unknown> }>({ max: CACHED_VALUES });
  readonly onInvalidate: (() => void)[] = [];
  /** Keys of each bounded group of values, oldest first (see `cached`'s `group`). */
  readonly groups = new Map<string, string[]>();
}

/** Set while a shared value is computed: that work serves every later request, so no one request's budget stops it. */
const computingShared = new AsyncLocalStorage<boolean>();

export class QueryContext {
  private readonly shared: Shared;

  constructor(
    readonly store: GraphStore,
    shared?: Shared,
    private readonly budget?: ReadBudget,
  ) {
    this.shared = shared ?? new Shared();
  }

  /** The same store and cache, with reads checked against one request's budget. */
  forRequest(budget: ReadBudget): QueryContext {
    return new QueryContext(this.store, this.shared, budget);
  }

  read<R extends object>(cypher: Cypher<R>, params: Record<string, unknown> = {}): Promise<R[]> {
    const read = () => {
      this.shared.reads++;
      return this.store.read(cypher, params);
    };
    return this.budget && !computingShared.getStore() ? this.budget.read(read) : read();
  }

  /**
   * A value computed once per version of the store's content. Values of one `group` (answers
   * that grow with the corpus, one per name asked) are held at most `group.max` at a time.
   */
  cached<T>(key: string, compute: () => Promise<T>, group?: { name: string; max: number }): Promise<T> {
    const hit = this.shared.cache.get(key);
    const generation = this.shared.generation;
    // the cache holds values of many types: each key is only ever computed and asked with one T
    let value = hit && hit.version === generation ? (hit.value as Promise<T>) : undefined;
    if (!value) {
      const computed = computingShared.run(true, compute);
      value = computed;
      this.shared.cache.set(key, { version: generation, value: computed });
      computed.catch(() => {
        if (this.shared.cache.get(key)?.value === computed) this.shared.cache.delete(key);
      });
    }
    // the group lets go of the value used longest ago
    if (group) this.holdInGroup(group, key);
    return this.budget && !computingShared.getStore() ? this.budget.wait(value) : value;
  }

  private holdInGroup(group: { name: string; max: number }, key: string): void {
    const keys = (this.shared.groups.get(group.name) ?? []).filter((k) => k !== key && this.shared.cache.has(k));
    keys.push(key);
    while (keys.length > group.max) this.shared.cache.delete(keys.shift()!);
    this.shared.groups.set(group.name, keys);
  }

  /** Call after writing to the store. */
  invalidate(): void {
    this.shared.generation++;
    this.shared.cache.clear();
    this.shared.groups.clear();
    for (const listener of this.shared.onInvalidate) listener();
  }

  /** Called after every invalidate(): to compute the next version's answers ahead of its first request. */
  whenInvalidated(listener: () => void): void {
    this.shared.onInvalidate.push(listener);
  }

  /** Changes whenever the store's content does: part of every cached answer's key. */
  get version(): number {
    return this.shared.generation;
  }

  /** Store reads made through any view of this context since it was made. */
  get reads(): number {
    return this.shared.reads;
  }
}
