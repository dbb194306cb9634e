/**
 * OCR of pages without a text layer: each page rasterised by poppler's `pdftoppm` (grey, 300 dpi,
 * one page at a time) and read by Tesseract with its Norwegian model (`tesseract … -l nor --psm 1
 * hocr`), each in a child process with a deadline per page and a bound on its memory (`ulimit -v`),
 * killed when it runs over. The words with their boxes and confidences become text items like
 * those pdf.js gives (ocr-items.ts), so the page goes through the same text layer as any other.
 *
 * Settings (cli/config.ts validates them and calls `configureOcr`): on or off (KG_OCR, `--no-ocr`),
 * the most pages one document may need read (KG_OCR_MAX_PAGES), and the deadline per page
 * (KG_OCR_PAGE_TIMEOUT_MS). Confidence is Tesseract's, 0–100: a page's is the mean of its words'.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { IngestError } from '../../domain/ingest-errors.ts';
import type { TextItem } from '../pdf/load-pdf.ts';
import { parseHocr } from './hocr.ts';
import { despeckle, inkShare, parsePgm, placeWords, toPgm, toTextItems, type PlacedWord } from './ocr-items.ts';

export interface OcrOptions {
  /** Read pages without a text layer by OCR (default true). */
  enabled: boolean;
  /** The most pages of one document that may need OCR; more is OCR_PAGE_LIMIT. */
  maxPages: number;
  /** How long rasterising and reading one page may take; longer is OCR_TIMEOUT. */
  pageTimeoutMs: number;
}

export const OCR_DEFAULTS: Readonly<OcrOptions> = { enabled: true, maxPages: 60, pageTimeoutMs: 60_000 };

let defaults: OcrOptions = { ...OCR_DEFAULTS };

/** Sets what every later read uses unless it is given its own options (the settings, at start). */
export function configureOcr(options: Partial<OcrOptions>): void {
  defaults = { ...defaults, ...options };
}

export function ocrDefaults(): OcrOptions {
  return { ...defaults };
}

/** How to put Tesseract on a machine that lacks it. */
export const OCR_INSTALL_HINT = 'install Tesseract with its Norwegian model (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-nor)';

/** Resolution pages are rasterised at; a page so large that it would pass MAX_SIDE_PX pixels is rasterised smaller. */
const DPI = 300;
const MAX_SIDE_PX = 7_000;
/** Address space each child process may use. */
const CHILD_MEMORY_MB = 1_024;
/** A page with less ink than this share of its pixels is blank: Tesseract is not asked. */
const BLANK = 0.0002;
/** Patches of ink of at most this many pixels at DPI are dust (a full stop in 8 pt type has some 15). */
const SPECK_AREA = 6;
const LANGUAGE = 'nor';

export interface OcrPage {
  number: number;
  items: TextItem[];
  /** Mean word confidence, 0–100; undefined when the page held no words. */
  confidence: number | undefined;
}

interface PageBox {
  number: number;
  width: number;
  height: number;
}

/** Whether OCR can run here: undefined when it can, else why not. Asked once per process. */
let availability: Promise<string | undefined> | undefined;
export function ocrUnavailable(): Promise<string | undefined> {
  availability ??= checkTools();
  return availability;
}

async function checkTools(): Promise<string | undefined> {
  const langs = await run(['tesseract', '--list-langs'], 15_000).catch((error: Error) => error);
  if (langs instanceof Error) return `Tesseract cannot be run (${langs.message}); ${OCR_INSTALL_HINT}`;
  if (!/^nor$/m.test(langs.stdout + langs.stderr)) return `Tesseract has no Norwegian model (nor); ${OCR_INSTALL_HINT}`;
  const poppler = await run(['pdftoppm', '-v'], 15_000).catch((error: Error) => error);
  if (poppler instanceof Error) return `pdftoppm cannot be run (${poppler.message}); install poppler-utils (apt-get install poppler-utils)`;
  return undefined;
}

/**
 * Reads the given pages of a PDF by OCR. Throws OCR_PAGE_LIMIT when there are more than the limit,
 * OCR_TIMEOUT when a page takes longer than its deadline, OCR_FAILED when a tool fails on a page.
 */
