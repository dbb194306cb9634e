/**
 * What every resolver is given: the questions' context, the request's batched loaders, the
 * ingestor and the request's credentials. The ingestor is declared here, as the resolvers need
 * it, so that nothing under api/resolvers/ imports back from api/ (api/ingest-upload.ts makes it).
 */
import type { QueryContext } from '../../queries/context.ts';
import type { Loaders } from '../../queries/entities.ts';

export interface RequestContext {
  query: QueryContext;
  loaders: Loaders;
  ingest: Ingestor;
  /** The Authorization header of the request. */
  authorization: string | null;
}

/** What became of an uploaded document (the SDL's IngestStatus). */
export const INGEST_STATUSES = ['NEW', 'UNCHANGED', 'REPLACED'] as const;

export interface IngestReport {
  file: string;
  status: (typeof INGEST_STATUSES)[number];
  document: string | null;
  agreements: string[];
  /** The document's quality report. */
  warnings: string[];
}

export interface Ingestor {
  /** `replaces`: the mutation's argument, the id of the document the upload is a new version of. */
  ingest(file: File, authorization: string | null, replaces?: string | null): Promise<IngestReport>;
}
