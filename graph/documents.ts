/**
 * Putting documents into the store and taking them out: one transaction per document, batched
 * `UNWIND … MERGE` writes, and removal that keeps what other documents contributed.
 */
import type { ExtractedDocument } from '../domain/records.ts';
import {
  DOCUMENT_LINKED_NODES,
  LINK_REFERENCES,
  LINK_REFERENCES_FROM,
  LINK_REFERENCES_TO,
  MERGE_NODES,
  MERGE_RELATIONSHIPS,
  META_RECORD_INGEST,
  REMOVE_NODES,
  REMOVE_ORPHANS,
  REMOVE_RELATIONSHIPS,
} from './cypher.ts';
import { refreshShared, sharedBefore } from './derived.ts';
import type { Cypher } from './cypher-registry.ts';
import { StoreError } from './errors.ts';
import { heldVersion, isCurrentVersion } from './held-documents.ts';
import { LINKED_NODES, NODE_LABELS, SHARED_NODES, STORE_META, type NodeLabel } from './model.ts';
import type { GraphStore, WriteTransaction } from './store.ts';
import { documentIdOf } from '../domain/ids.ts';
import { writePlan, type WritePlan } from './write-plan.ts';

export type IngestStatus = 'new' | 'unchanged' | 'replaced';

export interface WriteOptions {
  /** Rows per statement. */
  batchSize?: number;
  /** For tests: fail after this many statements, to show that nothing of the document is kept. */
  failAfterStatements?: number;
  /**
   * The SHA-256 of the version the caller saw (null: none), checked inside the transaction: when
   * another writer got there first, nothing is written and a DocumentChangedError is thrown.
   */
  expectHeld?: string | null;
  /** Runs last inside the transaction (the upload moves its file into place here); throwing rolls the document back. */
  beforeCommit?: () => Promise<void>;
}

/** The document is not the version the caller expected (options.expectHeld): another write came first. */
export class DocumentChangedError extends Error {
  override readonly name = 'DocumentChangedError';
  constructor(
    readonly documentId: string,
    readonly held: string | null,
  ) {
    super(`${documentId}: the store holds ${held ? `another version (${held.slice(0, 12)}…)` : 'no version'} than the one expected`);
  }
}

/** Writes an extracted document; a document already held with the same SHA-256 (by this GRAPH_VERSION) is left as it is. */
export async function ingestExtracted(store: GraphStore, x: ExtractedDocument, options: WriteOptions = {}): Promise<IngestStatus> {
  const plan = writePlan(x);
  return store.write(async (tx) => {
    const held = await heldVersion((c, p) => tx.run(c, p), plan.documentId);
    if (isCurrentVersion(held, x.document.sha256)) return 'unchanged';
    if (options.expectHeld !== undefined && (held?.sha256 ?? null) !== options.expectHeld) throw new DocumentChangedError(plan.documentId, held?.sha256 ?? null);
    const run = counting(tx, options.failAfterStatements);
    const touched = sharedIn(plan);
    if (held) addAll(touched, await removeIn(run, plan.documentId));
    // a new document only adds views to the shared nodes: they can be extended from their values before it
    const before = !held ? await sharedBefore(run, touched) : undefined;
    await writeIn(run, plan, options.batchSize ?? 500);
    await refreshShared(run, touched, before && { doc: plan.documentId, before, relationships: plan.relationships });
    const agreements = (plan.nodes.get('Agreement') ?? []).map((r) => r.id);
    await run(LINK_REFERENCES_FROM, { agreements });
    await run(LINK_REFERENCES_TO, { agreements });
    await run(META_RECORD_INGEST, { id: STORE_META.id, at: new Date().toISOString(), doc: plan.documentId });
    await options.beforeCommit?.();
    return held ? 'replaced' : 'new';
  });
}

/** Removes a document and what it alone contributed; throws NOT_FOUND for a document the store does not hold. */
export async function removeDocument(store: GraphStore, fileOrId: string): Promise<void> {
  const id = documentIdOf(fileOrId);
  await store.write(async (tx) => {
    if (!(await heldVersion((c, p) => tx.run(c, p), id))) throw new StoreError('NOT_FOUND', id, 'the store holds no such document');
    const run = counting(tx);
    await refreshShared(run, await removeIn(run, id));
    // removal is rare: one pass over all cross-references keeps it simple
    await run(LINK_REFERENCES, {});
  });
}

type Run = (cypher: Cypher, params: Record<string, unknown>) => Promise<Record<string, unknown>[]>;

function counting(tx: WriteTransaction, failAfter?: number): Run {
  let statements = 0;
  return async (cypher, params) => {
    if (failAfter !== undefined && statements >= failAfter) throw new Error(`simulated failure after ${failAfter} statements`);
    statements++;
    return tx.run(cypher, params);
  };
}

/** Removes the document; returns the shared nodes it contributed to, whose properties must be redone. */
async function removeIn(run: Run, doc: string): Promise<Map<NodeLabel, Set<string>>> {
  const shared = new Map<NodeLabel, Set<string>>();
  const linked = new Map<NodeLabel, Set<string>>();
  for (const row of await run(DOCUMENT_LINKED_NODES, { doc })) {
    for (const label of row.labels as NodeLabel[]) {
      if (SHARED_NODES.some((s) => s.label === label)) addAll(shared, new Map([[label, [row.id as string]]]));
      if (LINKED_NODES.includes(label)) addAll(linked, new Map([[label, [row.id as string]]]));
    }
  }
  await run(REMOVE_RELATIONSHIPS, { doc });
  await run(REMOVE_NODES, { doc });
  for (const [label, ids] of linked) await run(REMOVE_ORPHANS[label], { ids: [...ids] });
  return shared;
}

function sharedIn(plan: WritePlan): Map<NodeLabel, Set<string>> {
  return new Map(SHARED_NODES.map((s) => [s.label, new Set((plan.nodes.get(s.label) ?? []).map((r) => r.id))]));
}

function addAll(into: Map<NodeLabel, Set<string>>, from: Map<NodeLabel, Iterable<string>>): void {
  for (const [label, ids] of from) {
    const set = into.get(label) ?? new Set<string>();
    for (const id of ids) set.add(id);
    into.set(label, set);
  }
}

async function writeIn(run: Run, plan: WritePlan, batchSize: number): Promise<void> {
  for (const label of NODE_LABELS) {
    for (const rows of batches(plan.nodes.get(label) ?? [], batchSize)) await run(MERGE_NODES[label], { doc: plan.documentId, rows });
  }
  for (const [key, allRows] of plan.relationships) {
    const statement = MERGE_RELATIONSHIPS.get(key);
    if (!statement) throw new Error(`no write statement for relationship ${key}`);
    for (const rows of batches(allRows, batchSize)) await run(statement, { doc: plan.documentId, rows });
  }
}

function* batches<T>(rows: T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
