/**
 * What is Neo4j's own: its settings and their errors, connecting (one server, routing, a named
 * database, TLS with a self-signed or a trusted certificate, wrong credentials), the connection pool, the driver's retries of managed
 * transactions on a real transient error, and a server killed in the middle of an ingest. That both
 * backends build the same graph and give the same answers is tested by the suites that run on
 * both (graph-store, backend-parity). These run on the test run's own Neo4j (tests/helpers/neo4j.ts)
 * or on NEO4J_URI's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Neo4jError } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './helpers/ports.ts';
import { ConfigError, storeConfig } from '../cli/config.ts';
import { DOCUMENT_SHA, META_RECORD_INGEST } from '../graph/cypher.ts';
import { ingestExtracted } from '../graph/documents.ts';
import { exportGraph, serialise } from '../graph/export.ts';
import { STORE_META } from '../graph/model.ts';
import { Neo4jStore } from '../graph/neo4j-store.ts';
import type { GraphStore, WriteTransaction } from '../graph/store.ts';
import type { ExtractedDocument } from '../domain/records.ts';
import { BACKEND_HOOK_TIMEOUT } from './helpers/backends.ts';
import { leaseNeo4j, neo4jSkipReason, type Neo4jConfig, type Neo4jLease } from './helpers/neo4j.ts';
import { extractCorpus, temporaryStore } from './helpers/store.ts';
import { canMakeCertificates, launcherTools, NEO4J_TEST_PASSWORD, NEO4J_TEST_USER, startNeo4jServer, type Neo4jServer } from './neo4j-server/launcher.ts';

const exportJson = async (s: GraphStore) => serialise(await exportGraph(s), 'json');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The setting a bad environment is refused for, and why, as the command line says it. */
function refusal(env: Record<string, string>): string {
  try {
    storeConfig(env);
  } catch (error) {
    return error instanceof ConfigError ? `${error.setting}: ${error.reason}` : String(error);
  }
  return 'accepted';
}

const withServer = { NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'secret' };

describe('Neo4j settings', () => {
  it('takes every URI scheme of the driver: one server, routing (a cluster, Aura), encrypted', () => {
    for (const uri of ['bolt://localhost:7687', 'bolt+s://db.example.org:7687', 'bolt+ssc://10.0.0.5', 'neo4j://cluster.example.org', 'neo4j+s://abcd1234.databases.neo4j.io', 'neo4j+ssc://[::1]:7687', 'neo4j://a.example.org:7687?region=eu']) {
      expect(storeConfig({ NEO4J_URI: uri, ...withServer }), uri).toMatchObject({ backend: 'neo4j', uri });
    }
  });

  it('refuses a URI it cannot use, saying why', () => {
    expect(refusal({ NEO4J_URI: 'http://localhost:7474', ...withServer })).toBe('NEO4J_URI: must be a bolt:// or neo4j:// URI (bolt, bolt+s or bolt+ssc for one server; neo4j, neo4j+s or neo4j+ssc for a cluster or Aura), not http://');
    expect(refusal({ NEO4J_URI: 'localhost:7687', ...withServer })).toMatch(/^NEO4J_URI: must be a bolt:\/\/ or neo4j:\/\/ URI .*, e\.g\. bolt:\/\/localhost:7687$/);
    expect(refusal({ NEO4J_URI: 'bolt://localhost:99999', ...withServer })).toMatch(/^NEO4J_URI: (has port 99999|is not a well-formed URI)/);
    expect(refusal({ NEO4J_URI: 'bolt://neo4j:pw@localhost', ...withServer })).toBe('NEO4J_URI: must not carry credentials: set NEO4J_USER and NEO4J_PASSWORD');
    expect(refusal({ NEO4J_URI: 'neo4j://localhost/agreements', ...withServer })).toBe('NEO4J_URI: must have no path: the database is chosen with NEO4J_DATABASE');
    expect(refusal({ NEO4J_URI: 'bolt://localhost?region=eu', ...withServer })).toBe('NEO4J_URI: has a routing context (?…), which only neo4j:// URIs take');
    expect(refusal({ NEO4J_URI: 'bolt://abcd1234.databases.neo4j.io', ...withServer })).toBe('NEO4J_URI: names an Aura database, which accepts only neo4j+s:// (encrypted, with routing)');
  });

  it('checks the database name and the connection pool settings, naming the setting', () => {
    const neo4j = { NEO4J_URI: 'neo4j://localhost', ...withServer };
    expect(storeConfig({ ...neo4j, NEO4J_DATABASE: 'agreements-2025' })).toMatchObject({ database: 'agreements-2025' });
    expect(refusal({ ...neo4j, NEO4J_DATABASE: 'my_db!' })).toMatch(/^NEO4J_DATABASE: must be a Neo4j database name: 3 to 63 characters/);
    expect(refusal({ ...neo4j, NEO4J_DATABASE: 'db' })).toMatch(/^NEO4J_DATABASE: must be a Neo4j database name/);
    const pool = { NEO4J_MAX_CONNECTION_POOL_SIZE: '20', NEO4J_CONNECTION_ACQUISITION_TIMEOUT_MS: '5000', NEO4J_CONNECTION_TIMEOUT_MS: '2000', NEO4J_MAX_TRANSACTION_RETRY_TIME_MS: '60000' };
    expect(storeConfig({ ...neo4j, ...pool })).toMatchObject({ pool: { maxConnectionPoolSize: 20, connectionAcquisitionTimeoutMs: 5000, connectionTimeoutMs: 2000, maxTransactionRetryTimeMs: 60000 } });
    expect(storeConfig({ ...neo4j })).not.toHaveProperty('pool');
    expect(refusal({ ...neo4j, NEO4J_MAX_CONNECTION_POOL_SIZE: '0' })).toBe('NEO4J_MAX_CONNECTION_POOL_SIZE: must be more than 0');
    expect(refusal({ ...neo4j, NEO4J_MAX_CONNECTION_POOL_SIZE: 'many' })).toMatch(/^NEO4J_MAX_CONNECTION_POOL_SIZE: /);
    expect(refusal({ ...neo4j, NEO4J_CONNECTION_ACQUISITION_TIMEOUT_MS: '1.5' })).toBe('NEO4J_CONNECTION_ACQUISITION_TIMEOUT_MS: must be a whole number of milliseconds');
    expect(refusal({ ...neo4j, NEO4J_MAX_TRANSACTION_RETRY_TIME_MS: '-1' })).toBe('NEO4J_MAX_TRANSACTION_RETRY_TIME_MS: must be more than 0');
  });

  it('says so from the command line, with the setting, and exits with status 2', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', new URL('../cli/kg.ts', import.meta.url).pathname, 'stats'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NEO4J_URI: 'neo4j://localhost', ...withServer, NEO4J_CONNECTION_TIMEOUT_MS: 'soon' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/BAD_CONFIG: NEO4J_CONNECTION_TIMEOUT_MS: /);
  });
});

