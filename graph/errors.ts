/** Typed errors of the graph store: each names what failed (a path, a URI, a document) and why. */
export type StoreErrorCode =
  | 'STORE_LOCKED'
  | 'STORE_UNAVAILABLE'
  /** The embedded store's files are damaged: `kg repair` keeps them aside and rebuilds the graph. */
  | 'STORE_DAMAGED'
  | 'STORE_UNREACHABLE'
  | 'STORE_AUTH'
  | 'QUERY_FAILED'
  | 'NOT_FOUND';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    /** The store location, setting or document the error is about. */
    readonly subject: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${subject}: ${reason}`, options);
    this.name = 'StoreError';
  }
}

export function isStoreError(error: unknown): error is StoreError {
  return error instanceof StoreError;
}
