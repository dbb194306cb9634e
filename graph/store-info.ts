/** What `kg stats` and `/health` say about the store itself: where it is, its size on disk, and when a document was last written. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { META_READ } from './cypher.ts';
import { STORE_META } from './model.ts';
import type { GraphStore } from './store.ts';

export interface StoreInfo {
  backend: 'embedded' | 'neo4j';
  location: string;
  /** Bytes on disk: the store file and its write-ahead log (embedded); null for Neo4j, whose server keeps the files. */
  sizeBytes: number | null;
  /** When a document was last written (ISO 8601), and which; null before the first write. */
  lastIngestAt: string | null;
  lastIngestDocument: string | null;
}

export async function storeInfo(store: GraphStore): Promise<StoreInfo> {
  const meta = (await store.read(META_READ, { id: STORE_META.id }))[0];
  return {
    backend: store.backend,
    location: store.location,
    sizeBytes: store.backend === 'embedded' ? bytesOnDisk(store.location) : null,
    lastIngestAt: meta?.lastIngestAt ?? null,
    lastIngestDocument: meta?.lastIngestDocument ?? null,
  };
}

/** The file, plus `<file>.wal` (a folder of log segments while the store is open). */
function bytesOnDisk(path: string): number {
  const size = (p: string): number => {
    if (!existsSync(p)) return 0;
    const stat = statSync(p);
    return stat.isDirectory() ? readdirSync(p).reduce((n, f) => n + size(join(p, f)), 0) : stat.size;
  };
  return size(path) + size(`${path}.wal`);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
