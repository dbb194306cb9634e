/**
 * Grafeo's errors as the store's typed errors, each saying the cause a user can act on. Grafeo
 * names a full disk only sometimes ("No space left on device (os error 28)"); a write that fails
 * for one may surface as a broken transaction ("GRAFEO-T004: Invalid transaction state"), so the
 * free space of the disk is looked at too. A store whose files are damaged (GRAFEO-S00x: a
 * checksum that does not match, a log cut off where it was synced) opens no more: the error says
 * which command keeps it aside and rebuilds the graph.
 */
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError, type StoreErrorCode } from './errors.ts';

/** Minimum free space below which a failed write is most likely the full disk. */
export const LOW_DISK_BYTES = 16 * 1024 * 1024;

/** The command that rebuilds a damaged embedded store (cli/kg.ts). */
export const REPAIR_COMMAND = 'kg repair';

const LOCKED = /lock/i;
const DAMAGED = /GRAFEO-S00\d|is damaged at byte|checksum mismatch/;
const DISK_FULL = /No space left on device|os error 28|ENOSPC|StorageFull|QuotaExceeded|Disk quota exceeded/i;

/** Bytes free on the disk that holds `path`, or undefined when they cannot be told. */
export function freeBytesNear(path: string): number | undefined {
  try {
    const fs = statfsSync(dirname(path));
    return fs.bavail * fs.bsize;
  } catch {
    return undefined;
  }
}

/** What a full disk adds to a message: the error said so, or the disk has almost no room left. */
export function diskFullNote(message: string, freeBytes: number | undefined): string {
  if (freeBytes !== undefined && freeBytes < LOW_DISK_BYTES) return ` (the disk holding the store is full: ${freeBytes} bytes free, ENOSPC)`;
  if (DISK_FULL.test(message)) return ' (the disk holding the store is full, ENOSPC)';
  return '';
}

/** Why the embedded store at `path` could not be opened. */
export function openError(path: string, error: unknown, freeBytes = freeBytesNear(path)): StoreError {
  const message = messageOf(error);
  if (LOCKED.test(message) && !DAMAGED.test(message)) {
    return new StoreError('STORE_LOCKED', path, 'the embedded store is in use by another process (is `npm start` or another `kg` command running?)', { cause: error });
  }
  if (DAMAGED.test(message)) return damaged(path, message, error);
  return new StoreError('STORE_UNAVAILABLE', path, `cannot open the embedded store: ${message}${diskFullNote(message, freeBytes)}`, { cause: error });
}

/**
 * A failed query, commit or close: `subject` is what failed (the query's name, `commit`, the
 * store's path), `location` the store's path, whose disk is looked at.
 */
export function operationError(code: StoreErrorCode, subject: string, location: string, prefix: string, error: unknown, freeBytes = freeBytesNear(location)): StoreError {
  const message = messageOf(error);
  if (DAMAGED.test(message)) return damaged(location, message, error);
  return new StoreError(code, subject, `${prefix}${message}${diskFullNote(message, freeBytes)}`, { cause: error });
}

function damaged(path: string, message: string, error: unknown): StoreError {
  return new StoreError(
    'STORE_DAMAGED',
    path,
    `the embedded store is damaged (${message}); run \`${REPAIR_COMMAND}\` (npm run kg -- repair) to keep it aside and rebuild the graph from the stored PDFs`,
    { cause: error },
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
