/** Shared access to corpus/ for the tests: the manifest, paths and poppler's tools. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const corpusDir = join(projectRoot, 'corpus');

export interface ManifestEntry {
  file: string;
  source: string;
  title: string;
  kind: string;
  language: 'nb' | 'nn';
  sha256: string;
  pages: number;
}

export const manifest: ManifestEntry[] = JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8'));

export function corpusPath(file: string): string {
  return join(corpusDir, file);
}

/** poppler-utils is installed by .ci/run; elsewhere the poppler checks say they were skipped. */
export const hasPoppler = spawnSync('pdfinfo', ['-v']).status === 0;

export function popplerPageCount(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

export function popplerPageSize(path: string): string {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? '';
}

export function popplerPageText(path: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), path, '-'], { encoding: 'utf8' });
}
