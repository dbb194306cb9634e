#!/usr/bin/env node
/**
 * kg — the command line of the agreement knowledge graph.
 *   kg read <files or folders>   read PDFs and print kind, language, pages and characters
 *   kg start                     what `npm start` runs: read corpus/
 */
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { collectPdfFiles } from './collect-files.ts';
import { isIngestError } from './errors.ts';
import { readDocumentFile } from './read-document.ts';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

interface ReadSummary {
  read: number;
  failed: number;
}

async function readAndReport(paths: string[]): Promise<ReadSummary> {
  const files = collectPdfFiles(paths);
  if (files.length === 0) {
    console.error(`No PDF files found in ${paths.join(', ')}`);
    return { read: 0, failed: 0 };
  }
  const summary: ReadSummary = { read: 0, failed: 0 };
  const rows: Record<string, string | number>[] = [];
  for (const [index, file] of files.entries()) {
    const name = relative(process.cwd(), file) || file;
    process.stderr.write(`[${index + 1}/${files.length}] ${name}\n`);
    const started = performance.now();
    try {
      const doc = await readDocumentFile(file);
      summary.read++;
      rows.push({
        file: name,
        kind: doc.kind,
        language: doc.language,
        pages: doc.pages.length,
        characters: doc.text.length,
        ms: Math.round(performance.now() - started),
      });
    } catch (error) {
      if (!isIngestError(error)) throw error;
      summary.failed++;
      rows.push({ file: name, kind: `FAILED ${error.code}`, language: '', pages: '', characters: '', ms: error.reason });
    }
  }
  console.table(rows);
  console.log(`${summary.read} read, ${summary.failed} failed`);
  return summary;
}

const program = new Command()
  .name('kg')
  .description('Agreement knowledge graph: Norwegian regional growth agreements as a graph');

program
  .command('read')
  .description('read PDFs (files or folders) and print kind, language, pages and characters per document')
  .argument('<paths...>', 'PDF files or folders of PDFs')
  .action(async (paths: string[]) => {
    const { failed } = await readAndReport(paths);
    process.exitCode = failed > 0 ? 1 : 0;
  });

program
  .command('start')
  .description('read the corpus/ folder (what `npm start` runs)')
  .action(async () => {
    await readAndReport([join(projectRoot, 'corpus')]);
  });

await program.parseAsync();
