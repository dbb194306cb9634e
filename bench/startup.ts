/**
 * What a user waits for at the command line, as wall time from process start: `kg --help`,
 * `kg stats` on a full store, `kg ingest corpus/` into an empty one, and `npm start` until
 * `/health` answers 200 on a fresh and on a full store. Beside them, in the same run, the peers the
 * limits are judged against: `node -e 1` and `pdftotext` over the same corpus files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { round, summarise, type Summary } from './stats.ts';

export interface StartupCommand {
  name: string;
  /** The limit from process start, in seconds. */
  limitS: number;
  wallMs: Summary;
  /** Median wall time over `node -e 1`'s, and over pdftotext's on the corpus. */
  ratioToNode: number;
  ratioToPdftotext: number | undefined;
  met: boolean;
}

export interface StartupResult {
  peers: { nodeMs: Summary; pdftotextCorpusMs: Summary | undefined };
  commands: StartupCommand[];
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const kgBin = (root: string) => join(root, 'cli/bin/kg.mjs');

function timeOnce(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): number {
  const t = performance.now();
  const result = spawnSync(command, args, { env, cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}: ${result.stderr.slice(-500)}`);
  return ms;
}

/** `npm start` with its own store and port; ms from spawn to the first 200 from /health; then stopped. */
async function timeStart(root: string, dataDir: string): Promise<number> {
  const port = await freePort();
  const t = performance.now();
  const child = spawn('npm', ['start', '--silent'], { cwd: root, env: { ...process.env, KG_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: 'ignore', detached: true });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode} before /health answered`);
      if (performance.now() - t > 120_000) throw new Error('npm start: no healthy /health within 120 s');
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return performance.now() - t;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    // npm, its shell and the server are one process group
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // gone already
    }
    await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
  }
}

export async function startup(root: string, corpusFiles: string[], runs: number, log: (m: string) => void): Promise<StartupResult> {
  const env = (dataDir: string) => ({ ...process.env, KG_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const scratch = mkdtempSync(join(tmpdir(), 'kg-bench-startup-'));
  try {
    const full = join(scratch, 'full');
    // the first run builds dist/ when a source is newer: not a user's start
    timeOnce(process.execPath, [kgBin(root), 'ingest', 'corpus', '--json'], env(full), root);

    const node = summarise(Array.from({ length: runs }, () => timeOnce(process.execPath, ['-e', '1'], process.env, root)));
    const hasPdftotext = spawnSync('sh', ['-c', 'command -v pdftotext'], { stdio: 'ignore' }).status === 0;
    const pdftotext = hasPdftotext
      ? summarise(Array.from({ length: runs }, () => corpusFiles.reduce((ms, file) => ms + timeOnce('pdftotext', ['-layout', file, '/dev/null'], process.env, root), 0)))
      : undefined;

    const measure = async (name: string, limitS: number, once: (i: number) => number | Promise<number>): Promise<StartupCommand> => {
      log(`  ${name}`);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await once(i));
      const wallMs = summarise(times);
      return {
        name,
        limitS,
        wallMs,
        ratioToNode: round(wallMs.median / node.median, 1),
        ratioToPdftotext: pdftotext ? round(wallMs.median / pdftotext.median, 1) : undefined,
        met: wallMs.median <= limitS * 1000,
      };
    };
    const fresh = (i: number, what: string) => join(scratch, `${what}-${i}`);
    const commands = [
      await measure('kg --help', 0.3, () => timeOnce(process.execPath, [kgBin(root), '--help'], env(full), root)),
      await measure('kg stats (full store)', 0.5, () => timeOnce(process.execPath, [kgBin(root), 'stats', '--json'], env(full), root)),
      await measure('kg ingest corpus/ (empty store)', 2, (i) => timeOnce(process.execPath, [kgBin(root), 'ingest', 'corpus', '--json'], env(fresh(i, 'ingest')), root)),
      await measure('npm start to a healthy /health (fresh store)', 3, (i) => timeStart(root, fresh(i, 'start'))),
      await measure('npm start to a healthy /health (full store)', 1, (i) => {
        const copy = fresh(i, 'full-start');
        cpSync(full, copy, { recursive: true });
        return timeStart(root, copy);
      }),
    ];
    return { peers: { nodeMs: node, pdftotextCorpusMs: pdftotext }, commands };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
