/**
 * The embedded store's errors say the cause a user can act on (graph/embedded-errors.ts): a
 * damaged store names `kg repair`, a full disk names ENOSPC — when Grafeo says so, and when it
 * only reports a broken transaction on a disk with no room left — and a store in use is
 * STORE_LOCKED. The messages are Grafeo's own, as it gave them on a damaged log and a full disk.
 */
import { describe, expect, it } from 'vitest';
import { LOW_DISK_BYTES, openError, operationError } from '../graph/embedded-errors.ts';

const PATH = '/srv/kg/data/graph.grafeo';
const PLENTY = 50 * 1024 ** 3;
const grafeo = (message: string) => Object.assign(new Error(message), { code: 'GenericFailure' });

const DAMAGED_LOG = grafeo(
  'Database error: GRAFEO-S002: the file /srv/kg/data/graph.grafeo.wal/wal_00000000000000000000.log is damaged at byte 66991: WAL frame at LSN 66863: checksum mismatch; the group at LSN 155533 began after the log was synced up to LSN 155533, so these bytes were durable',
);
const WAL_FULL = grafeo(
  'Transaction error: GRAFEO-T009: the commit could not be written to the write-ahead log and was rolled back, so nothing of it remains and it can be retried: I/O error on the WAL at /srv/kg/data/graph.grafeo.wal/wal_00000000000000000000.log: No space left on device (os error 28)',
);
const BROKEN_TRANSACTION = grafeo('Transaction error: GRAFEO-T004: Invalid transaction state: No active transaction');

describe('the embedded store errors', () => {
  it('a damaged store is STORE_DAMAGED, names the damage and the command that repairs it', () => {
    const error = openError(PATH, DAMAGED_LOG, PLENTY);
    expect(error.code).toBe('STORE_DAMAGED');
    expect(error.subject).toBe(PATH);
    expect(error.message).toContain('GRAFEO-S002');
    expect(error.message).toContain('checksum mismatch');
    expect(error.message).toMatch(/run `kg repair` \(npm run kg -- repair\) to keep it aside and rebuild the graph from the stored PDFs$/);
    // found while reading, too
    expect(operationError('QUERY_FAILED', 'party.all', PATH, '', DAMAGED_LOG, PLENTY).code).toBe('STORE_DAMAGED');
  });

  it('a full disk is named ENOSPC when Grafeo says "No space left on device", whatever the free space says', () => {
    const error = operationError('QUERY_FAILED', 'commit', PATH, '', WAL_FULL, PLENTY);
    expect(error.code).toBe('QUERY_FAILED');
    expect(error.message).toMatch(/^commit: .*No space left on device \(os error 28\) \(the disk holding the store is full, ENOSPC\)$/);
  });

  it('a broken transaction on a disk with no room left is named ENOSPC, with the bytes free', () => {
    const error = operationError('QUERY_FAILED', 'commit', PATH, '', BROKEN_TRANSACTION, 12_288);
    expect(error.message).toBe('commit: Transaction error: GRAFEO-T004: Invalid transaction state: No active transaction (the disk holding the store is full: 12288 bytes free, ENOSPC)');
    const closing = operationError('STORE_UNAVAILABLE', PATH, PATH, 'the store could not be closed cleanly: ', BROKEN_TRANSACTION, LOW_DISK_BYTES - 1);
    expect(closing.message).toContain('could not be closed cleanly');
    expect(closing.message).toContain('ENOSPC');
  });

  it('says nothing of the disk when it has room and the error does not name it', () => {
    expect(operationError('QUERY_FAILED', 'commit', PATH, '', BROKEN_TRANSACTION, PLENTY).message).not.toContain('ENOSPC');
    expect(operationError('QUERY_FAILED', 'commit', PATH, '', BROKEN_TRANSACTION, undefined).message).not.toContain('ENOSPC');
  });

  it('a store another process holds is STORE_LOCKED; any other failure to open is STORE_UNAVAILABLE with its reason', () => {
    expect(openError(PATH, grafeo('Database error: GRAFEO-X001: Internal error: database file cannot be locked for reading: /srv/kg/data/graph.grafeo'), PLENTY).code).toBe('STORE_LOCKED');
    const other = openError(PATH, grafeo('Database error: GRAFEO-X003: I/O error: Permission denied (os error 13)'), PLENTY);
    expect(other.code).toBe('STORE_UNAVAILABLE');
    expect(other.message).toBe(`${PATH}: cannot open the embedded store: Database error: GRAFEO-X003: I/O error: Permission denied (os error 13)`);
  });
});
