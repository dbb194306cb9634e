/**
 * Tables in the text layer: rows read cell by cell from the positions of text items, in the dev
 * set's PDFs from three generators (expected cells come from the sources' pipe tables) and on
 * PDFs drawn here; rows carried over a page break; and what is not a table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildUnits } from '../ingest/extract/units.ts';
import type { TextItem } from '../ingest/pdf/load-pdf.ts';
import { readDocument, readDocumentFile, type PageBlock, type ParsedDocument } from '../ingest/read-document.ts';
import { Vocabulary } from '../ingest/text/dehyphenate.ts';
import { reflow } from '../ingest/text/paragraphs.ts';
import { pageLines } from '../ingest/text/reading-order.ts';
import { corpusPath, manifest, projectRoot } from './helpers/corpus.ts';
import { pdfkitPdf } from './helpers/damaged-pdfs.ts';

const DEV_SET = join(projectRoot, 'tests/golden/dev-set');
const GENERATORS = ['pdfkit', 'libreoffice', 'chromium'] as const;

interface SourceTable {
  header: string[];
  rows: string[][];
}

/** The pipe tables of a dev-set source, cells as printed (bold marks dropped). */
function sourceTables(name: string): SourceTable[] {
  const lines = readFileSync(join(DEV_SET, 'sources', `${name}.md`), 'utf8').split('\n');
  const tables: SourceTable[] = [];
  let current: string[][] | undefined;
  for (const line of lines) {
    if (!line.startsWith('|')) {
      current = undefined;
      continue;
    }
    if (/^\|[-| ]+\|$/.test(line)) continue;
    const cells = line.slice(1, -1).split('|').map((c) => c.replace(/\*\*/g, '').trim());
    if (!current) {
      current = [];
      tables.push({ header: cells, rows: [] });
    }
    current.push(cells);
    if (current.length > 1) tables[tables.length - 1]!.rows.push(cells);
  }
  return tables;
}

const documents = new Map<string, ParsedDocument>();
const devDocument = (name: string, generator: string) => documents.get(`${name}.${generator}`)!;
const DEV_NAMES = [
  'dev-2-bygdevekstavtale-ytre-sogn',
  'dev-3-tromsvekstavtale-midt-troms',
  'dev-4-bygdevekstavtale-indre-sogn',
  'dev-5-bygdevekstavtale-numedal',
  'dev-1-bygdevekstavtale-helgelandskysten',
  'dev-6-bygdevekstavtale-setesdal',
];

beforeAll(async () => {
  for (const name of DEV_NAMES) {
    for (const generator of GENERATORS) {
      documents.set(`${name}.${generator}`, await readDocumentFile(join(DEV_SET, 'pdf', `${name}.${generator}.pdf`)));
    }
  }
});

function rowsOf(doc: ParsedDocument): (PageBlock & { page: number })[] {
  return doc.pages.flatMap((page) => page.blocks.filter((b) => b.kind === 'row').map((b) => ({ ...b, page: page.number })));
}

/** The document's rows are the source table's: a header (repeated after a page break or not) and the body rows in order. */
function expectTable(doc: ParsedDocument, table: SourceTable): void {
  const rows = rowsOf(doc);
  expect(rows[0]?.header).toBe(true);
  for (const row of rows.filter((r) => r.header)) expect(row.cells).toEqual(table.header);
  const body = rows.filter((r) => !r.header);
  expect(body.map((r) => r.cells)).toEqual(table.rows);
  for (const row of body) expect(row.columns).toEqual(table.header);
  for (const row of rows) {
    expect(row.text).toBe(row.cells!.join(' | '));
    const page = doc.pages.find((p) => p.number === row.page)!;
    expect(page.text.slice(row.start, row.end)).toBe(row.text);
  }
}

