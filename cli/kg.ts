#!/usr/bin/env node
/**
 * kg — the command line of the agreement knowledge graph.
 *   kg read <files or folders>              kind, language, pages and characters per PDF
 *   kg extract <files or folders>           what extraction finds: counts per document, or (--json) the whole records
 *   kg ingest <files or folders>            read, extract and write to the configured store
 *   kg remove <document>                    take a document and what it alone contributed out of the store
 *   kg stats                                node and relationship counts
 *   kg export [download] [--format json|graphml|gexf] [--out FILE]   the graph, the party network, the tables
 *   kg cypher "<query>"                     run a read query on the configured store
 *   kg repair [folders]                     keep a damaged embedded store aside and rebuild it from the stored PDFs
 * Every command takes --json and then prints only JSON on stdout; progress and warnings go to
 * stderr. Exit codes: 0 ok, 1 some input failed, 2 a usage, configuration or store error.
 *   kg start                                what `npm start` runs: ingest corpus/ if the store lacks it, then serve the API
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
// What a command needs is loaded by that command (await import(…) in its action): `kg --help`
// or `kg stats` does not load pdf.js, the NLP models, the GraphQL schema or the exports.
import type { storeStats } from '../api/store-access.ts';
import { isStoreError } from '../graph/errors.ts';
import type { ExportFormat } from '../graph/export.ts';
import type { GraphStore } from '../graph/store.ts';
import { isIngestError } from '../domain/ingest-errors.ts';
import { keepWordFormsIn } from '../domain/word-form-cache.ts';
import { collectPdfFiles } from './collect-files.ts';
import { isConfigError, loadConfig, PROJECT_ROOT } from './config.ts';
import { configureOcr } from '../ingest/ocr/ocr.ts';
import { endQuietlyOnClosedPipe, EXIT, printJson, UsageError } from './output.ts';
import { DEFAULT_JOBS } from '../pipeline/extract-pool.ts';
import { readServerFile } from './server-file.ts';
import { cypherThrough, exportThrough, statsThrough } from './through-server.ts';

/** Opens the configured store for the length of `work`, and closes it however `work` ends; an error of `work` is never hidden by one of closing. */
async function withStore<T>(work: (store: GraphStore) => Promise<T>): Promise<T> {
  const { openStore } = await import('../graph/open-store.ts');
  const store = await openStore(loadConfig().store);
  let result: T;
  try {
    await store.ensureSchema();
    result = await work(store);
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  await store.close();
  return result;
}

/**
 * Reads the store: itself, or, while a running server holds the embedded store, through that
 * server (`through`), saying so on stderr.
 */
async function readStore<T>(local: (store: GraphStore) => Promise<T>, through: (server: NonNullable<ReturnType<typeof readServerFile>>) => Promise<T>): Promise<T> {
  try {
    return await withStore(local);
  } catch (error) {
    const server = isStoreError(error) && error.code === 'STORE_LOCKED' ? readServerFile(loadConfig().dataDir) : undefined;
    if (!server) throw error;
    console.error(`the store is held by the server at ${server.url} (pid ${server.pid}): reading through it`);
    return through(server);
  }
}

/** Batches from this size are read on a pool of threads unless --jobs says otherwise. */
const POOL_FROM = 16;

endQuietlyOnClosedPipe();

const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };

const program = new Command()
  .name('kg')
  .version(version, '-V, --version', 'print the version')
  .exitOverride()
  // every setting is checked before any command does any work
  .hook('preAction', (_, command) => {
    const config = loadConfig();
    // OCR of pages without a text layer: KG_OCR and its bounds, and `kg ingest --no-ocr`
    configureOcr({ ...config.ocr, ...(command.opts().ocr === false ? { enabled: false } : {}) });
    keepWordFormsIn(join(config.dataDir, 'cache', 'word-forms.json'));
  })
  .description('Agreement knowledge graph: Norwegian regional growth agreements as a graph')
  .addHelpText(
    'after',
    '\nStore: the embedded store in $KG_DATA_DIR (default ./data), or Neo4j when NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD are set.',
  );

program
  .command('read')
  .description('read PDFs (files or folders) and print kind, language, pages and characters per document')
  .argument('<paths...>', 'PDF files or folders of PDFs')
  .option('--json', 'print one JSON array: { file, status: "read", kind, language, pages, characters } or { file, status: "failed", code, reason } per file')
  .action(async (paths: string[], options: { json?: boolean }) => {
    const { readAndReport } = await import('./reports.ts');
    process.exitCode = (await readAndReport(paths, options.json === true)) > 0 ? EXIT.inputFailed : EXIT.ok;
  });

