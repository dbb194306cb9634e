/** Temporary embedded stores for the tests, and the corpus extracted once per test file. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../../graph/embedded-store.ts';
import { extractDocument } from '../../ingest/extract/extract.ts';
import type { ExtractedDocument } from '../../domain/records.ts';
import { readDocumentFile } from '../../ingest/read-document.ts';
import { corpusPath, manifest } from './corpus.ts';

export async function temporaryStore(): Promise<EmbeddedStore> {
  const store = EmbeddedStore.open(join(mkdtempSync(join(tmpdir(), 'kg-store-')), 'graph.grafeo'));
  await store.ensureSchema();
  return store;
}

export async function extractCorpus(): Promise<ExtractedDocument[]> {
  const records: ExtractedDocument[] = [];
  for (const entry of manifest) records.push(extractDocument(await readDocumentFile(corpusPath(entry.file))));
  return records;
}
