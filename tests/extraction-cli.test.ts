/** `kg extract`: the whole record as JSON for one file, counts per document for a folder, typed errors for bad files. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../domain/records.ts';
import { corpusPath } from './helpers/corpus.ts';

const cli = new URL('../cli/kg.ts', import.meta.url).pathname;
const kg = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('kg extract', () => {
  it('prints the extracted documents as a JSON array (one entry for one file too), and nothing else on stdout', () => {
    const run = kg('extract', corpusPath('bygdevekstavtale-vest-telemark.pdf'), '--json');
    expect(run.status).toBe(0);
    const records = JSON.parse(run.stdout) as ExtractedDocument[];
    expect(records).toHaveLength(1);
    const record = records[0]!;
    expect(record.document).toMatchObject({ file: 'bygdevekstavtale-vest-telemark.pdf', kind: 'BYGDEVEKST_AGREEMENT', language: 'nn', pages: 7 });
    expect(record.agreements.map((a) => a.id)).toEqual(['agreement:bygdevekst-vest-telemark']);
    expect(record.agreements[0]!.subGoals.map((s) => s.number)).toEqual(['1', '2', '3']);
  });

  it('summarises a folder per document and reports a bad file by its typed error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-extract-'));
    copyFileSync(corpusPath('tromsvekstavtale-nord-troms-2025-2028.pdf'), join(dir, 'a-tromsvekst.pdf'));
    writeFileSync(join(dir, 'b-tekst.pdf'), 'ikkje ein pdf');
    const run = kg('extract', dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/a-tromsvekst\.pdf.*TROMSVEKST_AGREEMENT.*'nb'\s*│\s*1\s*│\s*2\s*│/);
    expect(run.stdout).toMatch(/b-tekst\.pdf.*FAILED NOT_PDF/);
  });
});