program
  .command('extract')
  .description('extract parties, sub-goals, measures, obligations and plan anchors; print counts per document')
  .argument('<paths...>', 'PDF files or folders of PDFs')
  .option('--json', 'print the extracted records as one JSON array, one entry per file, however many ({ file, status: "failed", code, reason } for a file that failed)')
  .action(async (paths: string[], options: { json?: boolean }) => {
    const { extractAndReport } = await import('./reports.ts');
    process.exitCode = (await extractAndReport(paths, options.json === true)) > 0 ? 1 : 0;
  });

program
  .command('ingest')
  .description('read, extract and write PDFs to the store: new, unchanged (same SHA-256), replaced (new version) or failed')
  .argument('<paths...>', 'PDF files or folders of PDFs')
  .option('--json', 'print the per-file results as one JSON array ({ file, status, code?, reason?, ms }) instead of a table')
  .option('--no-ocr', 'do not read pages without a text layer by OCR (as KG_OCR=off): a scanned PDF fails with NO_TEXT_LAYER')
  .addOption(new Option('--jobs <n>', `threads that read and extract (default: one per core for ${POOL_FROM} files or more, else 1); the writes stay one document at a time, in order`).argParser(jobsOf))
  .action(async (paths: string[], options: { json?: boolean; jobs?: number }) => {
    const files = collectPdfFiles(paths);
    if (files.length === 0) {
      console.error(`No PDF files found in ${paths.join(', ')}`);
      if (options.json) printJson([]);
      process.exitCode = EXIT.inputFailed;
      return;
    }
    // a pool's threads take a second or two each to start: worth it for a batch, not for a few files
    const jobs = Math.min(options.jobs ?? (files.length >= POOL_FROM ? DEFAULT_JOBS : 1), files.length);
    const { ingestAndReport } = await import('./reports.ts');
    const results = await withStore((store) => ingestAndReport(store, files, options.json === true, jobs));
    process.exitCode = results.some((r) => r.status === 'failed') ? 1 : 0;
  });



/** --jobs: a whole number of threads, at least 1. */
function jobsOf(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of threads, 1 or more');
  return n;
}

program
  .command('remove')
  .description('remove a document (by file name or document id) and everything only it contributed')
  .argument('<document>', 'file name such as bygdevekstavtale-nord-troms.pdf, or an id such as document:bygdevekstavtale-nord-troms')
  .option('--json', 'print { removed: <document> } as JSON')
  .action(async (document: string, options: { json?: boolean }) => {
    const { removeDocument } = await import('../graph/documents.ts');
    await withStore((store) => removeDocument(store, basename(document)));
    if (options.json) printJson({ removed: document });
    else console.log(`removed ${document}`);
  });

program
  .command('stats')
  .description('the store (location, size on disk, last ingest), node counts by label and relationship counts by type')
  .option('--json', 'print as JSON')
  .action(async (options: { json?: boolean }) => {
    const [{ storeStats }, { formatBytes }] = await Promise.all([import('../api/store-access.ts'), import('../graph/store-info.ts')]);
    const all = (await readStore(
      (store) => storeStats(store, true),
      (server) => statsThrough(server),
    )) as Awaited<ReturnType<typeof storeStats>>;
    if (options.json) return printJson(all);
    const { store: info, documents, nodes, relationships } = all;
    console.log(`store: ${info.backend} ${info.location}, ${documents} documents`);
    console.log(`size on disk: ${info.sizeBytes === null ? 'kept by the Neo4j server' : formatBytes(info.sizeBytes)}`);
    console.log(`last ingest: ${info.lastIngestAt ? `${info.lastIngestAt} (${info.lastIngestDocument})` : 'none recorded'}`);
    console.table(Object.entries(nodes).map(([label, count]) => ({ label, count })));
    console.table(Object.entries(relationships).map(([type, count]) => ({ type, count })));
  });

