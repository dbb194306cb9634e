/**
 * Ingest over HTTP: a PDF uploaded to the `ingestDocument` mutation is checked (token, name, size,
 * PDF), then goes through the same `ingestBytes` as `kg ingest`, and is kept so that evidence links
 * can open it. An upload is one unit: the file is staged, the graph written, the file moved into
 * place inside the graph's transaction, and the answers' cache dropped after the commit — or, on
 * any failure, none of it. It never replaces a document the server ships, nor another version of
 * a document unless the request names it (the mutation's `replaces`, or the header `X-KG-Replaces`).
 * Disabled without KG_INGEST_TOKEN.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphQLError } from 'graphql';
import { documentId } from '../domain/ids.ts';
import { isIngestError } from '../domain/ingest-errors.ts';
import { DocumentChangedError, type WriteOptions } from '../graph/documents.ts';
import { heldVersion } from '../graph/held-documents.ts';
import type { GraphStore } from '../graph/store.ts';
import { documentName, isFileNameError } from '../pipeline/document-name.ts';
import { ingestBytes, type IngestOutcome } from '../pipeline/ingest-bytes.ts';
import type { QueryContext } from '../queries/context.ts';
import type { IngestReport, Ingestor } from './resolvers/context.ts';
import { badFileName, conflictingReplaces, documentExists, documentProtected, fileTooLarge, ingestDisabled, ingestFailed, notAnUpload, notPdf, unauthorized, uploadNotSaved } from './resolvers/errors.ts';
import { StagedFile } from './staged-file.ts';

export interface IngestOptions {
  /** The bearer token that allows uploads; no token disables them. */
  token: string | undefined;
  /** Largest upload accepted, in bytes. */
  maxBytes: number;
  /** Where uploaded PDFs are kept. */
  uploadsDir: string;
  /** Folders of documents the server ships (the corpus): no upload takes one of their names. */
  protectedDirs?: string[];
  /** For tests: how the graph is written (failAfterStatements shows that a failed upload keeps nothing). */
  writeOptions?: WriteOptions;
}

/** What one request asked of its upload. */
export interface UploadRequest {
  /** The id of the document the upload is to replace (the X-KG-Replaces header, or the mutation's `replaces`). */
  replaces: string | null;
}

export interface UploadIngestor {
  /** Why a request with this Authorization header and body length is refused before its body is read, if it is. */
  refusal(authorization: string | null, contentLength: number): GraphQLError | undefined;
  forRequest(request: UploadRequest): Ingestor;
}

/** Room the multipart envelope takes around the file. */
const ENVELOPE_BYTES = 64 * 1024;

export function createIngestor(store: GraphStore, query: QueryContext, options: IngestOptions): UploadIngestor {
  // the same bytes under the same name, asked for at once, are ingested once
  const inFlight = new Map<string, Promise<IngestReport>>();

  const refusal = (authorization: string | null, contentLength = 0): GraphQLError | undefined => {
    if (!options.token) return ingestDisabled();
    if (!authorized(authorization, options.token)) return unauthorized();
    if (contentLength > options.maxBytes + ENVELOPE_BYTES) return fileTooLarge('upload', options.maxBytes);
    return undefined;
  };

  async function ingest(file: File, authorization: string | null, header: UploadRequest, replaces?: string | null): Promise<IngestReport> {
    const refused = refusal(authorization);
    if (refused) throw refused;
    // the mutation's argument or the header; both at once must name the same document
    if (replaces != null && header.replaces !== null && replaces !== header.replaces) throw conflictingReplaces(replaces, header.replaces);
    const request: UploadRequest = { replaces: replaces ?? header.replaces };
    if (typeof file !== 'object' || file === null || typeof (file as Partial<File>).arrayBuffer !== 'function') throw notAnUpload();
    const name = nameOf(file.name || 'upload.pdf');
    if (!/\.pdf$/i.test(name)) throw notPdf(name);
    if (file.size > options.maxBytes) throw fileTooLarge(name, options.maxBytes);
    const bytes = Buffer.from(await file.arrayBuffer());
    const key = `${name}\u0000${sha256Of(bytes)}\u0000${request.replaces ?? ''}`;
    const running = inFlight.get(key);
    if (running) return running;
    const work = ingestOne(name, bytes, request).finally(() => inFlight.delete(key));
    inFlight.set(key, work);
    return work;
  }

  async function ingestOne(name: string, bytes: Buffer, request: UploadRequest): Promise<IngestReport> {
    const id = documentId(name);
    const sha256 = sha256Of(bytes);
    const shipped = (options.protectedDirs ?? []).map((d) => join(d, name)).find((p) => existsSync(p));
    if (shipped && sha256Of(readFileSync(shipped)) !== sha256) throw documentProtected(name);
    const held = await heldVersion((c, p) => store.read(c, p), id);
    // the same bytes again are no takeover; other bytes replace the document only when asked to
    if (held && held.sha256 !== sha256 && request.replaces !== id) throw documentExists(name, id);

    let staged: StagedFile | undefined;
    try {
      staged = shipped ? undefined : await StagedFile.write(options.uploadsDir, bytes);
    } catch (error) {
      throw uploadNotSaved(name, (error as Error).message);
    }
    let outcome: IngestOutcome;
    try {
      outcome = await ingestBytes(store, bytes, name, {
        ...options.writeOptions,
        expectHeld: held?.sha256 ?? null,
        // the file goes into place inside the transaction: if the move fails, the graph is rolled back
        beforeCommit: async () => {
          try {
            await staged?.place(name);
          } catch (error) {
            throw new SaveError(error);
          }
        },
      });
    } catch (error) {
      await staged?.undo();
      if (isIngestError(error)) throw ingestFailed(error.code, error.file, error.reason);
      if (error instanceof DocumentChangedError) throw documentExists(name, id);
      if (error instanceof SaveError) throw uploadNotSaved(name, error.reason);
      throw error;
    }
    if (outcome.status === 'unchanged') {
      // held already; its file is put back if it was lost (by an upload from before uploads were one unit)
      if (staged && !existsSync(join(options.uploadsDir, name))) {
        await staged.place(name).catch((error: unknown) => {
          throw uploadNotSaved(name, (error as Error).message);
        });
        await staged.commit();
      } else await staged?.undo();
    } else {
      await staged?.commit();
      query.invalidate();
    }
    return { file: name, status: outcome.status.toUpperCase() as IngestReport['status'], document: outcome.documentId, agreements: outcome.agreements, warnings: outcome.warnings };
  }

  return {
    refusal,
    forRequest: (request) => ({ ingest: (file, authorization, replaces) => ingest(file, authorization, request, replaces) }),
  };
}

/** The file could not be moved into place: the graph write is rolled back. */
class SaveError extends Error {
  readonly reason: string;
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(reason, { cause });
    this.reason = reason;
  }
}

function nameOf(given: string): string {
  try {
    return documentName(given);
  } catch (error) {
    if (isFileNameError(error)) throw badFileName(error.file, error.reason);
    throw error;
  }
}

/** Compares the bearer token in constant time. */
function authorized(header: string | null, token: string): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m) return false;
  const a = createHash('sha256').update(m[1]!).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/** The SHA-256 the store keeps of a document's bytes (as ingest/read-document.ts computes it). */
function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
