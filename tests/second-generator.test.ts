/**
 * The text layer on PDFs made by another generator: LibreOffice Writer, two columns,
 * justified text, soft hyphens broken at line ends, a running header and a "Side N av M"
 * footer (tests/fixtures/second-generator/build.sh rebuilds it); and the corpus evaluation
 * report laid out in two columns the same way (build-report-two-columns.ts rebuilds it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import specs from '../corpus/build/documents.json' with { type: 'json' };
import { sourceToBlocks } from '../corpus/build/source-blocks.ts';
import { readDocumentFile, type ParsedDocument } from '../ingest/read-document.ts';
import { corpusPath, projectRoot } from './helpers/corpus.ts';
import { wordF1 } from './helpers/word-f1.ts';

let doc: ParsedDocument;

beforeAll(async () => {
  doc = await readDocumentFile(join(projectRoot, 'tests/fixtures/second-generator/agreement-two-columns.pdf'));
});

describe('a two-column PDF from LibreOffice', () => {
  it('is read as a nynorsk bygdevekst agreement of two pages', () => {
    expect(doc.pages.length).toBe(2);
    expect(doc.language).toBe('nn');
    expect(doc.kind).toBe('BYGDEVEKST_AGREEMENT');
  });

  it('reads the left column before the right one', () => {
    const text = doc.pages[0]!.text;
    const order = ['1. Bakgrunn', 'Målet med bygdevekstavtalar', '• Fyresdal kommune', 'Husbanken skal støtte', '2. Delmål', 'Statsforvaltaren i Vestfold og Telemark'];
    const positions = order.map((s) => text.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('joins soft-hyphen breaks, keeps real hyphens and folds justified spacing', () => {
    for (const phrase of ['kompetent arbeidskraft', 'i avtalekommunane', 'Distriktssenteret skal støtte', 'prosjektleiarnettverk', 'kommunane i Nord-Troms', 'Kommunal- og distriktsdepartementet', 'Møre og Romsdal fylkeskommune', 'Universitetet i Søraust-Noreg']) {
      expect(doc.text, phrase).toContain(phrase);
    }
    expect(doc.text).not.toMatch(/ {2,}|\u00AD/);
  });

  it('drops the running header and the page footer', () => {
    for (const page of doc.pages) {
      expect(page.text).not.toContain('utkast frå LibreOffice');
      expect(page.text).not.toMatch(/Side \d+ av \d+/);
    }
  });

  it('takes neither column for a table', () => {
    expect(doc.pages.flatMap((page) => page.blocks).filter((block) => block.kind === 'row')).toEqual([]);
  });
});

describe('the evaluation report set in two columns by LibreOffice', () => {
  const spec = specs.documents.find((d) => d.source === 'midtveisrapport-bygdevekstavtaler-sintef.txt')!;
  let report: ParsedDocument;

  beforeAll(async () => {
    report = await readDocumentFile(join(projectRoot, 'tests/fixtures/second-generator/report-two-columns.pdf'));
  });

  it('reads column by column: word F1 of the page text against the source ≥ 0.95', () => {
    const blocks = sourceToBlocks(readFileSync(corpusPath(spec.source), 'utf8'), {
      artefactLines: spec.artefactLines.map((re) => new RegExp(re)),
      footnotes: spec.footnotes.map((re) => new RegExp(re)),
    });
    const reference = blocks.map((b) => (b.kind === 'item' ? `${b.label} ${b.text}` : b.text)).join('\n');
    expect(report.kind).toBe('EVALUATION_REPORT');
    expect(wordF1(reference, report.text)).toBeGreaterThanOrEqual(0.95);
  });

  it('gives the five pilot summaries their headings, in order', () => {
    const headings = report.pages.flatMap((page) => page.blocks).filter((b) => b.kind === 'heading' && /^1\.3\.\d Pilot /.test(b.text));
    expect(headings.map((h) => h.text)).toEqual([
      '1.3.1 Pilot Midt-Finnmark: kommunene Gamvik, Lebesby, Porsanger og Nordkapp',
      '1.3.2 Pilot Vestre Varanger: kommunene Berlevåg, Båtsfjord, Nesseby og Tana',
      '1.3.3 Pilot Hjerteregionen: kommunene Hasvik, Måsøy og Hammerfest',
      '1.3.4 Pilot Indre-Namdal: kommunene Grong, Lierne, Namsskogan og Røyrvik',
      '1.3.5 Pilot Midt: kommunene Rindal og Holtålen',
    ]);
    const offsets = headings.map((h) => report.text.indexOf(h.text));
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
  });

  it('joins words broken at the foot of a column, and drops the running header and footer', () => {
    // both halves of these words stand in different columns of the PDF
    for (const phrase of ['avtaler som distriktspolitisk virkemiddel', 'tre hovedtyper av kontrakter', 'prosessen med utvikling av virkemidlet']) {
      expect(report.text, phrase).toContain(phrase);
    }
    for (const page of report.pages) {
      expect(page.text).not.toContain(spec.header);
      expect(page.text).not.toContain('Prosjektnummer');
    }
    expect(report.pages.flatMap((page) => page.blocks).filter((block) => block.kind === 'row')).toEqual([]);
  });
});
