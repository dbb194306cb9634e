/**
 * The viewer marks each quote where pdf.js puts its words: `matchQuote` over the text items that
 * pdfjs-dist (the same build the viewer loads) gives for the cited page(s), for every evidence quote
 * of the corpus and of the development set.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldedWords, matchQuote, type TextItemLike } from '../api/explorer/src/quote-match.ts';
import { extractDocument } from '../ingest/extract/extract.ts';
import { readDocumentFile } from '../ingest/read-document.ts';
import { evidenceIn, quotedPdfs } from './helpers/evidence.ts';

const files = quotedPdfs;


async function pageItems(path: string): Promise<TextItemLike[][]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(path)), isEvalSupported: false, verbosity: 0 }).promise;
  const pages: TextItemLike[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.flatMap((i) => ('str' in i ? [{ str: i.str, hasEOL: i.hasEOL }] : [])));
  }
  await doc.destroy();
  return pages;
}

/** The marked text, folded, in order. */
const markedText = (pages: TextItemLike[][], marks: ReturnType<typeof matchQuote>['marks']) => marks.map((m) => pages[m.page]![m.item]!.str.slice(m.start, m.end)).join('');
const fold = (s: string) => foldedWords(s).join('');

describe('marking a quote in the text layer', () => {
  const items = (...lines: string[]): TextItemLike[] => lines.map((str) => ({ str, hasEOL: true }));

  it('finds a quote across line breaks and a line-end hyphen, and marks only its words', () => {
    const page = items('Husbanken skal støtte kommunene med bolig-', 'tematikk og bidra i handlingsplan-', 'arbeidet. Neste setning.');
    const match = matchQuote([page], 'støtte kommunene med boligtematikk og bidra i handlingsplanarbeidet.');
    expect(match).toMatchObject({ whole: true, coverage: 1 });
    expect(match.marks).toEqual([
      { page: 0, item: 0, start: 15, end: 41 },
      { page: 0, item: 1, start: 0, end: 33 },
      { page: 0, item: 2, start: 0, end: 8 },
    ]);
  });

  it('finds a quote over a page break with a running footer and header between', () => {
    const one = items('Første side.', 'Partene skal gjennom avtalen bidra til å nå', 'Side 2 av 6');
    const two = items('Bygdevekstavtale for Nord-Troms', 'pilotenes mål om bosetting.');
    const match = matchQuote([one, two], 'Partene skal gjennom avtalen bidra til å nå pilotenes mål om bosetting.');
    expect(match.whole).toBe(false);
    expect(match.coverage).toBe(1);
    expect(match.marks.map((m) => [m.page, m.item])).toEqual([[0, 1], [1, 1]]);
  });

  it('marks nothing for a quote that is not there, and not the short words it shares with the page', () => {
    const page = items('Avtalen skal gjelde fra den er formelt godkjent og frem til 2028.');
    expect(matchQuote([page], 'Tromsø og Narvik er ikke nevnt i denne avtalen om fiskeri')).toMatchObject({ marks: [], whole: false });
    expect(matchQuote([page], '')).toEqual({ marks: [], coverage: 0, whole: false });
  });

  it('marks every quote of the corpus and the development set where pdf.js has it, almost all in one piece', async () => {
    let quotes = 0;
    let whole = 0;
    const weak: string[] = [];
    for (const path of files) {
      const pages = await pageItems(path);
      const record = extractDocument(await readDocumentFile(path));
      const seen = new Set<string>();
      for (const e of evidenceIn(record)) {
        const key = `${e.page}\u0000${e.pageEnd ?? ''}\u0000${e.quote}`;
        if (seen.has(key) || !fold(e.quote)) continue;
        seen.add(key);
        quotes++;
        const cited = pages.slice(e.page - 1, e.pageEnd ?? e.page);
        const match = matchQuote(cited, e.quote);
        if (match.whole) {
          whole++;
          // exactly the quote's letters are marked
          expect(fold(markedText(cited, match.marks)), `${basename(path)} p. ${e.page}`).toBe(fold(e.quote));
        } else if (match.coverage < 0.85) weak.push(`${basename(path)} p. ${e.page} (${match.coverage.toFixed(2)}): ${e.quote.slice(0, 80)}`);
      }
    }
    expect(quotes).toBeGreaterThan(2000);
    expect(weak).toEqual([]);
    expect(whole / quotes).toBeGreaterThan(0.97);
  }, 180_000);
});