describe.each(GENERATORS)('tables of the dev set, %s', (generator) => {
  it('reads the table of sub-goals (Delmål | Skildring | Samarbeidspartnarar | Kan inviterast) cell by cell, over a page break', () => {
    const name = 'dev-4-bygdevekstavtale-indre-sogn';
    expectTable(devDocument(name, generator), sourceTables(name)[0]!);
  });

  it('reads a table in one column of a two-column page (Delmål | Strategier | Samarbeidsparter)', () => {
    const name = 'dev-3-tromsvekstavtale-midt-troms';
    expectTable(devDocument(name, generator), sourceTables(name)[0]!);
  });

  it('reads the signatures tables of two and three columns', () => {
    for (const name of ['dev-2-bygdevekstavtale-ytre-sogn', 'dev-5-bygdevekstavtale-numedal']) expectTable(devDocument(name, generator), sourceTables(name)[0]!);
  });

  it('makes each row one unit, never joined to its neighbours, with the same cells', () => {
    for (const name of ['dev-2-bygdevekstavtale-ytre-sogn', 'dev-3-tromsvekstavtale-midt-troms', 'dev-4-bygdevekstavtale-indre-sogn', 'dev-5-bygdevekstavtale-numedal']) {
      const doc = devDocument(name, generator);
      const units = buildUnits(doc).filter((u) => u.kind === 'row');
      const rows = rowsOf(doc);
      expect(units.map((u) => [u.page, u.text, u.cells, u.header, u.columns]), name).toEqual(rows.map((r) => [r.page, r.text, r.cells, r.header, r.columns]));
    }
  });

  it('finds no table where there is none (lists, two columns of running text)', () => {
    for (const name of ['dev-1-bygdevekstavtale-helgelandskysten', 'dev-6-bygdevekstavtale-setesdal']) expect(rowsOf(devDocument(name, generator)), name).toEqual([]);
  });

  it('decides the body size for the whole document: the paragraphs after a table in small type stay paragraphs', () => {
    const doc = devDocument('dev-4-bygdevekstavtale-indre-sogn', generator);
    const blocks = doc.pages.flatMap((p) => p.blocks);
    for (const start of ['Avtala gjeld frå signeringsdato', 'Innsats som påverkar arealbruken', 'For Aurland kommune: Kari Vassbotn, ordførar']) {
      expect(blocks.find((b) => b.text.startsWith(start))?.kind, start).toBe('paragraph');
    }
    expect(blocks.find((b) => b.text.startsWith('For Aurland kommune'))!.text).toBe('For Aurland kommune: Kari Vassbotn, ordførar');
  });

  it('keeps a heading that wraps onto a second line one heading', () => {
    const doc = devDocument('dev-2-bygdevekstavtale-ytre-sogn', generator);
    const headings = doc.pages.flatMap((p) => p.blocks).filter((b) => b.kind === 'heading' && b.text.startsWith('6.3'));
    expect(headings.map((h) => h.text)).toEqual([
      '6.3 Delmål 3 – Betre samband, digital infrastruktur og tenester som gjer det mogleg å bu, arbeide og drive næring i heile regionen, også på øyane',
    ]);
  });
});

describe('the corpus', () => {
  it('has no tables', async () => {
    for (const entry of manifest) expect(rowsOf(await readDocumentFile(corpusPath(entry.file))), entry.file).toEqual([]);
  });
});

/** A PDF with a table drawn cell by cell: header on page 1, rows over the page break as given. */
async function tablePdf(pages: string[][][], options: { repeatHeader: boolean }): Promise<Buffer> {
  const header = ['Delmål', 'Samarbeidspartnarar', 'Kan inviterast'];
  const xs = [72, 212, 372];
  const widths = [130, 150, 150];
  return pdfkitPdf((doc) => {
    const paragraph = (text: string, y: number) => doc.font('Helvetica').fontSize(10.5).text(text, 64, y, { width: 460 });
    const row = (cells: string[], y: number, bold: boolean) => {
      let bottom = y;
      cells.forEach((cell, i) => {
        doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9.5).text(cell, xs[i]!, y, { width: widths[i]! });
        bottom = Math.max(bottom, doc.y);
      });
      doc.rect(68, y - 4, 460, bottom - y + 8).stroke();
      return bottom + 12;
    };
    pages.forEach((rows, p) => {
      if (p > 0) doc.addPage();
      let y = 90;
      if (p === 0) {
        paragraph('Tabellen viser delmåla og kven som er samarbeidspartnarar for kvart av dei.', 70);
        y = 110;
      }
      if (p === 0 || options.repeatHeader) y = row(header, y, true);
      for (const cells of rows) y = row(cells, y, false);
      if (p === pages.length - 1) paragraph('Partane skal følgje opp delmåla i den årlege handlingsplanen.', y + 14);
    });
  });
}

