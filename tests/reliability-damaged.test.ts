/**
 * A damaged file never passes for a sound one: a PDF whose text pdf.js could read only in part
 * is DAMAGED_PDF, naming the file and the pages; one it read whole after mending its structure
 * goes in with a warning in its quality report; sound PDFs of three generators carry no such
 * warning. And an agreement whose pilot the document does not name is that document's own, so
 * two such never merge into one.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isIngestError } from '../domain/ingest-errors.ts';
import { exportGraph, serialise } from '../graph/export.ts';
import { listDocuments } from '../graph/held-documents.ts';
import { removeDocument } from '../graph/documents.ts';
import { extractDocument } from '../ingest/extract/extract.ts';
import { readDocument } from '../ingest/read-document.ts';
import { ingestBytes } from '../pipeline/ingest-bytes.ts';
import { corpusPath, manifest, projectRoot } from './helpers/corpus.ts';
import { generateDamagedPdfs, type DamagedPdf } from './helpers/damaged-pdfs.ts';
import { renderTextToPdf } from './helpers/extracted.ts';
import { temporaryStore } from './helpers/store.ts';

const DAMAGE_WARNING = /^the PDF is damaged and was read with repairs: /;
/** Five of each kind of damage. */
const COUNT = 75;

interface Outcome {
  file: DamagedPdf;
  code?: string;
  reason?: string;
  sameText?: boolean;
  warnings?: string[];
}

describe('damaged PDFs', () => {
  let outcomes: Outcome[];
  beforeAll(async () => {
    const sourceText = new Map<string, string>();
    for (const m of manifest) sourceText.set(m.file, (await readDocument(readFileSync(corpusPath(m.file)), m.file)).text);
    outcomes = [];
    for (const file of await generateDamagedPdfs(COUNT)) {
      try {
        const doc = await readDocument(file.bytes, file.name);
        outcomes.push({ file, sameText: doc.text === sourceText.get(file.source), warnings: extractDocument(doc).warnings });
      } catch (error) {
        if (!isIngestError(error)) throw error;
        outcomes.push({ file, code: error.code, reason: error.reason });
      }
    }
  }, 240_000);

  it('none goes in with part of its text and no warning: a text unlike its source is refused or flagged', () => {
    const unflagged = outcomes.filter((o) => o.sameText === false && !o.warnings!.some((w) => DAMAGE_WARNING.test(w)));
    expect(unflagged.map((o) => o.file.name)).toEqual([]);
    const tally = (filter: (o: Outcome) => boolean) => outcomes.filter(filter).length;
    console.log(
      `${COUNT} damaged PDFs: ${tally((o) => o.code === 'DAMAGED_PDF' && /text is missing or garbled/.test(o.reason!))} refused for lost text, ` +
        `${tally((o) => o.code !== undefined)} refused in all, ${tally((o) => o.warnings?.some((w) => DAMAGE_WARNING.test(w)) === true)} read with a repair warning, ` +
        `${tally((o) => o.code === undefined && o.sameText === true && !o.warnings!.some((w) => DAMAGE_WARNING.test(w)))} read whole without one`,
    );
  });

  it('a file whose text came out in part is DAMAGED_PDF, naming the pages and what pdf.js met', () => {
    const lost = outcomes.filter((o) => o.code === 'DAMAGED_PDF' && /text is missing or garbled/.test(o.reason!));
    // bytes flipped inside a content stream, a stream cut short, fonts gone: each loses text
    for (const kind of ['flipped-stream', 'cut-stream', 'font-missing'] as const) expect(lost.some((o) => o.file.kind === kind), kind).toBe(true);
    for (const o of lost) expect(o.reason).toMatch(/^the PDF is damaged: text is missing or garbled (on pages? [\d, ]+|in the document) \(pdf\.js: .+\)$/);
  });

  it('a file read whole after its structure was mended goes in with a warning that says what was mended', () => {
    const mended = outcomes.filter((o) => o.file.kind === 'broken-xref' && o.code === undefined);
    expect(mended.length).toBeGreaterThan(0);
    for (const o of mended) {
      expect(o.sameText).toBe(true);
      expect(o.warnings).toContainEqual(expect.stringMatching(/read with repairs: its cross-reference table is damaged and was rebuilt; check that its text is complete$/));
    }
    // an intact copy is no damaged file
    for (const o of outcomes.filter((x) => x.file.kind === 'intact')) expect(o.warnings).toEqual([]);
  });

  it('sound PDFs of three generators (pdfkit, LibreOffice, Chromium) are read without a repair', async () => {
    const dirs = [join(projectRoot, 'corpus'), join(projectRoot, 'tests/fixtures/second-generator'), join(projectRoot, 'tests/golden/dev-set/pdf')];
    const { readdirSync } = await import('node:fs');
    let read = 0;
    for (const dir of dirs) {
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.pdf'))) {
        expect((await readDocument(readFileSync(join(dir, name)), name)).repairs, name).toBeUndefined();
        read++;
      }
    }
    expect(read).toBeGreaterThan(30);
  }, 120_000);

  it('ingesting one whose text was lost changes nothing in the store, and says why', async () => {
    const lost = outcomes.find((o) => o.code === 'DAMAGED_PDF' && /text is missing or garbled/.test(o.reason!))!;
    const store = await temporaryStore();
    try {
      await ingestBytes(store, readFileSync(corpusPath('bygdevekstavtale-nord-troms.pdf')), 'bygdevekstavtale-nord-troms.pdf');
      const before = serialise(await exportGraph(store), 'json');
      await expect(ingestBytes(store, lost.file.bytes, lost.file.name)).rejects.toMatchObject({ code: 'DAMAGED_PDF', file: lost.file.name, reason: lost.reason });
      expect(serialise(await exportGraph(store), 'json')).toBe(before);
    } finally {
      await store.close();
    }
  });
});

