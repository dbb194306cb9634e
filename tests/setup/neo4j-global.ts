/**
 * Vitest global setup: a folder for this test run's Neo4j server (tests/helpers/neo4j.ts starts it
 * when the first suite that needs it asks, so a run without such a suite starts no JVM), and at the
 * end of the run the server's shutdown.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where this run keeps its Neo4j server's files and leases, and the pid the server outlives not. */
    neo4jRun: { dir: string; pid: number };
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'kg-neo4j-run-'));
  project.provide('neo4jRun', { dir, pid: process.pid });
  return async () => {
    const pool = join(dir, 'pool.json');
    if (existsSync(pool)) {
      const { pid } = JSON.parse(readFileSync(pool, 'utf8')) as { pid: number };
      // its databases are thrown away with the folder: no clean shutdown is needed
      if (alive(pid)) process.kill(pid, 'SIGKILL');
      for (let waited = 0; alive(pid) && waited < 30_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
