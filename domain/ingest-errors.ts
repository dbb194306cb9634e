/**
 * Typed ingest errors. Each names the file and says why it could not be read, so a batch
 * can report it and go on with the other files.
 */
export type IngestErrorCode =
  | 'EMPTY_FILE'
  | 'NOT_PDF'
  | 'DAMAGED_PDF'
  | 'ENCRYPTED_PDF'
  | 'NO_TEXT_LAYER'
  | 'UNREADABLE_FILE'
  | 'TIMEOUT'
  | 'UNKNOWN_DOCUMENT_KIND';

export class IngestError extends Error {
  override readonly name = 'IngestError';
  constructor(
    readonly code: IngestErrorCode,
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason} [${code}]`, options);
  }
}

export function isIngestError(error: unknown): error is IngestError {
  return error instanceof IngestError;
}
