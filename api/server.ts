/**
 * The HTTP server: the explorer at / (api/explorer/), GraphQL at /graphql (with GraphiQL, served from
 * this server, and example operations), /health, /stats, the downloads at /export/<name>, and the
 * source PDFs at /documents/<file> for evidence links. Protected by depth, cost, alias and token
 * limits, batch limits, CSRF prevention and masked errors; logs are structured (pino).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { basename, join, resolve } from 'node:path';
import { getOperationAST, type DocumentNode, type ExecutionResult, type GraphQLError } from 'graphql';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { createYoga, type Plugin } from 'graphql-yoga';
import pino, { type Logger } from 'pino';
import { projectPath } from '../domain/project-files.ts';
import { DOCUMENTS } from '../graph/cypher.ts';
import type { GraphStore } from '../graph/store.ts';
import { storeInfo } from '../graph/store-info.ts';
import { QueryContext } from '../queries/context.ts';
import { warmAnswers } from '../queries/warm.ts';
import { saveWordForms } from '../domain/word-form-cache.ts';
import { createLoaders } from '../queries/entities.ts';
import { buildExplorer, isExplorerPath, serveExplorer } from './explorer/serve.ts';
import { createIngestor, type IngestOptions } from './ingest-upload.ts';
import { costRule, queryCost } from './query-cost.ts';
import { budgetFields, DEFAULT_BUDGET, RequestBudget } from './request-budget.ts';
import { serveCypher, serveStats } from './store-access.ts';
import { boundedResponseCache } from './response-cache.ts';
import { resolvers, type RequestContext } from './resolvers/index.ts';

export const typeDefs = readFileSync(projectPath('api', 'schema.graphql'), 'utf8');
const examples = readFileSync(projectPath('api', 'examples.graphql'), 'utf8');

/** A module loaded on its first use, once: what no question needs is not loaded before the server answers. */
function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}
// GraphiQL's page (a large bundle), the PDFs' server (`send`) and the downloads (their XML and spreadsheet writers)
const graphiqlPage = onFirstUse(() => import('@graphql-yoga/render-graphiql'));
const documents = onFirstUse(() => import('./documents.ts'));
const exportsServer = onFirstUse(() => import('./serve-export.ts'));
/** serve-export.ts's prefix, written out so that routing a request does not load the downloads (the type keeps the two equal). */
const EXPORT_PREFIX: typeof import('./serve-export.ts').EXPORT_PREFIX = '/export/';

export interface ServerOptions {
  store: GraphStore;
  /** Folders the source PDFs are served from, first match wins. */
  documentDirs: string[];
  ingest: IngestOptions;
  logger?: Logger;
  /** Limits against abusive queries. */
  limits?: Partial<typeof DEFAULT_LIMITS>;
  /** Connection timeouts of startServer. */
  timeouts?: Partial<typeof DEFAULT_TIMEOUTS>;
  /** Origins a browser may call the API from (CORS); none: no cross-origin calls. */
  corsOrigins?: string[];
  /** The token that allows POST /cypher and the store's full location in /stats; none: neither. */
  localToken?: string;
}

/** startServer's connection timeouts, in ms: slow or stalled clients (slow-loris) are cut off. */
export const DEFAULT_TIMEOUTS = {
  /** Until the request's headers are complete. */
  headersMs: 10_000,
  /** Until the whole request, body included, has arrived. */
  requestMs: 30_000,
  /** An idle keep-alive connection. */
  keepAliveMs: 5_000,
  /** How often the two above are checked (Node's default, 30 s, would let a stalled client stay up to 40 s). */
  checkEveryMs: 1_000,
};

export const DEFAULT_LIMITS = {
  maxDepth: 12,
  maxCost: 20_000,
  maxAliases: 15,
  maxTokens: 2_000,
  maxDirectives: 20,
  maxBatch: 5,
  /** Answers kept by the response cache (dropped whenever the store changes); 0 turns it off. */
  cachedResponses: 1000,
  /** Bytes of serialised answers the response cache keeps at most; a larger answer is not kept. */
  cachedBytes: 64 * 1024 * 1024,
  /** Largest request body, in bytes (an upload included). */
  maxBodyBytes: 25 * 1024 * 1024,
  /** Largest body of a request that is not an upload: a query of 2,000 tokens fits many times over. */
  maxQueryBodyBytes: 1024 * 1024,
  /** Time a request may take from its first read, in ms. */
  timeBudgetMs: DEFAULT_BUDGET.timeMs,
  /** Rows a request may read from the store. */
  maxRowsRead: DEFAULT_BUDGET.rows,
};