describe('Neo4j errors that need no server', () => {
  it('says clearly that Neo4j is unreachable', async () => {
    await expect(Neo4jStore.connect({ backend: 'neo4j', uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'x' })).rejects.toMatchObject({
      code: 'STORE_UNREACHABLE',
      subject: 'bolt://127.0.0.1:1',
    });
  });

  it('says so from the command line too, with exit status 2', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', new URL('../cli/kg.ts', import.meta.url).pathname, 'stats'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'x' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error: STORE_UNREACHABLE: bolt:\/\/127\.0\.0\.1:1: cannot reach Neo4j/m);
  });
});

describe.skipIf(Boolean(neo4jSkipReason))('connecting to a real Neo4j', () => {
  let lease: Neo4jLease;
  let config: Neo4jConfig;
  let corpus: ExtractedDocument[];
  const port = () => new URL(config.uri.replace(/^[a-z+]+:/, 'http:')).port;

  beforeAll(async () => {
    lease = await leaseNeo4j();
    config = lease.config;
    corpus = await extractCorpus();
  }, BACKEND_HOOK_TIMEOUT);
  afterAll(() => lease?.release());

  const connected = async (c: Neo4jConfig) => {
    const store = await Neo4jStore.connect(c);
    try {
      return await store.readOnly('RETURN 1 AS ok');
    } finally {
      await store.close();
    }
  };

  it('connects to one server (bolt://) and through routing (neo4j://), to the default or a named database', async () => {
    expect(await connected(config)).toEqual([{ ok: 1 }]);
    expect(await connected({ ...config, database: 'neo4j' })).toEqual([{ ok: 1 }]);
    if (config.uri.startsWith('bolt://')) expect(await connected({ ...config, uri: config.uri.replace('bolt://', 'neo4j://') })).toEqual([{ ok: 1 }]);
  });

  it('says which setting is wrong: the credentials, the database, an encryption the server does not offer', async () => {
    await expect(Neo4jStore.connect({ ...config, password: `${config.password}-wrong` })).rejects.toMatchObject({ code: 'STORE_AUTH', reason: expect.stringContaining('NEO4J_USER and NEO4J_PASSWORD') });
    await expect(Neo4jStore.connect({ ...config, database: 'no-such-database' })).rejects.toMatchObject({ code: 'STORE_UNREACHABLE', reason: 'Neo4j has no database "no-such-database" (check NEO4J_DATABASE)' });
  }, 120_000);

  it.skipIf(Boolean(process.env.NEO4J_URI) || !canMakeCertificates())(
    'connects encrypted: +ssc:// to a self-signed certificate, +s:// to one this machine trusts, and says so when it does not',
    async () => {
      expect(lease.certificate).toBeTruthy();
      expect(await connected({ ...config, uri: `bolt+ssc://127.0.0.1:${port()}` })).toEqual([{ ok: 1 }]);
      expect(await connected({ ...config, uri: `neo4j+ssc://localhost:${port()}` })).toEqual([{ ok: 1 }]);
      await expect(Neo4jStore.connect({ ...config, uri: `bolt+s://127.0.0.1:${port()}` })).rejects.toMatchObject({
        code: 'STORE_UNREACHABLE',
        reason: expect.stringMatching(/^cannot make an encrypted connection \(the URI's \+s\/\+ssc asks for TLS/),
      });
      // trusted, as a certificate of a public authority (Aura's) is: the command line with it among Node's authorities
      for (const uri of [`bolt+s://localhost:${port()}`, `neo4j+s://localhost:${port()}`]) {
        const run = spawnSync(process.execPath, ['--import', 'tsx', new URL('../cli/kg.ts', import.meta.url).pathname, 'stats', '--json'], {
          encoding: 'utf8',
          timeout: 60_000,
          env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: config.user, NEO4J_PASSWORD: config.password, NODE_EXTRA_CA_CERTS: lease.certificate },
        });
        expect(run.status, `${uri}: ${run.stderr}`).toBe(0);
        expect(JSON.parse(run.stdout).store, uri).toMatchObject({ backend: 'neo4j', location: uri });
      }
    },
    120_000,
  );

  it('keeps to the connection pool it is given: with one connection taken, a second query waits, and gives up after the acquisition timeout', async () => {
    const tight = await Neo4jStore.connect({ ...config, pool: { maxConnectionPoolSize: 1, connectionAcquisitionTimeoutMs: 1500, maxTransactionRetryTimeMs: 1 } });
    const roomy = await Neo4jStore.connect({ ...config, pool: { maxConnectionPoolSize: 2, connectionAcquisitionTimeoutMs: 1500, maxTransactionRetryTimeMs: 1 } });
    try {
      for (const [store, expected] of [
        [tight, 'times out'],
        [roomy, 'answers'],
      ] as const) {
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let taken!: () => void;
        const connectionTaken = new Promise<void>((resolve) => (taken = resolve));
        const holder = store.write(async (tx) => {
          await tx.run(DOCUMENT_SHA, { id: 'document:none' });
          taken();
          await held;
        });
        await connectionTaken;
        const second = store.readOnly('RETURN 2 AS ok');
        if (expected === 'times out') await expect(second).rejects.toThrow(/acquisition|timed out/i);
        else expect(await second).toEqual([{ ok: 2 }]);
        release();
        await holder;
      }
    } finally {
      await tight.close();
      await roomy.close();
    }
  }, 120_000);

  it('retries a write that meets a real transient error (a lock held past the server\'s lock timeout) and completes the ingest', async () => {
    const store = await Neo4jStore.connect(config);
    try {
      await store.ensureSchema();
      const smola = corpus.find((x) => x.document.file === 'bygdevekstavtale-smola-aure.pdf')!;
      const nordTroms = corpus.find((x) => x.document.file === 'bygdevekstavtale-nord-troms.pdf')!;
      await ingestExtracted(store, smola); // the store's record exists now
      // Just before the ingest writes the store's record (its last statement), another writer takes it and
      // holds it for longer than the server's lock timeout (5 s): the ingest's wait ends in a TransientError.
      let other: Promise<unknown> | undefined;
      let recordTaken!: () => void;
      const taken = new Promise<void>((resolve) => (recordTaken = resolve));
      const takeRecord = () =>
        (other = store.write(async (tx) => {
          await tx.run(META_RECORD_INGEST, { id: STORE_META.id, at: new Date().toISOString(), doc: 'document:other' });
          recordTaken();
          await sleep(8_000);
        }));
      let attempts = 0;
      // the same store, counting how often the driver runs the ingest's transaction
      const counted: GraphStore = Object.create(store, {
        write: {
          value: <T>(work: (tx: WriteTransaction) => Promise<T>) =>
            store.write(async (tx) => {
              const attempt = ++attempts;
              return work({
                run: async (cypher, params) => {
                  if (attempt === 1 && cypher === META_RECORD_INGEST) {
                    takeRecord();
                    await taken;
                  }
                  return tx.run(cypher, params);
                },
              });
            }),
        },
      });
      expect(await ingestExtracted(counted, nordTroms)).toBe('new');
      await other;
      expect(attempts).toBe(2);
      expect(await store.readOnly("MATCH (d:Document {id: 'document:bygdevekstavtale-nord-troms'}) RETURN d.sha256 AS sha")).toEqual([{ sha: nordTroms.document.sha256 }]);
      expect(await store.readOnly(`MATCH (m:${STORE_META.label} {id: $id}) RETURN m.lastIngestDocument AS doc`, { id: STORE_META.id })).toEqual([{ doc: 'document:bygdevekstavtale-nord-troms' }]);
    } finally {
      await store.close();
    }
  }, 180_000);

  it('retries only what is transient: an error of the work itself fails at once', async () => {
    const store = await Neo4jStore.connect(config);
    try {
      let attempts = 0;
      const rows = await store.write(async (tx) => {
        attempts++;
        if (attempts < 3) throw new Neo4jError('deadlock', 'Neo.TransientError.Transaction.DeadlockDetected', '50N42', 'a transient error');
        return (await tx.run(DOCUMENT_SHA, { id: 'document:none' })).length;
      });
      expect([attempts, rows]).toEqual([3, 0]);
      let once = 0;
      await expect(
        store.write(async () => {
          once++;
          throw new Error('not transient');
        }),
      ).rejects.toThrow('not transient');
      expect(once).toBe(1);
    } finally {
      await store.close();
    }
  });
});

/** A free loopback port for a server that must come back on the same one. */

const ownServer = launcherTools();
if (!ownServer.ok) console.warn(`Neo4j kill-and-restart tests skipped: ${ownServer.reason}, so no Neo4j server of the test's own can be started`);

describe.skipIf(!ownServer.ok)('a Neo4j server killed in the middle of an ingest (SIGKILL, then restarted on its files)', () => {
  let home: string;
  let port: number;
  let server: Neo4jServer | undefined;
  let corpus: ExtractedDocument[];
  let report: ExtractedDocument;
  let withoutReport: string;
  let withReport: string;
  const config = (): Neo4jConfig => ({ backend: 'neo4j', uri: `bolt://127.0.0.1:${port}`, user: NEO4J_TEST_USER, password: NEO4J_TEST_PASSWORD });

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'kg-neo4j-killed-'));
    port = await freePort();
    corpus = await extractCorpus();
    report = corpus.find((x) => x.document.kind === 'EVALUATION_REPORT')!;
    const reference = await temporaryStore();
    try {
      for (const x of corpus) if (x !== report) await ingestExtracted(reference, x);
      withoutReport = await exportJson(reference);
      await ingestExtracted(reference, report);
      withReport = await exportJson(reference);
    } finally {
      await reference.close();
    }
    server = await startNeo4jServer({ home, port });
    const store = await Neo4jStore.connect(config());
    try {
      await store.ensureSchema();
      for (const x of corpus) if (x !== report) await ingestExtracted(store, x);
      expect(await exportJson(store)).toBe(withoutReport);
    } finally {
      await store.close();
    }
  }, BACKEND_HOOK_TIMEOUT);
  afterAll(async () => {
    await server?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('keeps none of the document when the server is not back before the retries end', async () => {
    const store = await Neo4jStore.connect({ ...config(), pool: { maxTransactionRetryTimeMs: 2_000 } });
    try {
      // everything of the document is written, nothing committed
      await expect(ingestExtracted(store, report, { beforeCommit: () => server!.kill() })).rejects.toMatchObject({ code: 'STORE_UNREACHABLE' });
    } finally {
      await store.close();
    }
    server = await startNeo4jServer({ home, port });
    const after = await Neo4jStore.connect(config());
    try {
      expect(await exportJson(after)).toBe(withoutReport);
    } finally {
      await after.close();
    }
  }, 300_000);

  it('keeps all of it when the server comes back within the retries: the driver runs the transaction again', async () => {
    const store = await Neo4jStore.connect({ ...config(), pool: { maxTransactionRetryTimeMs: 240_000 } });
    let attempts = 0;
    let restarted: Promise<Neo4jServer> | undefined;
    try {
      const status = await ingestExtracted(store, report, {
        beforeCommit: async () => {
          if (attempts++ > 0) return;
          await server!.kill();
          restarted = startNeo4jServer({ home, port });
        },
      });
      server = await restarted!;
      expect(status).toBe('new');
      expect(attempts).toBe(2);
      expect(await exportJson(store)).toBe(withReport);
    } finally {
      server = (await restarted?.catch(() => undefined)) ?? server;
      await store.close();
    }
  }, 420_000);
});
