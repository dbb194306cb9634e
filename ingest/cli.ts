#!/usr/bin/env node
/**
 * kg — the command line of the agreement knowledge graph.
 *   kg read <files or folders>              kind, language, pages and characters per PDF
 *   kg extract <files or folders> [--json]  what extraction finds: counts per document, or the whole record
 *   kg start                                what `npm start` runs: read corpus/
 */
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { collectPdfFiles } from './collect-files.ts';
import { isIngestError } from './errors.ts';
import { extractDocument, extractionCounts } from './extract/extract.ts';
import type { ExtractedDocument } from './extract/types.ts';
import { readDocumentFile, type ParsedDocument } from './read-document.ts';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

type Row = Record<string, string | number>;

/** Runs `work` on every PDF under `paths`, printing progress on stderr; a typed error fails that file only. */
async function eachPdf(paths: string[], work: (doc: ParsedDocument, name: string) => Row, failed: (name: string, code: string, reason: string) => Row) {
  const files = collectPdfFiles(paths);
  if (files.length === 0) console.error(`No PDF files found in ${paths.join(', ')}`);
  const rows: Row[] = [];
  let failures = 0;
  for (const [index, file] of files.entries()) {
    const name = relative(process.cwd(), file) || file;
    process.stderr.write(`[${index + 1}/${files.length}] ${name}\n`);
    try {
      rows.push(work(await readDocumentFile(file), name));
    } catch (error) {
      if (!isIngestError(error)) throw error;
      failures++;
      rows.push(failed(name, error.code, error.reason));
    }
  }
  return { rows, failures, files: files.length };
}

async function readAndReport(paths: string[]): Promise<number> {
  const { rows, failures, files } = await eachPdf(
    paths,
    (doc, file) => ({ file, kind: doc.kind, language: doc.language, pages: doc.pages.length, characters: doc.text.length }),
    (file, code, reason) => ({ file, kind: `FAILED ${code}`, language: '', pages: '', characters: reason }),
  );
  if (rows.length > 0) console.table(rows);
  console.log(`${files - failures} read, ${failures} failed`);
  return failures;
}

async function extractAndReport(paths: string[], json: boolean): Promise<number> {
  const records: ExtractedDocument[] = [];
  const { rows, failures } = await eachPdf(
    paths,
    (doc, file) => {
      const record = extractDocument(doc);
      records.push(record);
      return { file, kind: doc.kind, language: doc.language, ...extractionCounts(record) };
    },
    (file, code, reason) => ({ file, kind: `FAILED ${code}`, language: reason }),
  );
  if (json) console.log(JSON.stringify(records.length === 1 && failures === 0 ? records[0] : records, null, 2));
  else if (rows.length > 0) console.table(rows);
  return failures;
}

const program = new Command()
  .name('kg')
  .description('Agreement knowledge graph: Norwegian regional growth agreements as a graph');

program
  .command('read')
  .description('read PDFs (files or folders) and print kind, language, pages and characters per document')
  .argument('<paths...>', 'PDF files or folders of PDFs')
  .action(async (paths: string[]) => {
    process.exitCode = (await readAndReport(paths)) > 0 ? 1 : 0;
  });

program
  .command('extract')
  .description('extract parties, sub-goals, measures, obligations and plan anchors; print counts per document')
  .argument('<paths...>', 'PDF files or folders of PDFs')
  .option('--json', 'print the extracted records as JSON (one object for one file, an array otherwise)')
  .action(async (paths: string[], options: { json?: boolean }) => {
    process.exitCode = (await extractAndReport(paths, options.json === true)) > 0 ? 1 : 0;
  });

program
  .command('start')
  .description('read the corpus/ folder (what `npm start` runs)')
  .action(async () => {
    await readAndReport([join(projectRoot, 'corpus')]);
  });

await program.parseAsync();
