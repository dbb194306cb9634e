/**
 * Where the project's own files are (the GraphQL schema, worker scripts, the explorer's sources,
 * corpus/): found from the project's root, so that the same code finds them whether it runs from
 * its TypeScript sources or from the build in dist/.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function rootOf(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}: the project's files cannot be found`);
  }
}

export const PROJECT_ROOT = rootOf(dirname(fileURLToPath(import.meta.url)));

export function projectPath(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}

/** Is this code running from the build (dist/), not from its sources? */
export const RUNNING_BUILT = fileURLToPath(import.meta.url).startsWith(projectPath('dist'));
