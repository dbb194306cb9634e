/**
 * The word lists' answers kept on disk: the same parts and forms with the file as without it,
 * read back by the next run, and a file made under other dictionaries or lexicons ignored.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compoundParts } from '../domain/compounds.ts';
import { bokmaalFormOf } from '../domain/nynorsk-forms.ts';
import { keepWordFormsIn, rememberedForm, saveWordForms } from '../domain/word-form-cache.ts';

const dir = mkdtempSync(join(tmpdir(), 'kg-word-forms-'));
const file = join(dir, 'cache', 'word-forms.json');
const WORDS = ['boligbygging', 'næringshagen', 'utleigebustader', 'kompetansehuber', 'arbeidsmarkedsregion'];

afterAll(() => keepWordFormsIn(join(dir, 'unused.json')));

describe('the word-form cache', () => {
  it('gives the same parts and forms as the word lists, and writes them for the next run', () => {
    const computed = WORDS.map((w) => [compoundParts(w), bokmaalFormOf(w)]);
    keepWordFormsIn(file);
    expect(WORDS.map((w) => [compoundParts(w), bokmaalFormOf(w)])).toEqual(computed);
    saveWordForms();
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { fingerprint: string; tables: Record<string, Record<string, unknown>> };
    expect(saved.tables.compoundParts?.boligbygging).toEqual(compoundParts('boligbygging'));
    expect(saved.tables.bokmaalForm?.utleigebustader).toBe(bokmaalFormOf('utleigebustader'));
  });

  it('answers from the file in a later run without computing again', () => {
    keepWordFormsIn(file);
    let computed = 0;
    const parts = rememberedForm('compoundParts', 'boligbygging', () => {
      computed++;
      return ['not', 'used'];
    });
    expect(computed).toBe(0);
    expect(parts).toEqual(compoundParts('boligbygging'));
  });

  it('ignores a file written under other dictionaries or lexicons', () => {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { fingerprint: string; tables: Record<string, Record<string, unknown>> };
    writeFileSync(file, JSON.stringify({ ...saved, fingerprint: 'another', tables: { compoundParts: { boligbygging: ['stale'] } } }));
    keepWordFormsIn(file);
    expect(compoundParts('boligbygging')).not.toEqual(['stale']);
  });

  it('survives a file that is not JSON', () => {
    writeFileSync(file, '{ torn');
    keepWordFormsIn(file);
    expect(compoundParts('boligbygging').length).toBeGreaterThan(1);
  });
});
