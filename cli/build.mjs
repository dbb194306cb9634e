// Builds what `npm start` and `kg` run: the command line (cli/kg.ts) and the extraction pool's
// worker as JavaScript in dist/, one bundle of the project's own modules with the packages left
// to node_modules, split so that a command loads only what it uses. Run by `npm install`
// (prepare) and again by cli/bin/kg.mjs whenever a source is newer than the build.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildCli() {
  await build({
    absWorkingDir: root,
    entryPoints: { kg: 'cli/kg.ts', 'extract-worker': 'pipeline/extract-worker.ts' },
    outdir: 'dist',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  writeFileSync(join(root, 'dist', '.built'), `${new Date().toISOString()}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
