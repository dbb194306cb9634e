/** Expands command-line arguments (files or folders) into the PDF files to read. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function collectPdfFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isFolder = false;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      files.push(path); // reported as unreadable when it is read
      continue;
    }
    if (!isFolder) {
      files.push(path);
      continue;
    }
    for (const name of readdirSync(path).sort()) {
      if (name.toLowerCase().endsWith('.pdf')) files.push(join(path, name));
    }
  }
  return files;
}
