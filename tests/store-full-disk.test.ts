/**
 * A full disk, for real: the data folder on a small tmpfs. `kg start` names ENOSPC (not only the
 * broken transaction Grafeo reports after it), and on SIGTERM with the disk full the store's
 * failure to close is said in one line, with its cause, and no unhandled rejection; what was
 * committed before is still there once the disk has room again.
 *
 * Mounting a tmpfs needs root: elsewhere these tests are skipped, and say so.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/corpus.ts';

const cli = join(projectRoot, 'cli/kg.ts');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const env = (dataDir: string, more: Record<string, string> = {}) => ({ ...process.env, KG_DATA_DIR: dataDir, NEO4J_URI: '', LOG_LEVEL: 'silent', ...more });

const mounted: string[] = [];
/** A tmpfs of `size` (mount's units: 200k, 16m), or undefined when it cannot be mounted. */
function smallDisk(size: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'kg-full-'));
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status !== 0) return undefined;
  mounted.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of mounted.splice(0)) {
    // a process just killed may hold its files for a moment
    for (let tries = 0; tries < 50 && spawnSync('umount', [dir]).status !== 0; tries++) await sleep(100);
  }
});

const probe = process.getuid?.() === 0 ? smallDisk('64k') : undefined;
const reason = process.getuid?.() !== 0 ? 'not running as root' : 'mount -t tmpfs failed';
if (!probe) console.log(`store-full-disk: skipped (${reason}): a full disk is made with a small tmpfs, which needs root`);
for (const dir of mounted.splice(0)) spawnSync('umount', [dir]);

describe.skipIf(!probe)('a full disk', () => {
  it('kg start names ENOSPC and exits with status 2, in one line without a stack trace', () => {
    const dataDir = smallDisk('200k')!;
    const run = spawnSync(process.execPath, ['--import', 'tsx', cli, 'start', '--no-serve'], { cwd: projectRoot, encoding: 'utf8', env: env(dataDir) });
    expect(run.status).toBe(2);
    const error = run.stderr.split('\n').find((l) => l.startsWith('error: '));
    expect(error).toMatch(/^error: QUERY_FAILED: .*No space left on device \(os error 28\).*ENOSPC\)$/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }, 120_000);

  it('SIGTERM on a full disk: the failed close is one line naming ENOSPC, no unhandled rejection; the committed documents survive', async () => {
    const dataDir = smallDisk('24m')!;
    const probePort = createServer();
    await new Promise<void>((resolve) => probePort.listen(0, '127.0.0.1', resolve));
    const port = (probePort.address() as AddressInfo).port;
    await new Promise((resolve) => probePort.close(resolve));
    const server = spawn(process.execPath, ['--import', 'tsx', cli, 'start'], { cwd: projectRoot, env: env(dataDir, { PORT: String(port), LOG_LEVEL: 'info' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    server.stdout.on('data', (c: Buffer) => (out += c));
    server.stderr.on('data', (c: Buffer) => (out += c));
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    const filler = join(dataDir, 'filler');
    try {
      const deadline = Date.now() + 240_000;
      while (!out.includes('GraphQL (with GraphiQL) on') && Date.now() < deadline && server.exitCode === null) await sleep(50);
      expect(out).toContain('GraphQL (with GraphiQL) on');
      // the disk fills up while the server runs
      const free = statfsSync(dataDir).bavail * statfsSync(dataDir).bsize;
      try {
        writeFileSync(filler, Buffer.alloc(free));
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      }
      expect(statfsSync(dataDir).bavail).toBe(0);
      server.kill('SIGTERM');
      expect(await exited).toBe(1);
    } finally {
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    // the server logs JSON lines: the failure is one of them, naming the cause; nothing else is printed
    const lines = out.split('\n').filter((l) => l.trim() !== '');
    const notJson = lines.filter((l) => {
      try {
        JSON.parse(l);
        return false;
      } catch {
        return true;
      }
    });
    expect(notJson).toEqual([]);
    const failure = lines.map((l) => JSON.parse(l) as { msg?: string }).find((l) => l.msg?.startsWith('the store could not be closed: '));
    expect(failure?.msg).toMatch(/No space left on device|ENOSPC/);
    expect(failure?.msg).toMatch(/ENOSPC\)$/);
    expect(out).not.toMatch(/Unhandled/);

    rmSync(filler);
    const stats = spawnSync(process.execPath, ['--import', 'tsx', cli, 'stats', '--json'], { cwd: projectRoot, encoding: 'utf8', env: env(dataDir) });
    expect(stats.status, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout).documents).toBe(5);
  }, 360_000);
});
