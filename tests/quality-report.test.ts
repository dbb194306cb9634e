/**
 * The quality report: a document the product did not understand never looks like one that says
 * nothing. Nothing is flagged on the corpus; a deliberately mangled agreement is flagged for each
 * part it lacks, through extraction, `kg extract` and the stored document.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../domain/records.ts';
import { ingestBytes } from '../pipeline/ingest-bytes.ts';
import { extractDocument } from '../ingest/extract/extract.ts';
import { readDocument } from '../ingest/read-document.ts';
import { projectRoot } from './helpers/corpus.ts';
import { renderTextToPdf } from './helpers/extracted.ts';
import { extractCorpus, temporaryStore } from './helpers/store.ts';

const source = join(projectRoot, 'tests/golden/generalisation/bygdevekstavtale-fjellbygd.txt');

/** The agreement with its main-party list, the partners of delmål 2 and its validity sentence taken out. */
function mangled(): string {
  let text = readFileSync(source, 'utf8');
  const cut = (pattern: RegExp) => {
    const before = text;
    text = text.replace(pattern, '');
    if (text === before) throw new Error(`the source no longer holds ${pattern}`);
  };
  cut(/^• .*kommune\n|^• Innlandet fylkeskommune\n|^• Kommunal- og distriktsdepartementet er koordinerande.*\n/gmu);
  cut(/Samarbeidspartar under dette delmålet omfattar avtalekommunane, Nav, Høgskulen på Vestlandet og Innlandet fylkeskommune\. /u);
  cut(/Avtala skal gjelde frå ho er formelt godkjent .*? 2028\. /u);
  return text;
}

let corpus: ExtractedDocument[];
let broken: ExtractedDocument;
let brokenPdf: Buffer;

beforeAll(async () => {
  corpus = await extractCorpus();
  const dir = mkdtempSync(join(tmpdir(), 'kg-quality-'));
  writeFileSync(join(dir, 'mangled.txt'), mangled());
  brokenPdf = await renderTextToPdf(join(dir, 'mangled.txt'), 'nn');
  broken = extractDocument(await readDocument(brokenPdf, 'bygdevekstavtale-mangla.pdf'));
}, 60_000);

describe('the quality report', () => {
  it('flags nothing on the corpus', () => {
    expect(corpus.map((x) => [x.document.file, x.warnings])).toEqual(corpus.map((x) => [x.document.file, []]));
  });

  it('names each part a mangled agreement lacks', () => {
    expect(broken.warnings).toEqual(
      expect.arrayContaining([
        'no main parties were found',
        'no municipalities of the pilot were found, so "avtalekommunene" cannot be resolved',
        'no validity (from or until when the agreement holds) was found',
        expect.stringMatching(/^sub-goals without partners: .*\b2\b/),
      ]),
    );
    // what is there is still read: the sub-goals
    expect(broken.agreements[0]!.subGoals.map((s) => s.number)).toEqual(['1', '2', '3']);
  });

  it('is printed by kg extract on stderr, keeping --json clean, and kept with the stored document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-quality-cli-'));
    const file = join(dir, 'bygdevekstavtale-mangla.pdf');
    writeFileSync(file, brokenPdf);
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'cli/kg.ts'), 'extract', '--json', file], { encoding: 'utf8', cwd: projectRoot });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)[0].warnings).toEqual(broken.warnings);
    expect(run.stderr).toContain('bygdevekstavtale-mangla.pdf: warning: no main parties were found');

    const store = await temporaryStore();
    try {
      const first = await ingestBytes(store, brokenPdf, 'bygdevekstavtale-mangla.pdf');
      const again = await ingestBytes(store, brokenPdf, 'bygdevekstavtale-mangla.pdf');
      expect(first.warnings).toEqual(broken.warnings);
      expect(again).toMatchObject({ status: 'unchanged', warnings: broken.warnings });
    } finally {
      await store.close();
    }
  }, 60_000);
});
