/**
 * What the store holds of each document: the list of documents, and the one answer to "does the
 * store already hold this version" (the same bytes, written by this GRAPH_VERSION of the model).
 */
import { defineCypher } from './cypher-registry.ts';
import { DOCUMENT_SHA, DOCUMENTS } from './cypher.ts';
import { GRAPH_VERSION } from './model.ts';
import type { RowOf } from './cypher-registry.ts';
import type { DocumentKind, Language } from '../domain/records.ts';
import type { GraphStore } from './store.ts';

export interface HeldVersion {
  sha256: string;
  version: number;
}

/** Is `held` the version with these bytes, written by this model? */
export function isCurrentVersion(held: HeldVersion | undefined, sha256: string): boolean {
  return held !== undefined && held.sha256 === sha256 && held.version === GRAPH_VERSION;
}

/** The version of a document the store holds, read in `run` (a read or a write transaction). */
export async function heldVersion(run: (cypher: typeof DOCUMENT_SHA, params: Record<string, unknown>) => Promise<RowOf<typeof DOCUMENT_SHA>[]>, documentId: string): Promise<HeldVersion | undefined> {
  const row = (await run(DOCUMENT_SHA, { id: documentId }))[0];
  return row ? { sha256: row.sha256, version: row.version ?? 0 } : undefined;
}

/** Does the store hold this very version of the document? Then ingesting it again changes nothing. */
export async function holdsVersion(store: GraphStore, documentId: string, sha256: string): Promise<boolean> {
  return isCurrentVersion(await heldVersion((c, p) => store.read(c, p), documentId), sha256);
}

export interface StoredDocument {
  id: string;
  file: string;
  sha256: string;
  kind: DocumentKind;
  language: Language;
  pages: number;
}

export async function listDocuments(store: GraphStore): Promise<StoredDocument[]> {
  return store.read(DOCUMENTS);
}

const DOCUMENT_CONTENT = defineCypher<{ agreements: string[]; warnings: string[] | null }>(
  'document.content',
  'read',
  'MATCH (d:Document {id: $id}) OPTIONAL MATCH (d)-[:DESCRIBES]->(a:Agreement) WITH d, a ORDER BY a.id RETURN collect(a.id) AS agreements, d.warnings AS warnings',
);

/** The agreements a stored document describes, and its quality report. */
export async function contentOfDocument(store: GraphStore, documentId: string): Promise<{ agreements: string[]; warnings: string[] }> {
  const row = (await store.read(DOCUMENT_CONTENT, { id: documentId }))[0];
  return { agreements: row?.agreements ?? [], warnings: row?.warnings ?? [] };
}