/** What a request's log line says of its GraphQL: the operations' names and the errors' codes. */
interface RequestNote {
  /** The names the request gave (a cached answer is never executed). */
  asked: string[];
  /** What was executed: `query Name`. */
  operations: string[];
  codes: string[];
}

/** What the Node handler gives yoga for each HTTP request. */
interface ServerContext {
  budget: RequestBudget;
  note: RequestNote;
  started: number;
}

export function createApi(options: ServerOptions) {
  const logger = options.logger ?? pino({ level: 'info' });
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const query = new QueryContext(options.store);
  // the folders of shipped documents (all but the uploads' own) are names no upload may take
  const protectedDirs = options.ingest.protectedDirs ?? options.documentDirs.filter((d) => resolve(d) !== resolve(options.ingest.uploadsDir));
  const ingest = createIngestor(options.store, query, { ...options.ingest, protectedDirs });
  const schema = budgetFields(makeExecutableSchema({ typeDefs, resolvers }));

  // One line per request: its operations by name, its duration, and the codes of the errors its
  // answer carries, so that a 200 with errors does not read as a success.
  const requestLog: Plugin<RequestContext & ServerContext> = {
    onParams({ params, context }) {
      // an answer from the response cache is never executed: its name is the one the request gave
      (context as unknown as Partial<ServerContext>).note?.asked.push(params.operationName ?? '(anonymous)');
    },
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      args.contextValue.note?.operations.push(operation ? `${operation.operation} ${operation.name?.value ?? '(anonymous)'}` : '(none)');
    },
    onResultProcess({ result, serverContext }) {
      const note = (serverContext as Partial<ServerContext>).note;
      if (!note) return;
      for (const r of (Array.isArray(result) ? result : [result]) as ExecutionResult[]) {
        for (const e of r?.errors ?? []) note.codes.push(String((e.extensions as { code?: unknown } | undefined)?.code ?? 'INTERNAL_SERVER_ERROR'));
      }
    },
    onResponse({ request, response, serverContext }) {
      const { started, note } = serverContext as Partial<ServerContext>;
      logger.info(
        {
          method: request.method,
          path: new URL(request.url).pathname,
          status: response.status,
          ms: started === undefined ? undefined : Math.round(performance.now() - started),
          ...(note && (note.operations.length > 0 || note.asked.length > 0) ? { operations: note.operations.length > 0 ? note.operations : note.asked } : {}),
          ...(note && note.codes.length > 0 ? { errors: note.codes } : {}),
        },
        'request',
      );
    },
  };

  const budgetLimits = { timeMs: limits.timeBudgetMs, rows: limits.maxRowsRead, cost: limits.maxCost };
  // The cost of each operation, with its variables, added to its request's budget: a batch is one request.
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  const budgeting: Plugin<RequestContext & ServerContext> = {
    onValidate({ addValidationRule }) {
      addValidationRule(costRule(limits.maxCost));
    },
    onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      const budget = args.contextValue.budget;
      const operation = getOperationAST(args.document, args.operationName)?.name?.value ?? '';
      const key = `${operation}\u0000${JSON.stringify(args.variableValues ?? {})}`;
      const known = costs.get(args.document) ?? new Map<string, number>();
      costs.set(args.document, known);
      const cost = known.get(key) ?? queryCost(schema, args.document, args.operationName, { variables: (args.variableValues ?? {}) as Record<string, unknown> });
      if (known.size < 100) known.set(key, cost);
      if (!budget.addCost(cost)) {
        setResultAndStopExecution({ errors: [budget.reason!] });
        return;
      }
      // The answer is the budget's error as soon as the budget is spent. The executor is not given
      // the signal: it would fail every field still in flight, each error with its stack trace;
      // the fields are left unresolved instead (budgetFields) and the execution is collected.
      setExecuteFn((executeArgs) => Promise.race([executeFn(executeArgs), budget.spent.then((reason) => ({ errors: [reason] }))]));
    },
  };

  const responseCache = limits.cachedResponses > 0 ? boundedResponseCache({ entries: limits.cachedResponses, bytes: limits.cachedBytes }) : undefined;

  const yoga = createYoga<ServerContext, RequestContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { title: 'Agreement knowledge graph', defaultQuery: examples },
    // GraphiQL's scripts and styles from the installed package, never from a CDN: it works offline
    renderGraphiQL: (graphiql) => graphiqlPage().then(({ renderGraphiQL }) => renderGraphiQL(graphiql)),
    // no cross-origin calls unless CORS_ORIGINS names origins; no cookies or HTTP auth either way
    cors: options.corsOrigins && options.corsOrigins.length > 0 ? { origin: options.corsOrigins, credentials: false, maxAge: 600 } : false,
    batching: { limit: limits.maxBatch },
    logging: logger,
    maskedErrors: true,
    context: ({ request, budget }) => {
      const scoped = query.forRequest(budget);
      return {
        query: scoped,
        loaders: createLoaders(scoped),
        ingest: ingest.forRequest({ replaces: request.headers.get('x-kg-replaces') }),
        authorization: request.headers.get('authorization'),
      };
    },
    plugins: [
      requestLog,
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] }),
      // The data changes only when a document is ingested: an answer is kept until then,
      // its key carrying the store's version, so the next upload makes every kept answer stale.
      ...(limits.cachedResponses > 0
        ? [
            useResponseCache({
              session: () => null,
              cache: responseCache!,
              invalidateViaMutation: false,
              // A hash: the key is also sent as the ETag header.
              buildResponseCacheKey: ({ documentString, variableValues, operationName }) =>
                createHash('sha256').update(`${query.version}\u0000${operationName ?? ''}\u0000${JSON.stringify(variableValues ?? {})}\u0000${documentString}`).digest('hex'),
            }),
          ]
        : []),
      budgeting,
      EnvelopArmorPlugin({
        maxDepth: { n: limits.maxDepth },
        // cost by fan-out (api/query-cost.ts) instead: armor's does not multiply by list sizes
        costLimit: { enabled: false },
        maxAliases: { n: limits.maxAliases },
        maxTokens: { n: limits.maxTokens },
        maxDirectives: { n: limits.maxDirectives },
        blockFieldSuggestion: { enabled: true },
      }),
    ],
  });

  async function health(res: ServerResponse): Promise<void> {
    try {
      const documents = (await options.store.read(DOCUMENTS)).length;
      const info = await storeInfo(options.store);
      // the embedded store's file name, never its path on this machine
      const store = info.backend === 'embedded' ? { ...info, location: basename(info.location) } : info;
      send(res, 200, 'application/json', JSON.stringify({ status: 'ok', store, documents }));
    } catch (error) {
      logger.error({ err: error }, 'health check failed');
      send(res, 503, 'application/json', JSON.stringify({ status: 'unavailable' }));
    }
  }

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const length = Number(req.headers['content-length'] ?? 0);
    const upload = /multipart\/form-data/i.test(req.headers['content-type'] ?? '');
    if (length > limits.maxBodyBytes) return refuse(res, 413, `request body larger than ${limits.maxBodyBytes} bytes`);
    if (upload && !req.headers['content-length']) return refuse(res, 411, 'an upload needs a Content-Length header');
    // a body of unstated length (chunked) could outgrow maxBodyBytes unseen: refuse it
    if (req.headers['transfer-encoding'] && !req.headers['content-length']) return refuse(res, 411, 'a request body needs a Content-Length header');
    if (!upload && length > limits.maxQueryBodyBytes) return refuse(res, 413, `a request that is not an upload may carry at most ${limits.maxQueryBodyBytes} bytes`);
    if (upload && url.pathname === '/graphql') {
      // the token is checked before a byte of the body is read: no one without it can make the server hold an upload
      const refusal = ingest.refusal(header(req, 'authorization'), length);
      if (refusal) return refuse(res, (refusal.extensions.http as { status?: number } | undefined)?.status ?? 400, refusal.message, refusal);
    }
    if (url.pathname === '/health' && req.method === 'GET') return health(res);
    if (url.pathname.startsWith('/documents/') && (req.method === 'GET' || req.method === 'HEAD')) return (await documents()).serveDocument(req, res, options.documentDirs, url.pathname.slice('/documents/'.length));
    if (url.pathname.startsWith(EXPORT_PREFIX)) return (await exportsServer()).serveExport(req, res, url, query, logger);
    if (url.pathname === '/stats' && req.method === 'GET') return serveStats(req, res, options.store, options.localToken);
    if (url.pathname === '/cypher' && req.method === 'POST') return serveCypher(req, res, options.store, options.localToken);
    if (isExplorerPath(url.pathname)) return serveExplorer(req, res, url.pathname);
    const budget = new RequestBudget(budgetLimits, gone(res));
    res.once('close', () => budget.end());
    return yoga(req, res, { budget, note: { asked: [], operations: [], codes: [] }, started: performance.now() } satisfies ServerContext);
  };

  return { handler, yoga, query, logger, responseCache };
}

