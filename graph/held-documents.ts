/**
 * What the store holds of each document: the list of documents, and the one answer to "does the
 * store already hold this version" (the same bytes, written by this GRAPH_VERSION of the model).
 */
import { defineCypher } from './cypher-registry.ts';
import { DOCUMENT_SHA, DOCUMENTS } from './cypher.ts';
import { GRAPH_VERSION } from './model.ts';
import type { GraphStore, Row } from './store.ts';

export interface HeldVersion {
  sha256: string;
  version: number;
}

/** Is `held` the version with these bytes, written by this model? */
export function isCurrentVersion(held: HeldVersion | undefined, sha256: string): boolean {
  return held !== undefined && held.sha256 === sha256 && held.version === GRAPH_VERSION;
}

/** The version of a document the store holds, read in `run` (a read or a write transaction). */
export async function heldVersion(run: (cypher: typeof DOCUMENT_SHA, params: Record<string, unknown>) => Promise<Row[]>, documentId: string): Promise<HeldVersion | undefined> {
  const row = (await run(DOCUMENT_SHA, { id: documentId }))[0];
  return row ? { sha256: row.sha256 as string, version: row.version as number } : undefined;
}

/** Does the store hold this very version of the document? Then ingesting it again changes nothing. */
export async function holdsVersion(store: GraphStore, documentId: string, sha256: string): Promise<boolean> {
  return isCurrentVersion(await heldVersion((c, p) => store.read(c, p), documentId), sha256);
}

export interface StoredDocument {
  id: string;
  file: string;
  sha256: string;
  kind: string;
  language: string;
  pages: number;
}

export async function listDocuments(store: GraphStore): Promise<StoredDocument[]> {
  return (await store.read(DOCUMENTS)).map((r) => ({
    id: r.id as string,
    file: r.file as string,
    sha256: r.sha256 as string,
    kind: r.kind as string,
    language: r.language as string,
    pages: r.pages as number,
  }));
}

const DOCUMENT_AGREEMENTS = defineCypher('document.agreements', 'read', 'MATCH (:Document {id: $id})-[:DESCRIBES]->(a:Agreement) RETURN a.id AS id ORDER BY id');

/** Ids of the agreements a stored document describes. */
export async function agreementsOfDocument(store: GraphStore, documentId: string): Promise<string[]> {
  return (await store.read(DOCUMENT_AGREEMENTS, { id: documentId })).map((r) => r.id as string);
}
