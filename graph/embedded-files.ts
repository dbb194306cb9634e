/**
 * The embedded store's files on disk: the store file and, beside it, its write-ahead log
 * (`<file>.wal`, a folder of log segments while the store is open or after a crash). Moving a
 * damaged store aside keeps both, under one new name; nothing is ever deleted.
 */
import { existsSync, renameSync } from 'node:fs';

/** The paths that make up the embedded store at `path`, those that exist. */
export function storeFiles(path: string): string[] {
  return [path, `${path}.wal`].filter((p) => existsSync(p));
}

/**
 * Moves the store at `path` (its file and its log) to `<path>.damaged-<time>` (and `….wal`), so
 * that a new store can be made where it was. Returns the new path of the store file.
 * @example keepAside('data/graph.grafeo', new Date('2026-12-02T03:30:00Z')) // 'data/graph.grafeo.damaged-20261202T033000Z'
 */
export function keepAside(path: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]|\.\d+/g, '');
  let aside = `${path}.damaged-${stamp}`;
  for (let n = 2; existsSync(aside) || existsSync(`${aside}.wal`); n++) aside = `${path}.damaged-${stamp}-${n}`;
  if (existsSync(path)) renameSync(path, aside);
  if (existsSync(`${path}.wal`)) renameSync(`${path}.wal`, `${aside}.wal`);
  return aside;
}
