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
  | 'UNKNOWN_DOCUMENT_KIND'
  /** More pages without a text layer than OCR may read for one document (KG_OCR_MAX_PAGES). */
  | 'OCR_PAGE_LIMIT'
  /** OCR of one page took longer than its deadline (KG_OCR_PAGE_TIMEOUT_MS). */
  | 'OCR_TIMEOUT'
  /** The OCR tools (pdftoppm, Tesseract) failed on a page. */
  | 'OCR_FAILED';

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