export async function ocrPages(bytes: Uint8Array, file: string, pages: PageBox[], options: OcrOptions): Promise<OcrPage[]> {
  if (pages.length > options.maxPages) {
    throw new IngestError(
      'OCR_PAGE_LIMIT',
      file,
      `${pages.length} pages have no text layer, more than the ${options.maxPages} that may be read by OCR (KG_OCR_MAX_PAGES); pages ${range(pages.map((p) => p.number))}`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'kg-ocr-'));
  try {
    const pdf = join(dir, 'document.pdf');
    await writeFile(pdf, bytes);
    const placed = await Promise.all(pages.map((page) => slots.run(() => readPage(pdf, dir, file, page, options.pageTimeoutMs))));
    const items = toTextItems(placed);
    return pages.map((page, i) => ({ number: page.number, items: items[i]!, confidence: meanConfidence(placed[i]!) }));
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function meanConfidence(words: PlacedWord[]): number | undefined {
  if (words.length === 0) return undefined;
  return Math.round((words.reduce((n, w) => n + w.confidence, 0) / words.length) * 10) / 10;
}

async function readPage(pdf: string, dir: string, file: string, page: PageBox, timeoutMs: number): Promise<PlacedWord[]> {
  const deadline = Date.now() + timeoutMs;
  const dpi = Math.max(36, Math.min(DPI, Math.floor((MAX_SIDE_PX * 72) / Math.max(page.width, page.height, 1))));
  const base = join(dir, `page-${page.number}`);
  const left = () => Math.max(1, deadline - Date.now());
  const step = async (what: string, args: string[]) => {
    try {
      return await run(args, left());
    } catch (error) {
      if ((error as RunError).timedOut) throw new IngestError('OCR_TIMEOUT', file, `OCR of page ${page.number} took longer than ${timeoutMs} ms (KG_OCR_PAGE_TIMEOUT_MS), in ${what}`);
      throw new IngestError('OCR_FAILED', file, `OCR of page ${page.number} failed in ${what}: ${(error as Error).message}`, { cause: error });
    }
  };
  await step('pdftoppm', ['pdftoppm', '-r', String(dpi), '-gray', '-f', String(page.number), '-l', String(page.number), '-singlefile', pdf, base]);
  const image = `${base}.pgm`;
  const gray = parsePgm(await readFile(image));
  if (gray && inkShare(gray) < BLANK) return [];
  // specks of dust out first: a speck over a word makes Tesseract misread the word
  if (gray && despeckle(gray, Math.max(1, Math.round(SPECK_AREA * (dpi / DPI) ** 2))) > 0) await writeFile(image, toPgm(gray));
  const hocr = await step('tesseract', ['tesseract', image, 'stdout', '-l', LANGUAGE, '--psm', '1', '--dpi', String(dpi), 'hocr']);
  await rm(image, { force: true });
  return placeWords(parseHocr(hocr.stdout), gray, page.width, page.height);
}

interface RunError extends Error {
  timedOut?: boolean;
}

/**
 * Runs a tool with a bound on its address space and a deadline; rejects with its exit status and
 * the end of what it wrote on stderr. `sh` sets the bound and `exec`s the tool, so the process
 * killed at the deadline is the tool itself. Tesseract runs on one thread: on a few cores its
 * OpenMP threads only fight each other (a page took 21 s with them, 3 s without).
 */
function run(args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', 'ulimit -v "$0" 2>/dev/null; exec "$@"', String(CHILD_MEMORY_MB * 1024), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    });
    const out: Buffer[] = [];
    let err = '';
    let timedOut = false;
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-2_000)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      if (code === 0) return resolve({ stdout, stderr: err });
      const error: RunError = new Error(
        code === 127 ? `${args[0]} is not installed` : `${args[0]} ended with ${signal ? `signal ${signal}` : `exit code ${code}`}${err.trim() ? `: ${lastLine(err)}` : ''}`,
      );
      error.timedOut = timedOut;
      reject(error);
    });
  });
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)!.slice(0, 300);
}

/** "2, 4–6, 9" */
function range(numbers: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; i++) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    parts.push(j > i ? `${numbers[i]}–${numbers[j]}` : String(numbers[i]));
    if (parts.length === 12 && j + 1 < numbers.length) {
      parts.push('…');
      break;
    }
    i = j;
  }
  return parts.join(', ');
}

/** At most one OCR child per core in this process, however many documents are read at once. */
class Slots {
  private free = Math.max(1, availableParallelism());
  private waiting: (() => void)[] = [];
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

const slots = new Slots();
