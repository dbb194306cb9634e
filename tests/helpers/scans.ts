/**
 * Scanned versions of PDFs for the OCR tests, made the way a municipality's scanner would: each
 * page rasterised by `pdftoppm` (grey, 200–300 dpi), turned by a slight angle, with specks of
 * dust and a faint grey cast, and wrapped back into a PDF of images only (pdfkit), one image per
 * page at the page's size. Made once and kept in node_modules/.cache/kg-ocr-scans/ (keyed by the
 * source's bytes and the scan's settings), so reruns only read them.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { parsePgm, type GrayImage } from '../../ingest/ocr/ocr-items.ts';
import { projectRoot } from './corpus.ts';

export interface ScanSettings {
  dpi: number;
  /** Turned by this many degrees (counter-clockwise). */
  degrees: number;
  /** Share of pixels that get a speck of dust. */
  specks: number;
  seed: number;
}

export const SCAN: ScanSettings = { dpi: 300, degrees: 0.6, specks: 0.0002, seed: 17 };

const CACHE = join(projectRoot, 'node_modules', '.cache', 'kg-ocr-scans');

/** The whole PDF as a scan: image pages only. */
export async function scannedPdf(source: Uint8Array, settings: ScanSettings = SCAN): Promise<Buffer> {
  return cached(source, settings, 'all', async () => imagePdf(await rasterise(source, settings), settings));
}

/** The PDF with one page replaced by its scan; the other pages keep their text layer. */
export async function withScannedPage(source: Uint8Array, page: number, settings: ScanSettings = SCAN): Promise<Buffer> {
  return cached(source, settings, `page-${page}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-scan-page-'));
    try {
      const input = join(dir, 'in.pdf');
      writeFileSync(input, source);
      execFileSync('pdfseparate', [input, join(dir, 'p-%d.pdf')]);
      const count = readdirSync(dir).filter((f) => /^p-\d+\.pdf$/.test(f)).length;
      const scan = await imagePdf(await rasterise(readFileSync(join(dir, `p-${page}.pdf`)), settings), settings);
      writeFileSync(join(dir, `p-${page}.pdf`), scan);
      const out = join(dir, 'out.pdf');
      execFileSync('pdfunite', [...Array.from({ length: count }, (_, i) => join(dir, `p-${i + 1}.pdf`)), out]);
      return readFileSync(out);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

async function cached(source: Uint8Array, settings: ScanSettings, what: string, make: () => Promise<Buffer>): Promise<Buffer> {
  const key = createHash('sha256').update(source).update(JSON.stringify({ ...settings, what, v: 1 })).digest('hex').slice(0, 24);
  const path = join(CACHE, `${key}.pdf`);
  if (existsSync(path)) return readFileSync(path);
  const bytes = await make();
  mkdirSync(CACHE, { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, path); // whole or not at all, even with two test files making it at once
  return bytes;
}

interface ScannedPage {
  png: Buffer;
  /** The page's size in points. */
  width: number;
  height: number;
}

async function rasterise(source: Uint8Array, settings: ScanSettings): Promise<ScannedPage[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kg-scan-'));
  try {
    const input = join(dir, 'in.pdf');
    writeFileSync(input, source);
    execFileSync('pdftoppm', ['-r', String(settings.dpi), '-gray', input, join(dir, 'p')]);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort((a, b) => Number(/(\d+)\.pgm$/.exec(a)![1]) - Number(/(\d+)\.pgm$/.exec(b)![1]));
    return files.map((f, i) => {
      const gray = parsePgm(readFileSync(join(dir, f)))!;
      const scanned = dirty(rotate(gray, settings.degrees), settings.specks, settings.seed + i);
      return { png: encodePng(scanned), width: (gray.width * 72) / settings.dpi, height: (gray.height * 72) / settings.dpi };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function imagePdf(pages: ScannedPage[], settings: ScanSettings): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, compress: true, info: { CreationDate: new Date('2025-01-01T00:00:00Z'), Producer: `scan ${settings.dpi} dpi` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (const page of pages) {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    doc.image(page.png, 0, 0, { width: page.width, height: page.height });
  }
  doc.end();
  return done;
}

/** Turned about its centre by `degrees`, bilinear, white where the turn brings in no paper. */
function rotate(image: GrayImage, degrees: number): GrayImage {
  const { width, height, data } = image;
  const out = new Uint8Array(width * height).fill(255);
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = cos * (x - cx) - sin * (y - cy) + cx;
      const sy = sin * (x - cx) + cos * (y - cy) + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * width + x0;
      const top = data[i]! * (1 - fx) + data[i + 1]! * fx;
      const bottom = data[i + width]! * (1 - fx) + data[i + width + 1]! * fx;
      out[y * width + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width, height, data: out };
}

/** A faint grey cast over the paper and specks of dust (2×2 dark dots) at seeded places. */
function dirty(image: GrayImage, specks: number, seed: number): GrayImage {
  const { width, height } = image;
  const data = new Uint8Array(image.data);
  let state = seed >>> 0 || 1;
  const random = () => {
    // xorshift32: the same scan from the same seed, on every machine
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  for (let i = 0; i < data.length; i++) data[i] = Math.min(data[i]!, 244);
  const count = Math.round(width * height * specks);
  for (let n = 0; n < count; n++) {
    const x = Math.floor(random() * (width - 1));
    const y = Math.floor(random() * (height - 1));
    const shade = 40 + Math.floor(random() * 120);
    for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) data[(y + dy) * width + x + dx] = shade;
  }
  return { width, height, data };
}

/** A grey 8-bit PNG. */
function encodePng(image: GrayImage): Buffer {
  const { width, height, data } = image;
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width + 1)] = 0; // filter: none
    rows.set(data.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  }
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
    return Buffer.concat([head, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grey
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 6 })), chunk('IEND', Buffer.alloc(0))]);
}
