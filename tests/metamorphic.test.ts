/**
 * Metamorphic tests: every corpus agreement, rewritten in the forms other authors use and set by
 * another generator, yields the same facts as the original PDF (tests/helpers/metamorphic.ts).
 */
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../ingest/extract/extract.ts';
import { readDocument } from '../ingest/read-document.ts';
import { manifest } from './helpers/corpus.ts';
import { extractCorpusFile } from './helpers/extracted.ts';
import { corpusMarkdown, facts, renderMarkdown, REWRITES } from './helpers/metamorphic.ts';

const agreements = manifest.filter((m) => m.kind !== 'EVALUATION_REPORT');

describe.each(agreements)('$file rewritten', (entry) => {
  const original = corpusMarkdown(entry.source);
  const variants = Object.entries(REWRITES)
    .map(([name, rewrite]) => ({ name, text: rewrite(original, entry.language) }))
    // a rewrite that finds nothing to rewrite in this document is no test of it
    .filter((v, i) => i === 0 || v.text !== original);

  it('has rewrites that change the text', () => {
    expect(variants.length).toBeGreaterThanOrEqual(4);
  });

  it.each(variants)('$name: the same facts as the original', async ({ name, text }) => {
    const expected = facts((await extractCorpusFile(entry.file)).x);
    const pdf = await renderMarkdown(`${entry.file}-${name}`, text);
    const rewritten = extractDocument(await readDocument(pdf, entry.file));
    expect(facts(rewritten)).toEqual(expected);
    expect(rewritten.warnings).toEqual([]);
  }, 30_000);
});
