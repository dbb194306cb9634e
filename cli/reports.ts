/**
 * What `kg read`, `kg extract` and `kg ingest` print: a progress line or bar per file on stderr,
 * and a table or (with --json) JSON on stdout: an array with one entry per file, however many.
 */
import { basename, relative } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { GraphStore } from '../graph/store.ts';
import { isIngestError } from '../domain/ingest-errors.ts';
import { extractDocument, extractionCounts } from '../ingest/extract/extract.ts';
import type { ExtractedDocument } from '../domain/records.ts';
import { readDocumentFile, type ParsedDocument } from '../ingest/read-document.ts';
import { describe, ingestFiles, summarise, warningLines, type FileResult } from '../pipeline/ingest-files.ts';
import { collectPdfFiles } from './collect-files.ts';

type Row = Record<string, string | number>;

/** Runs `work` on every PDF under `paths`, printing progress on stderr; a typed error fails that file only. */
async function eachPdf(paths: string[], work: (doc: ParsedDocument, name: string) => Row, failed: (name: string, code: string, reason: string) => Row) {
  const files = collectPdfFiles(paths);
  const rows: Row[] = [];
  // nothing to read counts as a failed input
  let failures = 0;
  if (files.length === 0) {
    console.error(`No PDF files found in ${paths.join(', ')}`);
    failures = 1;
  }
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

/** `kg read`: kind, language, pages and characters per PDF; returns the number of files that failed. */
export async function readAndReport(paths: string[], json = false): Promise<number> {
  const { rows, failures, files } = await eachPdf(
    paths,
    (doc, file) => (json ? { file, status: 'read', kind: doc.kind, language: doc.language, pages: doc.pages.length, characters: doc.text.length } : { file, kind: doc.kind, language: doc.language, pages: doc.pages.length, characters: doc.text.length }),
    (file, code, reason) => (json ? { file, status: 'failed', code, reason } : { file, kind: `FAILED ${code}`, language: '', pages: '', characters: reason }),
  );
  if (json) {
    console.log(JSON.stringify(rows, null, 2));
    return failures;
  }
  if (rows.length > 0) console.table(rows);
  console.log(`${files - Math.min(failures, files)} read, ${Math.min(failures, files)} failed`);
  return failures;
}

/**
 * `kg extract`: counts per document, or with --json an array of the extracted records (a file
 * that failed is `{ file, status: "failed", code, reason }` in its place); returns the number of files that failed.
 */
export async function extractAndReport(paths: string[], json: boolean): Promise<number> {
  const records: ExtractedDocument[] = [];
  const entries: unknown[] = [];
  const { rows, failures } = await eachPdf(
    paths,
    (doc, file) => {
      const record = extractDocument(doc);
      records.push(record);
      entries.push(record);
      return { file, kind: doc.kind, language: doc.language, ...extractionCounts(record), warnings: record.warnings.length };
    },
    (file, code, reason) => {
      entries.push({ file, status: 'failed', code, reason });
      return { file, kind: `FAILED ${code}`, language: reason };
    },
  );
  if (json) console.log(JSON.stringify(entries, null, 2));
  else if (rows.length > 0) console.table(rows);
  // the quality report goes to stderr, so that --json stays clean
  for (const x of records) for (const w of x.warnings) console.error(`${x.document.file}: warning: ${w}`);
  return failures;
}

/** Ingests files with a progress bar on a terminal (a line per file otherwise) and prints the per-file summary. */
export async function ingestAndReport(store: GraphStore, files: string[], json = false, jobs = 1): Promise<FileResult[]> {
  const bar = process.stderr.isTTY ? new SingleBar({ format: 'ingest [{bar}] {value}/{total} {file}', stream: process.stderr, hideCursor: true }) : undefined;
  bar?.start(files.length, 0, { file: '' });
  const results = await ingestFiles(store, files, (result, index) => {
    if (bar) bar.update(index + 1, { file: basename(result.file) });
    else process.stderr.write(`[${index + 1}/${files.length}] ${describe(result)}\n`);
  }, { jobs });
  bar?.stop();
  for (const line of warningLines(results)) console.error(line);
  if (json) {
    console.log(JSON.stringify(results.map((r) => ({ ...r, file: basename(r.file) }))));
    return results;
  }
  console.table(
    results.map((r) =>
      r.status === 'failed' ? { file: basename(r.file), status: `failed ${r.code}`, detail: r.reason } : { file: basename(r.file), status: r.status, detail: `${r.ms} ms` },
    ),
  );
  console.log(summarise(results));
  return results;
}
