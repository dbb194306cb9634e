/**
 * Damaged and hostile PDFs for the fuzz tests, derived from the corpus PDFs by a seeded
 * generator: the same seed and count give the same files, byte for byte.
 *
 * Kinds: truncated at a random offset, bytes flipped (anywhere, or inside a stream), xref table
 * broken, a stream cut short, a huge page count (/Count 1000000 and worse), deeply nested arrays
 * and dictionaries, fonts missing or their font programs damaged, encrypted, image-only (no text
 * layer), zero bytes, a non-PDF named .pdf, and embedded JavaScript (an OpenAction and a
 * JavaScript name tree). An intact copy under a new name is mixed in now and then, so that
 * successes are part of what the tests check.
 */
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { corpusPath, manifest } from './corpus.ts';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

const DAMAGE_KINDS = [
  'truncated',
  'flipped',
  'flipped-stream',
  'broken-xref',
  'cut-stream',
  'huge-count',
  'nested',
  'font-missing',
  'font-damaged',
  'encrypted',
  'image-only',
  'zero-byte',
  'not-pdf',
  'javascript',
  'intact',
] as const;
export type DamageKind = (typeof DAMAGE_KINDS)[number];

export interface DamagedPdf {
  /** File name, unique within one generation: `<index>-<kind>-<source>.pdf`. */
  name: string;
  kind: DamageKind;
  source: string;
  bytes: Buffer;
}


const sources = manifest.map((m) => ({ file: m.file, bytes: readFileSync(corpusPath(m.file)) }));

/** Generates `count` damaged PDFs from `seed`; the kinds take turns, the rest is drawn from the seed. */
export async function generateDamagedPdfs(count: number, seed = 20261123): Promise<DamagedPdf[]> {
  const rng = xoroshiro128plus(seed);
  const random = () => uniformFloat64(rng);
  const int = (n: number) => Math.floor(random() * n);
  const out: DamagedPdf[] = [];
  for (let i = 0; i < count; i++) {
    const kind = DAMAGE_KINDS[i % DAMAGE_KINDS.length]!;
    const source = sources[int(sources.length)]!;
    const bytes = await damage(kind, Buffer.from(source.bytes), random, int);
    const stem = source.file.replace(/\.pdf$/, '');
    out.push({ name: `${String(i).padStart(5, '0')}-${kind}-${stem}.pdf`, kind, source: source.file, bytes });
  }
  return out;
}