export function startServer(options: ServerOptions & { port: number; host?: string }): Promise<Server> {
  const api = createApi(options);
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const activity = new RequestActivity();
  const server = createServer({ connectionsCheckingInterval: timeouts.checkEveryMs }, (req, res) => {
    activity.began(res);
    api.handler(req, res).catch((error: unknown) => {
      api.logger.error({ err: error }, 'request failed');
      if (!res.headersSent) send(res, 500, 'text/plain', 'internal error');
    });
  });
  server.requestTimeout = timeouts.requestMs;
  server.headersTimeout = timeouts.headersMs;
  server.keepAliveTimeout = timeouts.keepAliveMs;
  // The work of the start that no request needs to be answered correctly (the warm-up computes
  // what a request would compute itself; the explorer is bundled on its first visit otherwise)
  // runs in this thread: it waits until the requests of the start (health checks, a first
  // question) have been answered.
  const cancel = activity.whenQuiet(() => {
    // bundle the explorer now rather than on its first visit
    buildExplorer().catch((error: unknown) => api.logger.error({ err: error }, 'the explorer could not be built'));
    void keepAnswersWarm(api);
  });
  server.once('close', cancel);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // this machine only, unless a host is given (HOST=0.0.0.0 serves every network)
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve(server));
  });
}

