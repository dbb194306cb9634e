/** The quotes the citation checks read back: every PDF of the corpus and of the development set, and every evidence object in an extraction. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Evidence } from '../../domain/records.ts';
import { corpusDir, manifest, projectRoot } from './corpus.ts';

const devDir = join(projectRoot, 'tests/golden/dev-set/pdf');

/** Paths of the corpus PDFs and of the development set's PDFs (every generator). */
export const quotedPdfs: string[] = [
  ...manifest.map((m) => join(corpusDir, m.file)),
  ...readdirSync(devDir)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => join(devDir, f)),
];

/** Every evidence object in an extracted record (or any value holding them). */
export function evidenceIn(value: unknown, found: Evidence[] = []): Evidence[] {
  if (Array.isArray(value)) for (const v of value) evidenceIn(v, found);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.document === 'string' && typeof o.page === 'number' && typeof o.quote === 'string') found.push(o as unknown as Evidence);
    else for (const v of Object.values(o)) evidenceIn(v, found);
  }
  return found;
}
