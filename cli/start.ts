/**
 * What `npm start` runs: check that the port is free, ingest corpus/ into the configured store
 * unless it holds it already, then serve the API (GraphQL with GraphiQL, the explorer, /health,
 * the downloads, the source PDFs). Everything it says is a log line (pino): readable on a
 * terminal (pino-pretty), JSON lines otherwise or with `--json`.
 */
import { createServer } from 'node:net';
import { basename, join } from 'node:path';
import pino, { type Logger } from 'pino';
import { graphStats } from '../graph/stats.ts';
import { openStore } from '../graph/open-store.ts';
import { ingestFiles, summarise } from '../pipeline/ingest-files.ts';
import { collectPdfFiles } from './collect-files.ts';
import { ConfigError, PROJECT_ROOT, type Config } from './config.ts';
import { localUrl, newLocalToken, removeServerFile, writeServerFile } from './server-file.ts';

/** The log of `kg start`: human lines on a terminal, JSON lines otherwise (or when asked). */
export async function startLogger(level: Config['server']['logLevel'], json: boolean): Promise<Logger> {
  if (json || !process.stdout.isTTY) return pino({ level });
  // loaded only for a terminal
  const { default: pretty } = await import('pino-pretty');
  return pino(
    { level },
    pretty({
      colorize: true,
      sync: true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname',
      // each line says it all in its message; a request's fields are made into one
      hideObject: true,
      messageFormat: (log, key) => {
        if (log[key] !== 'request') return String(log[key]);
        const { method, path, status, ms, operations, errors } = log as { method?: string; path?: string; status?: number; ms?: number; operations?: string[]; errors?: string[] };
        return [method, path, status, ms === undefined ? '' : `${ms} ms`, operations?.join(', '), errors?.length ? `errors: ${errors.join(', ')}` : ''].filter(Boolean).join(' ');
      },
    }),
  );
}

/** Fails with BAD_CONFIG naming PORT when the port cannot be had, before any work is done. */
export async function checkPort(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'is in use (is `npm start` running already?): stop it or set another PORT' : error.code === 'EACCES' ? 'needs privileges this user lacks: use a port above 1023' : error.message;
      reject(new ConfigError(error.code === 'EADDRNOTAVAIL' ? 'HOST' : 'PORT', `${host}:${port} ${error.code === 'EADDRNOTAVAIL' ? 'is no address of this machine' : why}`));
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** Ingests the corpus and, unless `serve` is false, serves it; returns the exit code when it does not serve. */
export async function start(config: Config, serve: boolean, json = false): Promise<number | undefined> {
  const { host, port, ingestToken, logLevel, maxUploadBytes, maxBodyBytes, corsOrigins } = config.server;
  const log = await startLogger(logLevel, json);
  if (serve) await checkPort(host, port);
  const store = await openStore(config.store);
  await store.ensureSchema();
  const corpus = join(PROJECT_ROOT, 'corpus');
  const files = collectPdfFiles([corpus]);
  const ingesting = ingestFiles(store, files, (r) => {
    if (r.status === 'failed') log.warn({ file: basename(r.file), status: r.status, code: r.code, reason: r.reason, ms: r.ms }, `${basename(r.file)}: failed ${r.code}: ${r.reason}`);
    else {
      log.info({ file: basename(r.file), status: r.status, ms: r.ms }, `${basename(r.file)}: ${r.status}`);
      for (const w of r.warnings) log.warn({ file: basename(r.file), warning: w }, `${basename(r.file)}: ${w}`);
    }
  });
  // The server's modules (GraphQL and its plugins: most of the start's loading) load while the
  // corpus is ingested, in the time this thread waits on the PDF reader and the store. Asked for
  // after the ingest began, so that the first PDF's reading is not put off behind them.
  const serving = serve ? import('../api/server.ts') : undefined;
  // awaited once the corpus is in; a failure before then must not count as unhandled
  serving?.catch(() => {});
  const results = await ingesting;
  const stats = await graphStats(store);
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  log.info(
    { ingest: summarise(results), store: { backend: store.backend, location: store.location }, nodes: total(stats.nodes), relationships: total(stats.relationships) },
    `ingested ${summarise(results)}; store: ${store.backend} ${store.location}: ${total(stats.nodes)} nodes, ${total(stats.relationships)} relationships`,
  );
  if (!serve) {
    await store.close();
    return results.some((r) => r.status === 'failed') ? 1 : 0;
  }
  const uploadsDir = join(config.dataDir, 'uploads');
  const localToken = newLocalToken();
  const { startServer } = await serving!;
  const server = await startServer({
    store,
    port,
    host,
    documentDirs: [corpus, uploadsDir],
    ingest: { token: ingestToken, maxBytes: maxUploadBytes, uploadsDir },
    limits: { maxBodyBytes },
    logger: log,
    corsOrigins,
    localToken,
  });
  const address = server.address();
  const url = localUrl(host, typeof address === 'object' && address ? address.port : port);
  writeServerFile(config.dataDir, { url, pid: process.pid, token: localToken });
  log.info({ url: `${url}/graphql` }, `GraphQL (with GraphiQL) on ${url}/graphql`);
  log.info({ url: `${url}/` }, `explorer on ${url}/`);
  log.info({ url: `${url}/health` }, `health on ${url}/health`);
  log.info({ url: `${url}/export/` }, `downloads on ${url}/export/`);
  if (host === '127.0.0.1' || host === 'localhost' || host === '::1') log.info({ host }, `serving this machine only: set HOST=0.0.0.0 to serve the network`);
  if (!ingestToken) log.info('uploads disabled: set KG_INGEST_TOKEN to allow them');
  const stop = (signal: string) => {
    log.info({ signal }, `${signal}: finishing requests and closing the store`);
    removeServerFile(config.dataDir, process.pid);
    server.close(() =>
      void store.close().then(
        () => process.exit(0),
        (error: unknown) => {
          // said in one line, with its cause (a full disk, say), not as an unhandled rejection's stack trace
          log.error({ err: error }, `the store could not be closed: ${(error as Error).message}`);
          process.exit(1);
        },
      ),
    );
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return undefined;
}