/** Background work at start waits for this long without a request… */
export const QUIET_MS = 50;
/** …but no longer than this after it is asked for: postponed, never forgone. */
export const MAX_DEFER_MS = 1_000;

/** Whether requests are coming: the ones in flight and when the last began. */
export class RequestActivity {
  private inFlight = 0;
  private lastBegan = performance.now();

  began(res: ServerResponse): void {
    this.inFlight++;
    this.lastBegan = performance.now();
    res.once('close', () => this.inFlight--);
  }

  /** Runs `work` once no request is in flight and none began for QUIET_MS (at the latest MAX_DEFER_MS from now); returns what cancels it. */
  whenQuiet(work: () => void): () => void {
    const latest = performance.now() + MAX_DEFER_MS;
    let timer: NodeJS.Timeout;
    const check = () => {
      const now = performance.now();
      const quietFor = now - this.lastBegan;
      if ((this.inFlight === 0 && quietFor >= QUIET_MS) || now >= latest) return work();
      timer = setTimeout(check, Math.min(Math.max(QUIET_MS - quietFor, 10), latest - now));
    };
    timer = setTimeout(check, QUIET_MS);
    return () => clearTimeout(timer);
  }
}

/** The search index and the models every question builds on, computed at start and after each write rather than on a request. */
export function keepAnswersWarm(api: Pick<ReturnType<typeof createApi>, 'query' | 'logger'>): Promise<void> {
  const warm = () => {
    const started = performance.now();
    return warmAnswers(api.query).then(
      () => {
        api.logger.debug({ ms: Math.round(performance.now() - started) }, 'answers warmed');
        // what the word lists said about the corpus's words, for the next start
        saveWordForms();
      },
      (error: unknown) => api.logger.warn({ err: error }, 'answers could not be computed ahead; requests compute them'),
    );
  };
  api.query.whenInvalidated(() => void warm());
  return warm();
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

/**
 * Answers before the body is read, and closes the connection so that the body is not read after
 * it: a GraphQL error as JSON, or the reason as text.
 */
function refuse(res: ServerResponse, status: number, reason: string, error?: GraphQLError): void {
  const body = error ? JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] }) : reason;
  res.writeHead(status, { 'content-type': error ? 'application/json' : 'text/plain', connection: 'close' });
  res.end(body);
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** Aborts when the client goes away before its answer is sent. */
function gone(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort(new Error('the client closed the connection'));
  });
  return controller.signal;
}
