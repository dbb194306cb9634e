/**
 * The Neo4j of the test run. With NEO4J_URI set (and NEO4J_USER, NEO4J_PASSWORD) that server is
 * used, one suite at a time, and cleared before each; otherwise the run's own Neo4j server
 * (tests/neo4j-server/) is built and started by the first suite that asks, with as many databases
 * as suites can run at once, each lent to one suite at a time and cleared before it.
 * Without Java or Maven the Neo4j suites are skipped with the reason; with KG_REQUIRE_NEO4J=1 (CI)
 * that is an error instead.
 */
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { storeConfig } from '../../cli/config.ts';
import { CLEAR_GRAPH } from '../../graph/cypher.ts';
import { NODE_LABELS, STORE_META } from '../../graph/model.ts';
import { Neo4jStore } from '../../graph/neo4j-store.ts';
import type { StoreConfig } from '../../graph/store.ts';
import { canMakeCertificates, launcherTools, NEO4J_TEST_PASSWORD, NEO4J_TEST_USER, startNeo4jServer } from '../neo4j-server/launcher.ts';

export type Neo4jConfig = Extract<StoreConfig, { backend: 'neo4j' }>;

const external = Boolean(process.env.NEO4J_URI);

/** Why the Neo4j suites cannot run here (undefined: they can). */
export const neo4jSkipReason: string | undefined = (() => {
  if (external) return undefined;
  const tools = launcherTools();
  if (tools.ok) return undefined;
  const why = `${tools.reason}, so the test run cannot start its Neo4j server (install a JDK 17 and Maven, or set NEO4J_URI to a Neo4j of your own)`;
  if (process.env.KG_REQUIRE_NEO4J === '1') throw new Error(`the Neo4j suites cannot run: ${why}; KG_REQUIRE_NEO4J=1 asks for them to run`);
  return `Neo4j suites skipped: ${why}`;
})();
if (neo4jSkipReason) console.warn(neo4jSkipReason);

const run = () => inject('neo4jRun');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The databases of this run: the one of NEO4J_URI, or those of the run's own server (started here on first use). */
async function databases(): Promise<{ configs: Neo4jConfig[]; certificate?: string }> {
  if (external) {
    const config = storeConfig();
    if (config.backend !== 'neo4j') throw new Error('NEO4J_URI is set but the configuration is not Neo4j');
    return { configs: [config] };
  }
  const { dir, pid } = run();
  const pool = join(dir, 'pool.json');
  const failed = join(dir, 'pool.error');
  const toConfigs = () => {
    const { uris, certificate } = JSON.parse(readFileSync(pool, 'utf8')) as { uris: string[]; certificate?: string };
    return { configs: uris.map((uri) => ({ backend: 'neo4j' as const, uri, user: NEO4J_TEST_USER, password: NEO4J_TEST_PASSWORD })), ...(certificate ? { certificate } : {}) };
  };
  if (existsSync(pool)) return toConfigs();
  let starter = false;
  try {
    mkdirSync(join(dir, 'pool.lock'));
    starter = true;
  } catch {
    // another suite is starting it
  }
  if (starter) {
    try {
      // vitest runs availableParallelism() - 1 suites at once: one database each, and one for a suite that holds two
      const servers = Number(process.env.KG_NEO4J_SERVERS) || Math.max(availableParallelism() - 1, 1) + 1;
      // Bolt offers TLS too (with a self-signed certificate), so that bolt+s:// and neo4j+s:// are tried for real
      const server = await startNeo4jServer({ home: join(dir, 'server'), servers, parentPid: pid, tls: canMakeCertificates() });
      writeFileSync(`${pool}.tmp`, JSON.stringify({ uris: server.uris, pid: server.pid, certificate: server.certificate }));
      renameSync(`${pool}.tmp`, pool);
    } catch (error) {
      writeFileSync(failed, String((error as Error).stack ?? error));
      throw error;
    }
    return toConfigs();
  }
  while (!existsSync(pool)) {
    if (existsSync(failed)) throw new Error(`the test run's Neo4j server did not start:\n${readFileSync(failed, 'utf8')}`);
    await sleep(250);
  }
  return toConfigs();
}

export interface Neo4jLease {
  config: Neo4jConfig;
  /** The run's own server's TLS certificate (PEM file), when it offers TLS. */
  certificate?: string;
  release(): void;
}

/** A database of its own for this suite, empty, until `release`; waits while all are lent. */
export async function leaseNeo4j(timeoutMs = 15 * 60_000): Promise<Neo4jLease> {
  const { configs, certificate } = await databases();
  const { dir } = run();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const [i, config] of configs.entries()) {
      const lease = join(dir, `lease-${i}`);
      try {
        mkdirSync(lease);
      } catch {
        let owner = 0;
        try {
          owner = Number(readFileSync(join(lease, 'pid'), 'utf8') || 0);
        } catch {
          // given back just now, or its owner has not written its pid yet
        }
        if (owner && !alive(owner)) rmSync(lease, { recursive: true, force: true }); // left by a suite that died
        continue;
      }
      writeFileSync(join(lease, 'pid'), String(process.pid));
      await clear(config);
      return { config, ...(certificate ? { certificate } : {}), release: () => rmSync(lease, { recursive: true, force: true }) };
    }
    if (Date.now() > deadline) throw new Error(`no Neo4j database came free within ${timeoutMs} ms`);
    await sleep(250);
  }
}

async function clear(config: Neo4jConfig): Promise<void> {
  const store = await Neo4jStore.connect(config);
  try {
    await store.write((tx) => tx.run(CLEAR_GRAPH, { labels: [...NODE_LABELS, STORE_META.label] }));
  } finally {
    await store.close();
  }
}
