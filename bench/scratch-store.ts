/** An embedded store in a fresh temporary folder for one bench run, and its removal afterwards. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EmbeddedStore } from '../graph/embedded-store.ts';
import { EMBEDDED_FILE } from '../cli/config.ts';

export async function openScratchStore(): Promise<EmbeddedStore> {
  const store = EmbeddedStore.open(join(mkdtempSync(join(tmpdir(), 'kg-bench-')), EMBEDDED_FILE));
  await store.ensureSchema();
  return store;
}

/** Closes the store and deletes its folder (up to a few hundred MB at 5,000 documents). */
export async function removeScratchStore(store: EmbeddedStore): Promise<void> {
  await store.close();
  rmSync(dirname(store.location), { recursive: true, force: true });
}
