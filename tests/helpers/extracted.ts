/** Extraction results for the tests: the corpus PDFs, and a text rendered to PDF the way the corpus is. */
import { readFileSync } from 'node:fs';
import { renderPdf } from '../../corpus/build/pdf-layout.ts';
import { sourceToBlocks } from '../../corpus/build/source-blocks.ts';
import { extractDocument } from '../../ingest/extract/extract.ts';
import type { ExtractedDocument, Party } from '../../domain/records.ts';
import { readDocument, readDocumentFile, type ParsedDocument } from '../../ingest/read-document.ts';
import { corpusPath } from './corpus.ts';

export interface Extracted {
  doc: ParsedDocument;
  x: ExtractedDocument;
}

export async function extractCorpusFile(file: string): Promise<Extracted> {
  const doc = await readDocumentFile(corpusPath(file));
  return { doc, x: extractDocument(doc) };
}

/** Renders a plain-text agreement (one paragraph per line, empty lines between) to PDF the way the corpus is made. */
export async function renderTextToPdf(path: string, language: 'nb' | 'nn'): Promise<Buffer> {
  const blocks = sourceToBlocks(readFileSync(path, 'utf8'), { artefactLines: [], footnotes: [], emptyLineIsGap: true });
  return renderPdf(blocks, {
    title: 'Bygdevekstavtale',
    language,
    header: 'Bygdevekstavtale',
    footer: 'Side {page} av {pages}',
    created: new Date('2025-01-01T00:00:00Z'),
  });
}

/** Renders a plain-text agreement to PDF and extracts it. */
export async function extractRenderedText(path: string, file: string, language: 'nb' | 'nn'): Promise<Extracted> {
  const pdf = await renderTextToPdf(path, language);
  const doc = await readDocument(pdf, file);
  return { doc, x: extractDocument(doc) };
}

/** The party a golden file names: by canonical name, or by a name the document used for it. */
export function partyNamed(x: ExtractedDocument, name: string): Party {
  const party = x.parties.find((p) => p.name === name) ?? x.parties.find((p) => p.aliases.includes(name));
  if (!party) throw new Error(`no party named ${name} in ${x.document.file}; parties: ${x.parties.map((p) => p.name).join(', ')}`);
  return party;
}

export function ids(x: ExtractedDocument, names: string[]): string[] {
  return names.map((n) => partyNamed(x, n).id);
}

export function names(x: ExtractedDocument, partyIds: string[]): string[] {
  return partyIds.map((id) => x.parties.find((p) => p.id === id)?.name ?? id);
}

/** White space collapsed, for finding a quote in the page text. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
