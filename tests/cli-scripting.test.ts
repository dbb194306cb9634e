/**
 * `kg` in scripts: the executable (package.json "bin"), --version, JSON only on stdout with --json,
 * the end of a pipe taken quietly, exit codes (0 ok, 1 some input failed, 2 usage or setting), and
 * `kg start` refusing a busy port or a bad setting before it ingests anything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, projectRoot } from './helpers/corpus.ts';

const bin = join(projectRoot, 'cli', 'bin', 'kg.mjs');
const dataDir = join(mkdtempSync(join(tmpdir(), 'kg-script-')), 'data');
const env = { ...process.env, KG_DATA_DIR: dataDir, NEO4J_URI: '' };
const kg = (args: string[], extra: Record<string, string> = {}) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...env, ...extra }, maxBuffer: 64 * 1024 * 1024 });

describe('the kg executable', { timeout: 180_000 }, () => {
  it('is the package bin, and says its version', () => {
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
    expect(pkg.bin.kg).toBe('cli/bin/kg.mjs');
    const run = kg(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('exits 2 on a usage error and says what is wrong', () => {
    for (const args of [['nonsense'], ['read'], ['stats', '--bogus'], ['export', '--format', 'csv'], ['cypher', 'RETURN 1', '--params', '[1]']]) {
      const run = kg(args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/^error: /m);
      expect(run.stdout, args.join(' ')).toBe('');
    }
  });

  it('exits 2 on a bad setting before any work', () => {
    const run = kg(['read', corpusPath('bygdevekstavtale-nord-troms.pdf')], { KG_MAX_UPLOAD_BYTES: 'lots' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('BAD_CONFIG: KG_MAX_UPLOAD_BYTES');
    expect(run.stderr).not.toContain('[1/1]');
  });

  it('prints only JSON with --json, as an array for one file as for many, and exits 1 when an input failed', () => {
    const one = kg(['read', corpusPath('bygdevekstavtale-nord-troms.pdf'), '--json']);
    expect(one.status).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual([{ file: expect.stringContaining('bygdevekstavtale-nord-troms.pdf'), status: 'read', kind: 'BYGDEVEKST_AGREEMENT', language: 'nb', pages: 6, characters: expect.any(Number) }]);
    expect(one.stderr).toContain('[1/1]');
    const two = kg(['read', corpusPath('bygdevekstavtale-nord-troms.pdf'), join(dataDir, 'missing.pdf'), '--json']);
    expect(two.status).toBe(1);
    expect(JSON.parse(two.stdout).map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual(['read', 'UNREADABLE_FILE']);
    const none = kg(['read', mkdtempSync(join(tmpdir(), 'kg-empty-')), '--json']);
    expect(none.status).toBe(1);
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it('ingests, removes and reports as JSON', () => {
    const ingest = kg(['ingest', corpusPath('bygdevekstavtale-smola-aure.pdf'), '--json']);
    expect(ingest.status, ingest.stderr).toBe(0);
    expect(JSON.parse(ingest.stdout)).toMatchObject([{ file: 'bygdevekstavtale-smola-aure.pdf', status: 'new' }]);
    const removed = kg(['remove', 'bygdevekstavtale-smola-aure.pdf', '--json']);
    expect(removed.status).toBe(0);
    expect(JSON.parse(removed.stdout)).toEqual({ removed: 'bygdevekstavtale-smola-aure.pdf' });
  });

  it('stops quietly when the reader of a pipe goes away', () => {
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" extract "${join(projectRoot, 'corpus')}" --json | head -c 20`], { encoding: 'utf8', timeout: 120_000, env });
    expect(run.stdout).toBe('[\n  {\n    "document"'.slice(0, 20));
    expect(run.stderr).not.toMatch(/EPIPE|Error:|at .*\(/);
  });
});

describe('kg start refuses early', { timeout: 180_000 }, () => {
  it('a busy port, before it opens the store or ingests a file', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    const fresh = join(mkdtempSync(join(tmpdir(), 'kg-busy-')), 'data');
    try {
      const started = performance.now();
      const run = spawnSync(process.execPath, [bin, 'start'], { encoding: 'utf8', timeout: 120_000, env: { ...env, KG_DATA_DIR: fresh, PORT: String(port) } });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`BAD_CONFIG: PORT: 127.0.0.1:${port} is in use`);
      expect(run.stdout).not.toContain('new');
      expect(existsSync(join(fresh, 'graph.grafeo'))).toBe(false);
      // no ingest (19 s for the corpus): what is left is loading the program
      expect(performance.now() - started).toBeLessThan(60_000);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('a bad log level, naming it and the levels there are', () => {
    const fresh = join(mkdtempSync(join(tmpdir(), 'kg-level-')), 'data');
    const run = spawnSync(process.execPath, [bin, 'start'], { encoding: 'utf8', timeout: 120_000, env: { ...env, KG_DATA_DIR: fresh, LOG_LEVEL: 'verbose' } });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('error: BAD_CONFIG: LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent');
    expect(existsSync(join(fresh, 'graph.grafeo'))).toBe(false);
  });
});
