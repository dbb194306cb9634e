/**
 * The text layer on a PDF made by another generator: LibreOffice Writer, two columns,
 * justified text, soft hyphens broken at line ends, a running header and a "Side N av M"
 * footer (tests/fixtures/second-generator/build.sh rebuilds it).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocumentFile, type ParsedDocument } from '../ingest/read-document.ts';
import { projectRoot } from './helpers/corpus.ts';

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
});
