/**
 * `kg repair`: the way back from a damaged embedded store (STORE_DAMAGED: a write-ahead log or
 * store file that fails its checksums). The damaged store is moved aside, never deleted, and the
 * graph is rebuilt from the PDFs the product keeps: `corpus/` and the uploads in
 * `$KG_DATA_DIR/uploads/`, plus any folders or files named on the command line (documents once
 * ingested from elsewhere with `kg ingest`). A store that opens and reads is left alone unless
 * `--force` is given; a store in use by another process is never touched.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { keepAside, storeFiles } from '../graph/embedded-files.ts';
import { isStoreError, StoreError } from '../graph/errors.ts';
import { openStore } from '../graph/open-store.ts';
import { graphStats } from '../graph/stats.ts';
import type { GraphStore } from '../graph/store.ts';
import { describe, ingestFiles, warningLines, type FileResult } from '../pipeline/ingest-files.ts';
import { collectPdfFiles } from './collect-files.ts';
import { PROJECT_ROOT, type Config } from './config.ts';
import { printJson } from './output.ts';
import { ingestAndReport } from './reports.ts';

export interface RepairOptions {
  /** More PDFs (files or folders) to rebuild from. */
  paths: string[];
  /** Rebuild even a store that opens and reads. */
  force: boolean;
  /** Print one JSON object on stdout ({ store, repaired, kept, rebuiltFrom, documents, results }); the rest goes to stderr. */
  json?: boolean;
}

/** The folders the graph is rebuilt from, those that exist, then the paths given. */
export function rebuildSources(config: Config, paths: string[]): string[] {
  return [join(PROJECT_ROOT, 'corpus'), join(config.dataDir, 'uploads')].filter((p) => existsSync(p)).concat(paths);
}

/** Repairs the configured embedded store; returns the exit code. */
export async function repair(config: Config, options: RepairOptions): Promise<number> {
  if (config.store.backend !== 'embedded') {
    throw new StoreError('STORE_UNAVAILABLE', config.store.uri, '`kg repair` rebuilds the embedded store; a Neo4j database is checked and repaired by its server (neo4j-admin database check)');
  }
  const path = config.store.path;
  const say = options.json ? console.error : console.log;
  const sound = await opensAndReads(config);
  if (sound === true && !options.force) {
    say(`${path}: the store opens and reads; nothing to repair (--force rebuilds it anyway)`);
    if (options.json) printJson({ store: path, repaired: false });
    return 0;
  }
  if (sound !== true && sound.code !== 'STORE_DAMAGED' && !options.force) throw sound;
  if (sound !== true) console.error(`${path}: ${sound.code}: ${sound.cause instanceof Error ? sound.cause.message : sound.reason}`);

  const sources = rebuildSources(config, options.paths);
  const files = collectPdfFiles(sources);
  const kept = storeFiles(path).length > 0 ? keepAside(path) : undefined;
  if (kept) say(`kept the ${sound === true ? '' : 'damaged '}store as ${kept}${existsSync(`${kept}.wal`) ? ` (and its log, ${kept}.wal)` : ''}; nothing was deleted`);

  const store = await openStore(config.store);
  let results: FileResult[];
  try {
    await store.ensureSchema();
    results = options.json ? await ingestQuietly(store, files) : await ingestAndReport(store, files);
  } finally {
    await store.close();
  }
  const documents = results.filter((r) => r.status !== 'failed').length;
  say(`rebuilt ${path} from ${sources.join(', ')}: ${documents} documents`);
  say('documents once ingested from other folders come back with `kg repair <folders>` or `kg ingest <folders>`');
  if (options.json) printJson({ store: path, repaired: true, kept: kept ?? null, rebuiltFrom: sources, documents, results: results.map((r) => ({ ...r, file: basename(r.file) })) });
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}

/** The batch with its progress and warnings on stderr, leaving stdout to the JSON. */
async function ingestQuietly(store: GraphStore, files: string[]): Promise<FileResult[]> {
  const results = await ingestFiles(store, files, (result, index) => process.stderr.write(`[${index + 1}/${files.length}] ${describe(result)}\n`));
  for (const line of warningLines(results)) console.error(line);
  return results;
}

/** True when the store opens and its counts can be read; otherwise the store's error (STORE_LOCKED is thrown at once). */
async function opensAndReads(config: Config): Promise<true | StoreError> {
  let store: GraphStore | undefined;
  try {
    store = await openStore(config.store);
    await graphStats(store);
    return true;
  } catch (error) {
    if (!isStoreError(error)) throw error;
    // a store another process has open is in use, not damaged: never move it
    if (error.code === 'STORE_LOCKED') throw error;
    return error;
  } finally {
    await store?.close().catch(() => undefined);
  }
}