describe('a table over a page break', () => {
  const rows = [
    ['1. Fleire utleigebustader og betre bruk av bustadmassen', 'avtalekommunane, fylkeskommunen, Husbanken', 'Distriktssenteret, lokale bankar'],
    ['2. Rekruttering og kompetanse i helse og oppvekst', 'avtalekommunane, Høgskulen på Vestlandet', 'KS, Helsedirektoratet'],
    ['3. Berekraftig reiseliv og verdiskaping frå fjord og fjell', 'avtalekommunane, Innovasjon Noreg', 'Miljødirektoratet'],
    ['4. Grøn omstilling i kraft- og industrisamfunna', 'avtalekommunane, Enova', 'Siva, industribedrifter i regionen'],
  ];
  const header = ['Delmål', 'Samarbeidspartnarar', 'Kan inviterast'];

  it.each([1, 2])('keeps the columns of the table it continues when the header is not repeated (%i rows after the break)', async (after) => {
    const split = rows.length - after;
    const doc = await readDocument(await tablePdf([rows.slice(0, split), rows.slice(split)], { repeatHeader: false }), 'tabell.pdf');
    const found = rowsOf(doc);
    expect(found.map((r) => [r.page, r.header ?? false, r.cells, r.columns])).toEqual([
      [1, true, header, undefined],
      ...rows.map((cells, i) => [i < split ? 1 : 2, false, cells, header]),
    ]);
  });

  it('keeps a repeated header a header', async () => {
    const doc = await readDocument(await tablePdf([rows.slice(0, 2), rows.slice(2)], { repeatHeader: true }), 'tabell.pdf');
    const found = rowsOf(doc);
    expect(found.map((r) => [r.page, r.header ?? false, r.cells])).toEqual([
      [1, true, header],
      [1, false, rows[0]],
      [1, false, rows[1]],
      [2, true, header],
      [2, false, rows[2]],
      [2, false, rows[3]],
    ]);
    expect(doc.pages[1]!.blocks.at(-1)!.kind).toBe('paragraph');
  });
});

describe('what is not a table', () => {
  const item = (text: string, x: number, y: number, width = text.length * 5): TextItem => ({ text, x, y, width, fontSize: 10, fontName: 'f1', bold: false });
  const blocksOf = (items: TextItem[]) => reflow(pageLines({ number: 1, width: 595, height: 842, items }), Vocabulary.fromLines([]), 'nb');

  it('a numbered list with its labels in a column of their own', () => {
    const items = ['Aurland kommune', 'Lærdal kommune', 'Årdal kommune', 'Luster kommune'].flatMap((t, i) => [item(`${i + 1}.`, 70, 700 - i * 20, 10), item(t, 100, 700 - i * 20)]);
    expect(blocksOf(items).map((b) => [b.kind, b.text])).toEqual([
      ['item', '1. Aurland kommune'],
      ['item', '2. Lærdal kommune'],
      ['item', '3. Årdal kommune'],
      ['item', '4. Luster kommune'],
    ]);
  });

  it('two columns of running text whose lines happen to share baselines', () => {
    const left = ['Kommunane skal prioritere innsatsen', 'mellom delmåla og lage ein årleg', 'handlingsplan saman med partnarane.'];
    const right = ['Fylkeskommunen skal sjå avtala i', 'samanheng med eigne planar og', 'budsjett for heile perioden.'];
    const items = [...left.map((t, i) => item(t, 70, 700 - i * 14, 220)), ...right.map((t, i) => item(t, 310, 700 - i * 14, 220))];
    expect(blocksOf(items).map((b) => b.kind)).not.toContain('row');
  });
});
