/**
 * The store of whole answers behind the response cache, bounded in bytes as well as in entries:
 * an answer is kept as its JSON text (a parsed answer takes several times its text in the heap),
 * its size is that text's, and the least recently used answers go first. An answer larger than an
 * eighth of the bound is not kept, so one huge answer cannot empty the cache.
 */
import type { Cache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';

export interface ResponseCacheBounds {
  entries: number;
  bytes: number;
}

export interface BoundedResponseCache extends Cache {
  /** Bytes held now (the UTF-16 size of the kept texts). */
  readonly bytes: number;
  readonly entries: number;
}

export function boundedResponseCache(bounds: ResponseCacheBounds): BoundedResponseCache {
  const answers = new LRUCache<string, string>({
    max: bounds.entries,
    maxSize: bounds.bytes,
    maxEntrySize: Math.max(1, Math.floor(bounds.bytes / 8)),
    sizeCalculation: (text) => Math.max(1, text.length * 2),
  });
  return {
    set(id, data, _entities, ttl) {
      // answers are dropped by the store's version in their key, never by entity: the entities are not kept
      answers.set(id, JSON.stringify(data), Number.isFinite(ttl) ? { ttl } : {});
    },
    get(id) {
      const text = answers.get(id);
      return text === undefined ? null : (JSON.parse(text) as ExecutionResult);
    },
    invalidate() {
      answers.clear();
    },
    get bytes() {
      return answers.calculatedSize;
    },
    get entries() {
      return answers.size;
    },
  };
}
