/**
 * The way back from a damaged embedded store: a write-ahead log with one flipped byte makes the
 * store refuse to open with STORE_DAMAGED, whose message names `kg repair`; `kg repair` keeps the
 * damaged files aside (byte for byte) and rebuilds the graph from the corpus and the uploads the
 * server kept, so the same documents come back; a sound store it leaves alone.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { freePort } from './helpers/ports.ts';
import { projectRoot } from './helpers/corpus.ts';

const cli = join(projectRoot, 'cli/kg.ts');
const TOKEN = 'repair-test-token';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


function kg(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, KG_DATA_DIR: dataDir, NEO4J_URI: '', LOG_LEVEL: 'silent' },
    maxBuffer: 64 * 1024 * 1024,
  });
}

const documentIds = (dataDir: string) => {
  const run = kg(dataDir, 'cypher', 'MATCH (d:Document) RETURN d.id AS id ORDER BY id');
  expect(run.status, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { id: string }[]).map((r) => r.id);
};

it('a flipped byte in the log: STORE_DAMAGED naming kg repair; kg repair keeps the damaged store and brings the same documents back', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'kg-repair-')), 'data');
  const port = await freePort();
  // the server ingests the corpus and keeps an upload, and is then killed, so its log is left as it was
  const server = spawn(process.execPath, ['--import', 'tsx', cli, 'start'], {
    cwd: projectRoot,
    env: { ...process.env, KG_DATA_DIR: dataDir, NEO4J_URI: '', PORT: String(port), KG_INGEST_TOKEN: TOKEN, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  server.stdout.on('data', (c: Buffer) => (out += c));
  server.stderr.on('data', (c: Buffer) => (out += c));
  let before: string[];
  try {
    const deadline = Date.now() + 120_000;
    while (!out.includes('GraphQL (with GraphiQL) on') && Date.now() < deadline && server.exitCode === null) await sleep(50);
    expect(out).toContain('GraphQL (with GraphiQL) on');
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: 'mutation($file: File!) { ingestDocument(file: $file) { status } }', variables: { file: null } }));
    form.append('map', JSON.stringify({ 0: ['variables.file'] }));
    const pdf = readFileSync(join(projectRoot, 'tests/golden/dev-set/pdf/dev-1-bygdevekstavtale-helgelandskysten.pdfkit.pdf'));
    form.append('0', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'ny-avtale.pdf');
    const upload = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'x-graphql-yoga-csrf': '1', authorization: `Bearer ${TOKEN}` }, body: form });
    expect(await upload.json()).toEqual({ data: { ingestDocument: { status: 'NEW' } } });
    const listed = (await (await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ documents(limit: 100) { totalCount items { id } } }' }) })).json()) as {
      data: { documents: { totalCount: number; items: { id: string }[] } };
    };
    before = listed.data.documents.items.map((d) => d.id).sort();
    expect(before).toHaveLength(6);
    expect(listed.data.documents.totalCount).toBe(6);
  } finally {
    server.kill('SIGKILL');
    await new Promise((resolve) => (server.exitCode !== null || server.signalCode !== null ? resolve(undefined) : server.once('exit', resolve)));
  }

  const store = join(dataDir, 'graph.grafeo');
  const segments = existsSync(`${store}.wal`) ? readdirSync(`${store}.wal`).filter((f) => f.endsWith('.log')).sort() : [];
  expect(segments.length, 'the killed server left its write-ahead log').toBeGreaterThan(0);
  const segment = join(`${store}.wal`, segments[0]!);
  const log = readFileSync(segment);
  const at = Math.floor(log.length / 2);
  log[at] = log[at]! ^ 0x01;
  writeFileSync(segment, log);

  const refused = kg(dataDir, 'stats');
  expect(refused.status).toBe(2);
  expect(refused.stderr).toMatch(/^error: STORE_DAMAGED: .*graph\.grafeo: the embedded store is damaged \(.*GRAFEO-S00\d.*\); run `kg repair` \(npm run kg -- repair\)/m);
  expect(refused.stderr).not.toMatch(/^\s+at /m);

  const repaired = kg(dataDir, 'repair');
  expect(repaired.status, repaired.stderr).toBe(0);
  const kept = /kept the damaged store as (\S+?graph\.grafeo\.damaged-\S+?)(?: |;)/.exec(repaired.stdout)?.[1];
  expect(kept, repaired.stdout).toBeDefined();
  expect(repaired.stdout).toMatch(/rebuilt .*graph\.grafeo from .*corpus, .*uploads: 6 documents/);
  // nothing deleted: the damaged log is kept as it was, flipped byte and all
  expect(readFileSync(join(`${kept}`.concat('.wal'), segments[0]!)).equals(log)).toBe(true);
  expect(existsSync(kept!)).toBe(true);
  expect(documentIds(dataDir)).toEqual(before!);

  // a sound store is left alone
  const again = kg(dataDir, 'repair');
  expect(again.status).toBe(0);
  expect(again.stdout).toContain('the store opens and reads; nothing to repair');
  expect(readdirSync(dataDir).filter((f) => f.includes('.damaged-'))).toHaveLength(2); // the one store file and its log
}, 300_000);
