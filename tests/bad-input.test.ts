/**
 * Bad input gives a typed error naming the file and the reason; a batch goes on with the
 * other files; nothing hangs.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestError, type IngestErrorCode } from '../domain/ingest-errors.ts';
import { readDocument, readDocumentFile } from '../ingest/read-document.ts';
import { corpusPath, projectRoot } from './helpers/corpus.ts';
import { pdfkitPdf } from './helpers/damaged-pdfs.ts';

async function expectIngestError(bytes: Uint8Array, file: string, code: IngestErrorCode): Promise<IngestError> {
  const error = await readDocument(bytes, file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IngestError);
  const ingestError = error as IngestError;
  expect(ingestError.code).toBe(code);
  expect(ingestError.file).toBe(file);
  expect(ingestError.message).toContain(file);
  expect(ingestError.reason.length).toBeGreaterThan(10);
  return ingestError;
}

const agreement = readFileSync(corpusPath('bygdevekstavtale-nord-troms.pdf'));

describe('bad input', () => {
  it('rejects a file that is not a PDF', async () => {
    const error = await expectIngestError(Buffer.from('Dette er ikkje ein PDF.\n'), 'notat.pdf', 'NOT_PDF');
    expect(error.reason).toMatch(/not a PDF/);
  });

  it('rejects an empty file', async () => {
    await expectIngestError(new Uint8Array(0), 'tom.pdf', 'EMPTY_FILE');
  });

  it('rejects a truncated PDF', async () => {
    await expectIngestError(agreement.subarray(0, Math.floor(agreement.length / 3)), 'avkorta.pdf', 'DAMAGED_PDF');
  });

  it('rejects an encrypted PDF', async () => {
    const bytes = await pdfkitPdf((doc) => doc.text('Hemmeleg avtale'), { userPassword: 'hemmeleg', pdfVersion: '1.7' });
    const error = await expectIngestError(bytes, 'kryptert.pdf', 'ENCRYPTED_PDF');
    expect(error.reason).toMatch(/password/);
  });

  it('rejects a PDF without a text layer (a scanned page)', async () => {
    const bytes = await pdfkitPdf((doc) => {
      for (let y = 80; y < 760; y += 14) doc.rect(70, y, 300 + (y % 150), 8).fill('#333333');
    });
    const error = await expectIngestError(bytes, 'skanna.pdf', 'NO_TEXT_LAYER');
    expect(error.reason).toMatch(/no text layer/);
  });

  it('names a file that cannot be read at all', async () => {
    const error = await readDocumentFile(join(tmpdir(), 'finst-ikkje.pdf')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).code).toBe('UNREADABLE_FILE');
    expect((error as IngestError).file).toBe('finst-ikkje.pdf');
  });

  it('reads a PDF with embedded JavaScript as text only, never running it', async () => {
    const marker = `kg_js_ran_${Date.now()}`;
    const bytes = await pdfkitPdf((doc) => {
      doc.text('Avtale med innebygd skript. Kommunane skal ikkje køyre det.');
      // an OpenAction that would set a global if anything evaluated it
      const js = doc.ref({ S: 'JavaScript', JS: new String(`globalThis.${marker} = true; app.alert("x");`) });
      (doc as unknown as { _root: { data: Record<string, unknown> } })._root.data.OpenAction = js;
      js.end(undefined);
    });
    const doc = await readDocument(bytes, 'skript.pdf');
    expect(doc.pages[0]!.text).toContain('Avtale med innebygd skript.');
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });

  it('reports bad files in a batch and still reads the good ones (kg read)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-batch-'));
    mkdirSync(join(dir, 'inn'));
    copyFileSync(corpusPath('bygdevekstavtale-vest-telemark.pdf'), join(dir, 'inn', 'a-god.pdf'));
    writeFileSync(join(dir, 'inn', 'b-tom.pdf'), '');
    writeFileSync(join(dir, 'inn', 'c-tekst.pdf'), 'ikkje ein pdf');
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'cli/kg.ts'), 'read', join(dir, 'inn')], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1); // some files failed
    expect(run.stdout).toMatch(/a-god\.pdf.*BYGDEVEKST_AGREEMENT.*nn/);
    expect(run.stdout).toMatch(/b-tom\.pdf.*FAILED EMPTY_FILE/);
    expect(run.stdout).toMatch(/c-tekst\.pdf.*FAILED NOT_PDF/);
    expect(run.stdout).toContain('1 read, 2 failed');
  });
});
