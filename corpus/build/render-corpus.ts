/**
 * Builds corpus/: renders each source text (by default the `.txt` kept beside each PDF in
 * corpus/, so a clone has all it needs) to an A4 PDF, copies a source from elsewhere beside it
 * and writes corpus/manifest.json (file, title, kind, language, sha256, pages). Run with
 * `npm run corpus:build [-- --source DIR]`.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { renderPdf } from './pdf-layout.ts';
import { sourceToBlocks } from './source-blocks.ts';

interface DocumentSpec {
  source: string;
  title: string;
  kind: string;
  language: 'nb' | 'nn';
  header: string;
  footer: string;
  artefactLines: string[];
  footnotes: string[];
  emptyLineIsGap?: boolean;
}

const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = resolve(here, '..');
const specs = JSON.parse(readFileSync(join(here, 'documents.json'), 'utf8')) as { created: string; documents: DocumentSpec[] };

const program = new Command()
  .option('--source <dir>', 'folder of the source texts', corpusDir)
  .parse();
const sourceDir: string = program.opts().source;

const manifest = [];
for (const spec of specs.documents) {
  const sourcePath = join(sourceDir, spec.source);
  const blocks = sourceToBlocks(readFileSync(sourcePath, 'utf8'), {
    artefactLines: spec.artefactLines.map((re) => new RegExp(re)),
    footnotes: spec.footnotes.map((re) => new RegExp(re)),
    emptyLineIsGap: spec.emptyLineIsGap ?? false,
  });
  const pdf = await renderPdf(blocks, {
    title: spec.title,
    language: spec.language,
    header: spec.header,
    footer: spec.footer,
    created: new Date(specs.created),
  });
  const file = spec.source.replace(/\.txt$/, '.pdf');
  writeFileSync(join(corpusDir, file), pdf);
  if (resolve(sourcePath) !== resolve(corpusDir, basename(spec.source))) copyFileSync(sourcePath, join(corpusDir, basename(spec.source)));
  const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  manifest.push({
    file,
    source: spec.source,
    title: spec.title,
    kind: spec.kind,
    language: spec.language,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    pages,
  });
  console.log(`${file}: ${pages} pages, ${blocks.length} blocks`);
}
writeFileSync(join(corpusDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
