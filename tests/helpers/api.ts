/** A real API server on a free port, over a fresh store (embedded unless a backend is given) holding the corpus. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { expect } from 'vitest';
import { createApi, keepAnswersWarm, type ServerOptions } from '../../api/server.ts';
import { ingestExtracted } from '../../graph/documents.ts';
import type { EmbeddedStore } from '../../graph/embedded-store.ts';
import type { GraphStore } from '../../graph/store.ts';
import type { Backend } from './backends.ts';
import { corpusDir } from './corpus.ts';
import { extractCorpus, temporaryStore } from './store.ts';

export interface TestServer<S extends GraphStore = EmbeddedStore> {
  url: string;
  api: ReturnType<typeof createApi>;
  store: S;
  uploadsDir: string;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] } }>;
  /** The data of an answer that must have no errors (the test fails naming them otherwise). */
  data<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

interface TestServerOptions {
  token?: string;
  limits?: ServerOptions['limits'];
  corpus?: boolean;
  ingest?: Partial<ServerOptions['ingest']>;
  /** The server's log (silent by default). */
  logger?: ServerOptions['logger'];
  /** Compute what questions build on before the first request, as `npm start` does (the default); false: leave it to the requests. */
  warm?: boolean;
}

/** Over a temporary embedded store, or with `backend` over a fresh store of that backend. */
export async function startTestServer(options?: TestServerOptions): Promise<TestServer>;
export async function startTestServer(options: TestServerOptions & { backend: Backend }): Promise<TestServer<GraphStore>>;
export async function startTestServer(options: TestServerOptions & { backend?: Backend } = {}): Promise<TestServer<GraphStore>> {
  const store = options.backend ? await options.backend.open() : await temporaryStore();
  if (options.corpus !== false) for (const x of await extractCorpus()) await ingestExtracted(store, x);
  const uploadsDir = join(mkdtempSync(join(tmpdir(), 'kg-uploads-')), 'uploads');
  const api = createApi({
    store,
    documentDirs: [corpusDir, uploadsDir],
    ingest: { token: options.token, maxBytes: 2 * 1024 * 1024, uploadsDir, ...options.ingest },
    logger: options.logger ?? pino({ level: 'silent' }),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  if (options.warm !== false) await keepAnswersWarm(api);
  const server: Server = createServer((req, res) => void api.handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const gql: TestServer<GraphStore>['gql'] = async (query, variables = {}, headers = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: await response.json() };
  };
  return {
    url,
    api,
    store,
    uploadsDir: options.ingest?.uploadsDir ?? uploadsDir,
    gql,
    async data(query, variables = {}) {
      const { body } = await gql(query, variables);
      expect(body.errors).toBeUndefined();
      return body.data as never;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
