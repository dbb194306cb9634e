/**
 * Our PDF text layer beside poppler's pdftotext on the same PDFs: time per page, and how well
 * each agrees with the source texts (word-level F1 after white space is normalised).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import specs from '../corpus/build/documents.json' with { type: 'json' };
import { sourceToBlocks } from '../corpus/build/source-blocks.ts';
import { readDocument } from '../ingest/read-document.ts';
import { round, summarise, type Summary } from './stats.ts';

export interface TextLayerResult {
  pages: number;
  oursMsPerPage: Summary;
  popplerMsPerPage: Summary;
  timeRatio: number;
  /** Word F1 against the .txt sources, over all documents. */
  oursF1: number;
  popplerF1: number;
  oursVsPopplerF1: number;
}

function hasPdftotext(): boolean {
  return spawnSync('pdftotext', ['-v']).status === 0;
}

/** Installs poppler-utils with apt when pdftotext is missing (the bench's setup); root or sudo needed. */
export function ensurePdftotext(): boolean {
  if (hasPdftotext()) return true;
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  for (const step of [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', 'poppler-utils']]) {
    const [command, ...args] = [...asRoot, ...step];
    process.stderr.write(`pdftotext is missing: ${[command, ...args].join(' ')}\n`);
    if (spawnSync(command!, args, { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status !== 0) return false;
  }
  return hasPdftotext();
}

export async function compareTextLayers(files: string[], runs: number): Promise<TextLayerResult> {
  const ours: number[] = [];
  const poppler: number[] = [];
  const f1 = { ours: [0, 0, 0], poppler: [0, 0, 0], both: [0, 0, 0] };
  let pages = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    let ourText = '';
    let count = 0;
    for (let i = 0; i <= runs; i++) {
      const t = performance.now();
      const doc = await readDocument(bytes, basename(file));
      const ms = performance.now() - t;
      count = doc.pages.length;
      ourText = doc.text;
      if (i > 0) ours.push(ms / count); // the first run warms up
    }
    let popplerText = '';
    for (let i = 0; i <= runs; i++) {
      const t = performance.now();
      popplerText = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      if (i > 0) poppler.push((performance.now() - t) / count);
    }
    pages += count;
    const source = reflowedSource(file);
    add(f1.ours, overlap(source, ourText));
    add(f1.poppler, overlap(source, popplerText));
    add(f1.both, overlap(popplerText, ourText));
  }
  const oursMs = summarise(ours);
  const popplerMs = summarise(poppler);
  return {
    pages,
    oursMsPerPage: oursMs,
    popplerMsPerPage: popplerMs,
    timeRatio: round(oursMs.median / popplerMs.median),
    oursF1: score(f1.ours),
    popplerF1: score(f1.poppler),
    oursVsPopplerF1: score(f1.both),
  };
}

/**
 * The words the PDF was made from: the .txt source re-flowed the way corpus/build does it (the
 * original's running headers and footers, which the PDF never had, left out).
 */
function reflowedSource(file: string): string {
  const spec = specs.documents.find((d) => d.source === basename(file).replace(/\.pdf$/, '.txt'));
  const text = readFileSync(file.replace(/\.pdf$/, '.txt'), 'utf8');
  if (!spec) return text;
  const blocks = sourceToBlocks(text, {
    artefactLines: spec.artefactLines.map((re) => new RegExp(re)),
    footnotes: spec.footnotes.map((re) => new RegExp(re)),
    emptyLineIsGap: 'emptyLineIsGap' in spec && spec.emptyLineIsGap === true,
  });
  return blocks.map((b) => ('label' in b ? `${b.label} ${b.text}` : b.text)).join('\n');
}

/** Words of a text after white space is normalised; a word broken by a line-end hyphen in the source counts whole. */
function words(text: string): Map<string, number> {
  const bag = new Map<string, number>();
  const joined = text.replace(/(\p{Ll})-\s*\n\s*(\p{Ll})/gu, '$1$2');
  for (const w of joined.split(/\s+/).filter(Boolean)) bag.set(w, (bag.get(w) ?? 0) + 1);
  return bag;
}

/** [common, reference total, candidate total] for word-level F1. */
function overlap(reference: string, candidate: string): [number, number, number] {
  const ref = words(reference);
  const got = words(candidate);
  let common = 0;
  for (const [w, n] of ref) common += Math.min(n, got.get(w) ?? 0);
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return [common, total(ref), total(got)];
}

function add(into: number[], [c, r, g]: [number, number, number]): void {
  into[0]! += c;
  into[1]! += r;
  into[2]! += g;
}

function score([common, ref, got]: number[]): number {
  const precision = common! / got!;
  const recall = common! / ref!;
  return round((2 * precision * recall) / (precision + recall), 4);
}
