/**
 * What `npm start` runs: ingest corpus/ into the configured store unless it holds it already,
 * then serve the API (GraphQL with GraphiQL, the explorer, /health, the source PDFs).
 */
import { join } from 'node:path';
import pino from 'pino';
import { startServer } from '../api/server.ts';
import { graphStats } from '../graph/stats.ts';
import { openStore } from '../graph/open-store.ts';
import { collectPdfFiles } from './collect-files.ts';
import { PROJECT_ROOT, type Config } from './config.ts';
import { ingestAndReport } from './reports.ts';

/** Ingests the corpus and, unless `serve` is false, serves it; returns the exit code when it does not serve. */
export async function start(config: Config, serve: boolean): Promise<number | undefined> {
  const store = await openStore(config.store);
  await store.ensureSchema();
  const corpus = join(PROJECT_ROOT, 'corpus');
  const results = await ingestAndReport(store, collectPdfFiles([corpus]));
  const stats = await graphStats(store);
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`store: ${store.backend} ${store.location}: ${total(stats.nodes)} nodes, ${total(stats.relationships)} relationships`);
  if (!serve) {
    await store.close();
    return results.some((r) => r.status === 'failed') ? 1 : 0;
  }
  const { port, ingestToken, logLevel, maxUploadBytes, maxBodyBytes } = config.server;
  const uploadsDir = join(config.dataDir, 'uploads');
  const server = await startServer({
    store,
    port,
    documentDirs: [corpus, uploadsDir],
    ingest: { token: ingestToken, maxBytes: maxUploadBytes, uploadsDir },
    limits: { maxBodyBytes },
    logger: pino({ level: logLevel }),
  });
  console.log(`GraphQL (with GraphiQL) on http://localhost:${port}/graphql${ingestToken ? '' : ' — uploads disabled: set KG_INGEST_TOKEN to allow them'}`);
  const stop = (signal: string) => {
    console.log(`${signal}: finishing requests and closing the store`);
    server.close(() =>
      void store.close().then(
        () => process.exit(0),
        (error: unknown) => {
          // said in one line, with its cause (a full disk, say), not as an unhandled rejection's stack trace
          console.error(`the store could not be closed: ${(error as Error).message}`);
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