program
  .command('export')
  .description('the whole graph (JSON { nodes, relationships }, GraphML or GEXF), or a download: party-network.gexf|graphml, or matrix, pilots-involving, transferable-measures, parties as .csv|.xlsx')
  .argument('[download]', 'what to export, e.g. party-network.gexf, matrix.xlsx, pilots-involving.csv (default: graph.<format>)')
  .addOption(new Option('--format <format>', 'the whole graph\'s format').choices(['json', 'graphml', 'gexf']).default('json'))
  .option('--out <file>', 'write to a file instead of stdout')
  .option('--party <name>', 'pilots-involving: the party, by any of its names')
  .option('--theme <theme>', 'pilots-involving, transferable-measures: one theme only (HOUSING, …)')
  .option('--kinds <kinds>', 'party-network: party kinds, comma-separated (STATE_AGENCY,MINISTRY)')
  .option('--min-weight <n>', 'party-network: edges of at least this weight')
  .option('--min-pilots <n>', 'transferable-measures: clusters of at least this many pilots')
  .option('--json', 'print JSON only: the graph as JSON, or with --out { file, download, bytes }')
  .action(async (download: string | undefined, options: { format: ExportFormat; out?: string; json?: boolean; party?: string; theme?: string; kinds?: string; minWeight?: string; minPilots?: string }) => {
    const { DOWNLOADS, downloadParams, isDownload, makeDownload, DownloadParamError } = await import('../api/exports/downloads.ts');
    const { QueryContext } = await import('../queries/context.ts');
    const name = download ?? `graph.${options.format}`;
    if (!isDownload(name)) throw new UsageError(`${JSON.stringify(name)} is no download; one of ${DOWNLOADS.join(', ')}`);
    if (download && options.format !== 'json' && !download.startsWith('graph.')) throw new UsageError('--format is for the whole graph; a download names its format (party-network.graphml)');
    if (options.json && !options.out && !name.endsWith('.json')) throw new UsageError(`--json prints only JSON: write ${name} with --out FILE`);
    const given: Record<string, string> = Object.fromEntries(
      Object.entries({ party: options.party, theme: options.theme, kinds: options.kinds, minWeight: options.minWeight, minPilots: options.minPilots }).filter((e): e is [string, string] => e[1] !== undefined),
    );
    let params;
    try {
      params = downloadParams((p) => given[p]);
    } catch (error) {
      if (error instanceof DownloadParamError) throw new UsageError(`--${error.param.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${error.reason}`);
      throw error;
    }
    if (name.startsWith('pilots-involving.') && !params.party) throw new UsageError('pilots-involving needs --party <name>');
    const body = await readStore(
      async (store) => (await makeDownload(new QueryContext(store), name, params)).body,
      (server) => exportThrough(server, name, given),
    );
    if (options.out) {
      writeFileSync(options.out, body);
      if (options.json) printJson({ file: options.out, download: name, bytes: body.length });
      else console.error(`wrote ${options.out}`);
    } else process.stdout.write(body);
  });

program
  .command('cypher')
  .description('run a read query on the store and print the rows as JSON (nothing the query changes is kept)')
  .argument('<query>', 'a Cypher query')
  .option('--params <json>', 'query parameters as a JSON object', '{}')
  .option('--json', 'the rows are printed as JSON in any case')
  .action(async (query: string, options: { params: string }) => {
    let params: Record<string, unknown>;
    try {
      params = JSON.parse(options.params) as Record<string, unknown>;
    } catch (error) {
      throw new UsageError(`--params is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new UsageError('--params must be a JSON object');
    const rows = await readStore(
      (store) => store.readOnly(query, params),
      (server) => cypherThrough(server, query, params),
    );
    printJson(rows);
  });

program
  .command('repair')
  .description('keep a damaged embedded store aside (never deleted) and rebuild the graph from corpus/, the uploads in $KG_DATA_DIR/uploads and any folders given')
  .argument('[paths...]', 'more PDF files or folders to rebuild from (documents once ingested from elsewhere)')
  .option('--force', 'rebuild even a store that opens and reads')
  .option('--json', 'print { store, repaired, kept, rebuiltFrom, documents, results } as JSON')
  .action(async (paths: string[], options: { force?: boolean; json?: boolean }) => {
    const { repair } = await import('./repair.ts');
    process.exitCode = await repair(loadConfig(), { paths, force: options.force === true, json: options.json === true });
  });

program
  .command('start')
  .description('what `npm start` runs: ingest corpus/ into the store unless it holds it already, then serve GraphQL on $PORT (4000)')
  .option('--no-serve', 'ingest only, do not start the server')
  .option('--json', 'log JSON lines even on a terminal')
  .action(async (options: { serve: boolean; json?: boolean }) => {
    // the server (GraphQL schema, explorer bundle) is loaded only by the command that serves
    const { start } = await import('./start.ts');
    const code = await start(loadConfig(), options.serve, options.json === true);
    if (code !== undefined) process.exitCode = code;
  });

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    // help and --version end well; any other complaint of commander's is a usage error (it has said which)
    process.exitCode = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code) ? EXIT.ok : EXIT.usage;
  } else if (error instanceof UsageError) {
    console.error(`error: ${error.message}`);
    process.exitCode = EXIT.usage;
  } else if (isStoreError(error) || isConfigError(error)) {
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