describe('an agreement whose pilot the document does not name', () => {
  /** The generalisation agreement with its pilot's name taken out, for other municipalities. */
  async function unnamedAgreement(municipalities: [string, string, string]): Promise<Buffer> {
    let text = readFileSync(join(projectRoot, 'tests/golden/generalisation/bygdevekstavtale-fjellbygd.txt'), 'utf8');
    const before = text;
    // no name of a region, and the municipalities never listed as "kommunane A, B og C", which would name the pilot
    text = text.replaceAll('Nord-Gudbrandsdal', 'regionen').replace(/(kommunane) (?=\p{Lu})/giu, '$1 her, ').replaceAll('Lesja', municipalities[0]).replaceAll('Dovre', municipalities[1]).replaceAll('Skjåk', municipalities[2]);
    if (text === before) throw new Error('the source no longer names Nord-Gudbrandsdal');
    const dir = mkdtempSync(join(tmpdir(), 'kg-unnamed-'));
    writeFileSync(join(dir, 'avtale.txt'), text);
    return renderTextToPdf(join(dir, 'avtale.txt'), 'nn');
  }

  it('is kept apart under its own document: two such are two agreements and two pilots, each removable alone', async () => {
    const a = await unnamedAgreement(['Lesja', 'Dovre', 'Skjåk']);
    const b = await unnamedAgreement(['Vang', 'Vestre Slidre', 'Øystre Slidre']);
    const store = await temporaryStore();
    try {
      const first = await ingestBytes(store, a, 'avtale-utan-namn.pdf');
      const second = await ingestBytes(store, b, 'anna-avtale.pdf');
      expect(first.agreements).toEqual(['agreement:bygdevekst-ukjent@avtale-utan-namn']);
      expect(second.agreements).toEqual(['agreement:bygdevekst-ukjent@anna-avtale']);
      expect(first.warnings).toContain("the pilot's name was not found, so the agreement is kept apart from every other as agreement:bygdevekst-ukjent@avtale-utan-namn");
      const agreements = await store.readOnly('MATCH (a:Agreement)-[:FOR_PILOT]->(p:Pilot) RETURN a.id AS agreement, p.id AS pilot ORDER BY agreement');
      expect(agreements).toEqual([
        { agreement: 'agreement:bygdevekst-ukjent@anna-avtale', pilot: 'pilot:ukjent@anna-avtale' },
        { agreement: 'agreement:bygdevekst-ukjent@avtale-utan-namn', pilot: 'pilot:ukjent@avtale-utan-namn' },
      ]);
      const municipalities = await store.readOnly(
        'MATCH (a:Agreement {id: $id})-[:FOR_PILOT]->(:Pilot)-[:INCLUDES]->(m:Party) RETURN m.name AS name ORDER BY name',
        { id: 'agreement:bygdevekst-ukjent@anna-avtale' },
      );
      expect(municipalities.map((r) => r.name)).toEqual(['Vang kommune', 'Vestre Slidre kommune', 'Øystre Slidre kommune']);
      // one goes, the other stays whole
      await removeDocument(store, 'avtale-utan-namn.pdf');
      expect((await listDocuments(store)).map((d) => d.file)).toEqual(['anna-avtale.pdf']);
      expect(await store.readOnly('MATCH (a:Agreement) RETURN a.id AS id')).toEqual([{ id: 'agreement:bygdevekst-ukjent@anna-avtale' }]);
    } finally {
      await store.close();
    }
  }, 60_000);
});
