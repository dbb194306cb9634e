/**
 * An uploaded file put in place as one step that can be taken back: written and synced under a
 * temporary name in the folder it goes to, then renamed over the final name (a rename within one
 * folder is atomic), with the file it replaces kept aside until the caller says the whole upload
 * held. Temporary names start with a dot, which no document name does (pipeline/document-name.ts).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export class StagedFile {
  private placed = false;
  /** Where the file was placed, and where the file it replaced was put aside. */
  private target: string | undefined;
  private aside: string | undefined;

  private constructor(
    private readonly dir: string,
    private readonly temporary: string,
  ) {}

  /** Writes and syncs `bytes` under a temporary name in `dir`; on failure nothing is left. */
  static async write(dir: string, bytes: Uint8Array): Promise<StagedFile> {
    await mkdir(dir, { recursive: true });
    const temporary = join(dir, `.upload-${randomUUID()}`);
    try {
      const handle = await open(temporary, 'wx', 0o644);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return new StagedFile(dir, temporary);
  }

  /** Moves the file to `name` in its folder; a file already there is kept aside until `commit` or `undo`. */
  async place(name: string): Promise<void> {
    const target = join(this.dir, name);
    if (existsSync(target)) {
      const aside = join(this.dir, `.previous-${randomUUID()}`);
      await rename(target, aside);
      this.aside = aside;
    }
    try {
      await rename(this.temporary, target);
    } catch (error) {
      if (this.aside) await rename(this.aside, target);
      this.aside = undefined;
      throw error;
    }
    this.placed = true;
    this.target = target;
    await syncFolder(this.dir);
  }

  /** The upload held: the replaced file is dropped. */
  async commit(): Promise<void> {
    if (this.aside) await rm(this.aside, { force: true });
    this.aside = undefined;
  }

  /** The upload failed: the folder is as it was before `write`. */
  async undo(): Promise<void> {
    if (this.placed && this.target) {
      if (this.aside) await rename(this.aside, this.target);
      else await rm(this.target, { force: true });
    }
    await rm(this.temporary, { force: true });
    this.placed = false;
    this.aside = undefined;
  }
}

/** A rename is durable once its folder is synced. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
