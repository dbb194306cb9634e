#!/usr/bin/env node
/**
 * kg — the command line of the agreement knowledge graph.
 *   kg read <files or folders>              kind, language, pages and characters per PDF
 *   kg extract <files or folders> [--json]  what extraction finds: counts per document, or the whole record
 *   kg ingest <files or folders>            read, extract and write to the configured store
 *   kg remove <document>                    take a document and what it alone contributed out of the store
 *   kg stats                                node and relationship counts
 *   kg export [--format json|graphml|gexf] [--out FILE]
 *   kg cypher "<query>"                     run a read query on the configured store
 *   kg start                                what `npm start` runs: ingest corpus/ if the store lacks it, then serve the API
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { removeDocument } from '../graph/documents.ts';
import { isStoreError } from '../graph/errors.ts';
import { exportGraph, serialise, type ExportFormat } from '../graph/export.ts';
import { listDocuments } from '../graph/held-documents.ts';
import { openStore } from '../graph/open-store.ts';
import { graphStats } from '../graph/stats.ts';
import { formatBytes, storeInfo } from '../graph/store-info.ts';
import type { GraphStore } from '../graph/store.ts';
import { isIngestError } from '../domain/ingest-errors.ts';
import { collectPdfFiles } from './collect-files.ts';
import { isConfigError, loadConfig } from './config.ts';
import { extractAndReport, ingestAndReport, readAndReport } from './reports.ts';

/** Opens the configured store for the length of `work`, and closes it however `work` ends. */
async function withStore<T>(work: (store: GraphStore) => Promise<T>): Promise<T> {
  const store = await openStore(loadConfig().store);
  try {
    await store.ensureSchema();
    return await work(store);
  } finally {
    await store.close();
  }
}

const program = new Command()
  .name('kg')
  .description('Agreement knowledge graph: Norwegian regional growth agreements as a graph')
  .addHelpText(
    'after',
    '\nStore: the embedded store in $KG_DATA_DIR (default ./data), or Neo4j when NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD are set.',
  );

program
  .command('read')
  .description('read PDFs (files or folders) and print kind, language, pages and characters per document')
  .argument('<paths...>', 'PDF files or folders of PDFs')
  .action(async (paths: string[]) => {
    process.exitCode = (await readAndReport(paths)) > 0 ? 1 : 0;
  });

program
  .command('extract')
  .description('extract parties, sub-goals, measures, obligations and plan anchors; print counts per document')
  .argument('<paths...>', 'PDF files or folders of PDFs')
  .option('--json', 'print the extracted records as JSON (one object for one file, an array otherwise)')
  .action(async (paths: string[], options: { json?: boolean }) => {
    process.exitCode = (await extractAndReport(paths, options.json === true)) > 0 ? 1 : 0;
  });

program
  .command('ingest')
  .description('read, extract and write PDFs to the store: new, unchanged (same SHA-256), replaced (new version) or failed')
  .argument('<paths...>', 'PDF files or folders of PDFs')
  .option('--json', 'print the per-file results as one JSON array ({ file, status, code?, reason?, ms }) instead of a table')
  .action(async (paths: string[], options: { json?: boolean }) => {
    const files = collectPdfFiles(paths);
    if (files.length === 0) throw new Error(`No PDF files found in ${paths.join(', ')}`);
    const results = await withStore((store) => ingestAndReport(store, files, options.json === true));
    process.exitCode = results.some((r) => r.status === 'failed') ? 1 : 0;
  });

program
  .command('remove')
  .description('remove a document (by file name or document id) and everything only it contributed')
  .argument('<document>', 'file name such as bygdevekstavtale-nord-troms.pdf, or an id such as document:bygdevekstavtale-nord-troms')
  .action(async (document: string) => {
    await withStore((store) => removeDocument(store, basename(document)));
    console.log(`removed ${document}`);
  });

program
  .command('stats')
  .description('the store (location, size on disk, last ingest), node counts by label and relationship counts by type')
  .option('--json', 'print as JSON')
  .action(async (options: { json?: boolean }) => {
    await withStore(async (store) => {
      const stats = await graphStats(store);
      const documents = await listDocuments(store);
      const info = await storeInfo(store);
      if (options.json) {
        console.log(JSON.stringify({ store: info, documents: documents.length, ...stats }, null, 2));
        return;
      }
      console.log(`store: ${store.backend} ${store.location}, ${documents.length} documents`);
      console.log(`size on disk: ${info.sizeBytes === null ? 'kept by the Neo4j server' : formatBytes(info.sizeBytes)}`);
      console.log(`last ingest: ${info.lastIngestAt ? `${info.lastIngestAt} (${info.lastIngestDocument})` : 'none recorded'}`);
      console.table(Object.entries(stats.nodes).map(([label, count]) => ({ label, count })));
      console.table(Object.entries(stats.relationships).map(([type, count]) => ({ type, count })));
    });
  });

program
  .command('export')
  .description('the whole graph as JSON ({ nodes, relationships }), GraphML or GEXF')
  .addOption(new Option('--format <format>', 'output format').choices(['json', 'graphml', 'gexf']).default('json'))
  .option('--out <file>', 'write to a file instead of stdout')
  .action(async (options: { format: ExportFormat; out?: string }) => {
    const text = await withStore(async (store) => serialise(await exportGraph(store), options.format));
    if (options.out) {
      writeFileSync(options.out, text);
      console.error(`wrote ${options.out}`);
    } else process.stdout.write(text);
  });

program
  .command('cypher')
  .description('run a read query on the store and print the rows as JSON (nothing the query changes is kept)')
  .argument('<query>', 'a Cypher query')
  .option('--params <json>', 'query parameters as a JSON object', '{}')
  .action(async (query: string, options: { params: string }) => {
    let params: Record<string, unknown>;
    try {
      params = JSON.parse(options.params) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`--params is not valid JSON: ${(error as Error).message}`);
    }
    const rows = await withStore((store) => store.readOnly(query, params));
    console.log(JSON.stringify(rows, null, 2));
  });

program
  .command('start')
  .description('what `npm start` runs: ingest corpus/ into the store unless it holds it already, then serve GraphQL on $PORT (4000)')
  .option('--no-serve', 'ingest only, do not start the server')
  .action(async (options: { serve: boolean }) => {
    // the server (GraphQL schema, explorer bundle) is loaded only by the command that serves
    const { start } = await import('./start.ts');
    const code = await start(loadConfig(), options.serve);
    if (code !== undefined) process.exitCode = code;
  });

try {
  await program.parseAsync();
} catch (error) {
  if (isStoreError(error) || isConfigError(error)) {
    console.error(`error: ${error.code}: ${error.message}`);
    process.exitCode = 2;
  } else if (isIngestError(error)) {
    console.error(`error: ${error.code}: ${error.file}: ${error.reason}`);
    process.exitCode = 2;
  } else if (error instanceof Error && !('code' in error && String(error.code).startsWith('commander.'))) {
    console.error(`error: ${error.message}`);
    process.exitCode = 2;
  } else throw error;
}
