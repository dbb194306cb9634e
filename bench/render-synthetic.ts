/**
 * Renders the first `count` synthetic agreements into the cache, in a process of its own: the
 * scaling run measures its peak memory, which rendering thousands of PDFs in the same process
 * would raise (`tsx bench/render-synthetic.ts <count> <cacheDir>`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SyntheticCorpus } from './synthetic.ts';

const root = join(fileURLToPath(import.meta.url), '../..');

/** The paths of synthetic agreements 0 … count-1, rendering the missing ones in a child process first. */
export async function syntheticFiles(synthetic: SyntheticCorpus, count: number, cacheDir: string, log: (m: string) => void): Promise<string[]> {
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !existsSync(synthetic.path(i, cacheDir))).length;
  if (missing > 0) {
    log(`  rendering ${missing} synthetic agreements in a process of their own`);
    const child = spawnSync(join(root, 'node_modules/.bin/tsx'), [fileURLToPath(import.meta.url), String(count), cacheDir], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error(`rendering the synthetic agreements failed (exit ${child.status ?? child.signal})`);
  }
  return Promise.all(Array.from({ length: count }, (_, i) => synthetic.pdf(i, cacheDir)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [count, cacheDir] = [Number(process.argv[2]), process.argv[3]!];
  const synthetic = await SyntheticCorpus.load(root);
  for (let i = 0; i < count; i++) {
    await synthetic.pdf(i, cacheDir);
    if (i % 250 === 249) console.log(`  rendered ${i + 1} of ${count}`);
  }
}
