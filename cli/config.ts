/**
 * Every setting the product reads, from the environment, validated once at start with one
 * schema: where the store is (KG_DATA_DIR, or NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD /
 * NEO4J_DATABASE and the connection pool's settings, checked in neo4j-settings.ts), and how the
 * server runs (PORT, HOST, CORS_ORIGINS, KG_INGEST_TOKEN, LOG_LEVEL, KG_MAX_UPLOAD_BYTES, KG_MAX_BODY_BYTES), and OCR of pages
 * without a text layer (KG_OCR, KG_OCR_MAX_PAGES, KG_OCR_PAGE_TIMEOUT_MS). A bad value is a ConfigError naming the setting and the reason.
 */
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { StoreConfig } from '../graph/store.ts';
import { OCR_DEFAULTS, type OcrOptions } from '../ingest/ocr/ocr.ts';
import { NEO4J_POOL_SETTINGS, neo4jDatabase, neo4jPoolOf, neo4jUri } from './neo4j-settings.ts';

export { PROJECT_ROOT } from '../domain/project-files.ts';
import { PROJECT_ROOT } from '../domain/project-files.ts';

/** The embedded store lives in one file inside the data directory. */
export const EMBEDDED_FILE = 'graph.grafeo';

export class ConfigError extends Error {
  readonly code = 'BAD_CONFIG';
  constructor(
    /** The environment variable that is wrong. */
    readonly setting: string,
    readonly reason: string,
  ) {
    super(`${setting}: ${reason}`);
    this.name = 'ConfigError';
  }
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError;
}

const MiB = 1024 * 1024;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const nonEmpty = z.string().trim().min(1, 'must not be empty');
const byteCount = z.coerce.number().int('must be a whole number of bytes').positive('must be more than 0');

/** An address to listen on: an IP address, or a host name such as `localhost`. */
const host = z
  .string()
  .trim()
  .refine((h) => isIP(h) !== 0 || /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(h), 'must be an IP address (127.0.0.1, 0.0.0.0, ::) or a host name');

/** Origins allowed to call the API from a browser: `scheme://host[:port]`, comma-separated. */
const origins = z
  .string()
  .transform((s) => s.split(',').map((o) => o.trim()).filter((o) => o !== ''))
  .superRefine((list, ctx) => {
    for (const origin of list) {
      let url: URL | undefined;
      try {
        url = new URL(origin);
      } catch {
        url = undefined;
      }
      if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin) {
        ctx.addIssue({ code: 'custom', message: `${JSON.stringify(origin)} is not an origin (scheme://host[:port], nothing after it; no "*")` });
        return;
      }
    }
  });

const environment = z.object({
  KG_DATA_DIR: nonEmpty.optional(),
  NEO4J_URI: neo4jUri.optional(),
  NEO4J_USER: nonEmpty.optional(),
  NEO4J_PASSWORD: z.string().min(1, 'must not be empty').optional(),
  NEO4J_DATABASE: neo4jDatabase.optional(),
  ...(Object.fromEntries(Object.entries(NEO4J_POOL_SETTINGS).map(([name, { schema }]) => [name, schema.optional()])) as {
    [K in keyof typeof NEO4J_POOL_SETTINGS]: z.ZodOptional<(typeof NEO4J_POOL_SETTINGS)[K]['schema']>;
  }),
  PORT: z.coerce.number().int('must be a port number').min(0, 'must be a port number').max(65535, 'must be a port number').default(4000),
  HOST: host.default('127.0.0.1'),
  CORS_ORIGINS: origins.optional(),
  // a bearer token is one word (RFC 6750): one with white space could never be sent
  KG_INGEST_TOKEN: z.string().min(1).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without white space (a bearer token)').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  KG_MAX_UPLOAD_BYTES: byteCount.default(20 * MiB),
  KG_MAX_BODY_BYTES: byteCount.default(25 * MiB),
  KG_OCR: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  KG_OCR_MAX_PAGES: z.coerce.number().int('must be a whole number of pages').min(0, 'must be 0 or more').default(OCR_DEFAULTS.maxPages),
  KG_OCR_PAGE_TIMEOUT_MS: z.coerce.number().int('must be a whole number of milliseconds').positive('must be more than 0').default(OCR_DEFAULTS.pageTimeoutMs),
});

export interface ServerConfig {
  port: number;
  /** The address the server listens on (127.0.0.1: this machine only). */
  host: string;
  /** Origins a browser may call the API from; empty: no cross-origin calls. */
  corsOrigins: string[];
  /** The bearer token that allows uploads; none disables them. */
  ingestToken: string | undefined;
  logLevel: z.infer<typeof environment>['LOG_LEVEL'];
  /** Largest PDF an upload may carry. */
  maxUploadBytes: number;
  /** Largest request body (an upload included). */
  maxBodyBytes: number;
}

export interface Config {
  store: StoreConfig;
  /** Where the embedded store and uploaded PDFs are kept (with Neo4j: uploaded PDFs only). */
  dataDir: string;
  server: ServerConfig;
  /** OCR of pages without a text layer (the reader's settings, applied with `configureOcr`). */
  ocr: OcrOptions;
}

/** The whole configuration; throws a ConfigError for the first bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // an empty variable counts as unset, so `NEO4J_URI= npm start` uses the embedded store
  const known = Object.keys(environment.shape);
  const set = Object.fromEntries(Object.entries(env).filter(([k, v]) => known.includes(k) && v !== undefined && v !== ''));
  const parsed = environment.safeParse(set);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0]), issue.message);
  }
  const e = parsed.data;
  const dataDir = resolve(e.KG_DATA_DIR ?? join(PROJECT_ROOT, 'data'));
  const server: ServerConfig = {
    port: e.PORT,
    host: e.HOST,
    corsOrigins: e.CORS_ORIGINS ?? [],
    ingestToken: e.KG_INGEST_TOKEN,
    logLevel: e.LOG_LEVEL,
    maxUploadBytes: e.KG_MAX_UPLOAD_BYTES,
    maxBodyBytes: e.KG_MAX_BODY_BYTES,
  };
  const ocr: OcrOptions = { enabled: e.KG_OCR === 'on', maxPages: e.KG_OCR_MAX_PAGES, pageTimeoutMs: e.KG_OCR_PAGE_TIMEOUT_MS };
  return { store: storeOf(e, dataDir), dataDir, server, ocr };
}

/** The store's part of the configuration. */
export function storeConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  return loadConfig(env).store;
}

function storeOf(e: z.infer<typeof environment>, dataDir: string): StoreConfig {
  if (!e.NEO4J_URI) return { backend: 'embedded', path: join(dataDir, EMBEDDED_FILE) };
  if (!e.NEO4J_USER || !e.NEO4J_PASSWORD) throw new ConfigError(e.NEO4J_USER ? 'NEO4J_PASSWORD' : 'NEO4J_USER', 'must be set when NEO4J_URI is set');
  const pool = neo4jPoolOf(e);
  return {
    backend: 'neo4j',
    uri: e.NEO4J_URI,
    user: e.NEO4J_USER,
    password: e.NEO4J_PASSWORD,
    ...(e.NEO4J_DATABASE ? { database: e.NEO4J_DATABASE } : {}),
    ...(Object.keys(pool).length > 0 ? { pool } : {}),
  };
}