async function damage(kind: DamageKind, pdf: Buffer, random: () => number, int: (n: number) => number): Promise<Buffer> {
  const latin = pdf.toString('latin1');
  switch (kind) {
    case 'truncated':
      return pdf.subarray(0, 1 + int(pdf.length - 1));
    case 'flipped': {
      const out = Buffer.from(pdf);
      for (let n = 1 + int(40); n > 0; n--) flip(out, int(out.length), 1 + int(255));
      return out;
    }
    case 'flipped-stream': {
      const out = Buffer.from(pdf);
      const stream = pick(streams(latin), int);
      for (let n = 1 + int(8); n > 0; n--) flip(out, stream.start + int(stream.end - stream.start), 1 + int(255));
      return out;
    }
    case 'broken-xref': {
      const xref = latin.lastIndexOf('\nxref');
      const variant = int(4);
      if (variant === 0) return Buffer.from(latin.slice(0, xref) + latin.slice(xref).replace(/\d{10} \d{5} [nf]/g, () => `${String(int(1e10)).padStart(10, '0')} 00000 n`), 'latin1');
      if (variant === 1) return Buffer.from(latin.replace(/startxref\s+\d+/, `startxref\n${int(pdf.length * 2)}`), 'latin1');
      if (variant === 2) return Buffer.from(latin.slice(0, xref) + latin.slice(xref).replace(/xref\s+0 \d+/, `xref\n0 ${1 + int(1e9)}`), 'latin1');
      return Buffer.from(latin.slice(0, xref) + '\n' + latin.slice(latin.indexOf('trailer', xref)), 'latin1'); // no table at all
    }
    case 'cut-stream': {
      const stream = pick(streams(latin), int);
      const from = stream.start + int(stream.end - stream.start);
      const to = from + int(stream.end - from);
      return Buffer.concat([pdf.subarray(0, from), pdf.subarray(to)]);
    }
    case 'huge-count': {
      const count = ['1000000', '99999999999', '-1', '2147483648', '1e308'][int(5)]!;
      return Buffer.from(latin.replace(/\/Count \d+/, `/Count ${count}`), 'latin1');
    }
    case 'nested': {
      const depth = 1000 + int(200_000);
      const nest = random() < 0.5 ? '['.repeat(depth) + ']'.repeat(depth) : '<< /A '.repeat(depth) + '>> '.repeat(depth);
      const where = random() < 0.5 ? '/Type /Catalog' : '/Type /Page\n';
      return Buffer.from(latin.replace(where, `${where} /Nested ${nest} `), 'latin1');
    }
    case 'font-missing': {
      if (random() < 0.5) return Buffer.from(latin.replace(/\/(F\d+) (\d+) 0 R/g, (_, f: string) => `/${f} ${9000 + int(999)} 0 R`), 'latin1');
      return Buffer.from(latin.replace(/\/Font <<[^>]*>>/g, '/Font << >>'), 'latin1');
    }
    case 'font-damaged': {
      const fontFiles = [...latin.matchAll(/\/FontFile2 (\d+) 0 R/g)].map((m) => m[1]!);
      const id = pick(fontFiles, int);
      const at = latin.indexOf(`\n${id} 0 obj`);
      const stream = streams(latin).find((s) => s.start > at) ?? pick(streams(latin), int);
      const out = Buffer.from(pdf);
      if (random() < 0.5) out.fill(int(256), stream.start, stream.end); // the font program is garbage
      else for (let n = 1 + int(30); n > 0; n--) flip(out, stream.start + int(stream.end - stream.start), 1 + int(255));
      return out;
    }
    case 'encrypted': {
      if (random() < 0.5) {
        return pdfkitPdf((doc) => doc.text('Kryptert avtale mellom kommunane og fylkeskommunen.'), { userPassword: `pw${int(1e6)}`, pdfVersion: '1.4' });
      }
      // a corpus PDF whose trailer claims an encryption dictionary
      return Buffer.from(latin.replace(/trailer\s*<</, `trailer\n<<\n/Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <${hex(random, 32)}> /U <${hex(random, 32)}> >>`), 'latin1');
    }
    case 'image-only':
      return pdfkitPdf((doc) => {
        for (let page = 0; page < 1 + int(3); page++) {
          if (page > 0) doc.addPage();
          for (let y = 60; y < 780; y += 10 + int(8)) doc.rect(60 + int(20), y, 200 + int(280), 6).fill('#222222');
        }
      });
    case 'zero-byte':
      return Buffer.alloc(0);
    case 'not-pdf': {
      const variant = int(4);
      if (variant === 0) return Buffer.from('Dette er eit notat, ikkje ein PDF.\n'.repeat(1 + int(50)));
      if (variant === 1) return Buffer.from(Array.from({ length: 1 + int(4096) }, () => int(256)));
      if (variant === 2) return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from(Array.from({ length: 200 }, () => int(256)))]);
      return Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), pdf.subarray(0, 2000).fill(0, 0, 1100)]); // a zip header; the %PDF- signature beyond 1024 bytes is wiped
    }
    case 'javascript': {
      const js = `(app.alert("kg"), globalThis.kg_js_ran = ${int(1000)})`;
      return Buffer.from(
        latin.replace('/Type /Catalog', `/Type /Catalog /OpenAction << /S /JavaScript /JS ${js} >> /Names << /JavaScript << /Names [(x) << /S /JavaScript /JS ${js} >>] >> >> /AA << /WC << /S /JavaScript /JS ${js} >> >>`),
        'latin1',
      );
    }
    case 'intact':
      return pdf;
  }
}

interface Span {
  start: number;
  end: number;
}

/** The byte ranges of the stream bodies of a PDF. */
function streams(latin: string): Span[] {
  const spans: Span[] = [];
  const re = /stream\r?\n/g;
  for (let m = re.exec(latin); m; m = re.exec(latin)) {
    if (latin.slice(m.index - 3, m.index) === 'end') continue;
    const end = latin.indexOf('endstream', re.lastIndex);
    if (end > re.lastIndex) spans.push({ start: re.lastIndex, end });
  }
  return spans;
}

function flip(bytes: Buffer, at: number, mask: number): void {
  bytes[at] = bytes[at]! ^ mask;
}

function pick<T>(items: T[], int: (n: number) => number): T {
  return items[int(items.length)]!;
}

function hex(random: () => number, bytes: number): string {
  return Array.from({ length: bytes }, () => Math.floor(random() * 256).toString(16).padStart(2, '0')).join('');
}

/** A PDF drawn by pdfkit, with fixed dates so the same drawing gives the same bytes. */
export function pdfkitPdf(draw: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date('2025-01-01T00:00:00Z'), ModDate: new Date('2025-01-01T00:00:00Z') }, ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  draw(doc);
  doc.end();
  return done;
}
