/**
 * The one way a document enters the store: bytes → (already held? nothing to do) → pages → facts
 * → one write transaction. The command line, the upload and the bench all call `ingestBytes`.
 */
import { documentId } from '../domain/ids.ts';
import { ingestExtracted, type IngestStatus, type WriteOptions } from '../graph/documents.ts';
import { contentOfDocument, holdsVersion } from '../graph/held-documents.ts';
import type { GraphStore } from '../graph/store.ts';
import type { ExtractedDocument } from '../domain/records.ts';
import { extractDocument } from '../ingest/extract/extract.ts';
import { readDocument, sha256Of } from '../ingest/read-document.ts';

export interface IngestOutcome {
  /** The file name the document is known by. */
  file: string;
  documentId: string;
  status: IngestStatus;
  /** Ids of the agreements the document describes. */
  agreements: string[];
  /** The quality report: what the document should hold by its kind and does not. */
  warnings: string[];
}

/** Bytes → the document's record: here, or on a thread of the batch's pool (extract-pool.ts). */
export type Extract = (bytes: Uint8Array, file: string, sha256: string) => Promise<ExtractedDocument>;

const extractHere: Extract = async (bytes, file, sha256) => extractDocument(await readDocument(bytes, file, { sha256 }));

/**
 * Reads, extracts and stores one document. Throws a typed IngestError for a file that cannot be
 * read as an agreement; the store is then left as it was.
 */
export async function ingestBytes(store: GraphStore, bytes: Uint8Array, file: string, options: WriteOptions = {}, extract: Extract = extractHere): Promise<IngestOutcome> {
  const id = documentId(file);
  const sha256 = sha256Of(bytes);
  // the store holds these very bytes: nothing to read or write
  if (await holdsVersion(store, id, sha256)) return { file, documentId: id, status: 'unchanged', ...(await contentOfDocument(store, id)) };
  const extracted = await extract(bytes, file, sha256);
  const status = await ingestExtracted(store, extracted, options);
  return { file, documentId: id, status, agreements: extracted.agreements.map((a) => a.id), warnings: extracted.warnings };
}
