/**
 * Ingest over HTTP: a PDF uploaded to the `ingestDocument` mutation is checked (token, size,
 * PDF), then goes through the same `ingestBytes` as `kg ingest`, and is kept so that evidence links can
 * open it. Disabled when no KG_INGEST_TOKEN is configured.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { GraphStore } from '../graph/store.ts';
import { isIngestError } from '../domain/ingest-errors.ts';
import { ingestBytes } from '../pipeline/ingest-bytes.ts';
import type { QueryContext } from '../queries/context.ts';
import type { IngestReport, Ingestor } from './resolvers/context.ts';
import { fileTooLarge, ingestDisabled, ingestFailed, notPdf, unauthorized } from './resolvers/errors.ts';

export interface IngestOptions {
  /** The bearer token that allows uploads; no token disables them. */
  token: string | undefined;
  /** Largest upload accepted, in bytes. */
  maxBytes: number;
  /** Where uploaded PDFs are kept. */
  uploadsDir: string;
}

export function createIngestor(store: GraphStore, query: QueryContext, options: IngestOptions): Ingestor {
  return {
    async ingest(file, authorization) {
      if (!options.token) throw ingestDisabled();
      if (!authorized(authorization, options.token)) throw unauthorized();
      const name = basename(file.name || 'upload.pdf');
      if (!/\.pdf$/i.test(name)) throw notPdf(name);
      if (file.size > options.maxBytes) throw fileTooLarge(name, options.maxBytes);
      const bytes = Buffer.from(await file.arrayBuffer());
      try {
        const outcome = await ingestBytes(store, bytes, name);
        if (outcome.status !== 'unchanged') {
          mkdirSync(options.uploadsDir, { recursive: true });
          writeFileSync(join(options.uploadsDir, name), bytes);
          query.invalidate();
        }
        return { file: name, status: outcome.status.toUpperCase() as IngestReport['status'], document: outcome.documentId, agreements: outcome.agreements, warnings: outcome.warnings };
      } catch (error) {
        if (isIngestError(error)) throw ingestFailed(error.code, error.file, error.reason);
        throw error;
      }
    },
  };
}

/** Compares the bearer token in constant time. */
function authorized(header: string | null, token: string): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m) return false;
  const a = createHash('sha256').update(m[1]!).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}
