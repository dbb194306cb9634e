#!/usr/bin/env node
// The `kg` executable (package.json "bin"; `npm start` runs it too): the build in dist/, made by
// `npm install` and made again here when a source is newer, so an edit is never run stale.
// Without esbuild (an install without dev dependencies) the build is run as it is.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const stamp = join(root, 'dist', '.built');
const SOURCES = ['api', 'cli', 'domain', 'graph', 'ingest', 'pipeline', 'queries'];

function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'bundle' || entry.name === 'screenshots') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of SOURCES) walk(join(root, dir));
  return newest;
}

if (!existsSync(stamp) || statSync(stamp).mtimeMs < newestSource()) {
  const esbuild = await import('esbuild').catch(() => undefined);
  if (esbuild) await (await import('../build.mjs')).buildCli();
  else if (!existsSync(stamp)) {
    process.stderr.write('kg: no build in dist/ and no esbuild to make one: run `npm install`\n');
    process.exit(2);
  }
}
await import(join(root, 'dist', 'kg.js'));
