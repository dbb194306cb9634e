/**
 * Every citation checks out in an independent reader: each evidence quote of the corpus and of the
 * development set, read back by poppler's `pdftotext` from the page it cites (to `pageEnd` when it
 * runs over a page break), is there word for word once white space and line-end hyphens are folded.
 * pdftotext reads each page twice, in its reading order and in the PDF's own order (`-raw`), since
 * its reading order can run across table cells or break a justified column into pieces. Where
 * neither holds the quote whole, its words (a table row: each cell's) must stand on the cited
 * pages in order with few other words between them; how many quotes needed that is kept small.
 */
import { execFileSync } from 'node:child_process';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../domain/records.ts';
import { extractDocument } from '../ingest/extract/extract.ts';
import { readDocumentFile } from '../ingest/read-document.ts';
import { hasPoppler } from './helpers/corpus.ts';
import { evidenceIn, quotedPdfs } from './helpers/evidence.ts';

const files = quotedPdfs;


/** Letters and digits only, lower case: white space, line-end hyphens and table rules fold away. */
const fold = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/**
 * Do the quote's words stand in `page` in order, at most `gap` other words apart? A word may stand
 * in two pieces (broken by a line-end hyphen, even across a page's header and footer).
 */
function inOrder(quote: string[], page: string[], gap = 40): boolean {
  const next = (word: string, from: number): number => {
    for (let i = from; i < Math.min(page.length, from + gap + 1); i++) {
      const piece = page[i]!;
      if (piece === word) return i;
      if (piece.length >= 2 && word.startsWith(piece) && word.length > piece.length) {
        const rest = next(word.slice(piece.length), i + 1);
        if (rest >= 0) return rest;
      }
    }
    return -1;
  };
  for (let start = 0; start < page.length; start++) {
    let at = start;
    let ok = true;
    for (const [n, word] of quote.entries()) {
      const found = n === 0 ? (page[start] === word || word.startsWith(page[start]!) ? next(word, start) : -1) : next(word, at);
      if (found < 0) {
        ok = false;
        break;
      }
      at = found + 1;
    }
    if (ok) return true;
  }
  return false;
}

/** A table row is checked cell by cell: pdftotext may read a row's cells apart. */
function stands(quote: string, text: string): 'exactly' | 'in order' | undefined {
  if (fold(text).includes(fold(quote))) return 'exactly';
  const parts = quote.split(' | ');
  const pageWords = words(text);
  return parts.every((p) => fold(text).includes(fold(p)) || inOrder(words(p), pageWords)) ? 'in order' : undefined;
}

describe.skipIf(!hasPoppler)('evidence read back by pdftotext', () => {
  const looser: string[] = [];
  let checked = 0;

  it.each(files.map((f) => [basename(f), f]))('%s: every quote stands on the pages it cites', async (_name, file) => {
    const x: ExtractedDocument = extractDocument(await readDocumentFile(file));
    const texts = new Map<string, string>();
    const read = (from: number, to: number, mode: string[]) => {
      const key = `${from}-${to}-${mode.join()}`;
      if (!texts.has(key)) texts.set(key, execFileSync('pdftotext', [...mode, '-f', String(from), '-l', String(to), file, '-'], { encoding: 'utf8' }));
      return texts.get(key)!;
    };
    const modes = [[], ['-raw']];
    const evidence = evidenceIn([x.agreements, x.passages]);
    expect(evidence.length).toBeGreaterThan(5);
    const missing: string[] = [];
    for (const e of evidence) {
      checked++;
      const readings = modes.map((m) => stands(e.quote, read(e.page, e.pageEnd ?? e.page, m)));
      const how = readings.includes('exactly') ? 'exactly' : readings.find((r) => r !== undefined);
      if (how === 'in order') looser.push(`${basename(file)} p. ${e.page}: ${e.quote}`);
      if (!how) missing.push(`p. ${e.page}${e.pageEnd ? `–${e.pageEnd}` : ''}: ${e.quote}`);
    }
    expect(missing).toEqual([]);
  }, 60_000);

  it('needs the looser reading for few quotes (tables and justified columns that pdftotext reads across)', () => {
    console.log(`pdftotext: ${checked} quotes checked, ${checked - looser.length} whole, ${looser.length} word by word in order`);
    expect(checked).toBeGreaterThan(1000);
    expect(looser.length).toBeLessThan(checked * 0.05);
  });
});
