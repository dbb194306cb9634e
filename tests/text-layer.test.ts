/**
 * The text layer on the five corpus PDFs. Expectations come from reading the documents
 * (and, for page boundaries, from poppler's pdfinfo/pdftotext as an independent reader).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import specs from '../corpus/build/documents.json' with { type: 'json' };
import { sourceToBlocks } from '../corpus/build/source-blocks.ts';
import { pageAt, readDocumentFile, type ParsedDocument } from '../ingest/read-document.ts';
import { corpusPath, hasPoppler, manifest, popplerPageCount, popplerPageSize, popplerPageText, projectRoot } from './helpers/corpus.ts';
import { wordF1 } from './helpers/word-f1.ts';

interface Expected {
  file: string;
  kind: string;
  language: 'nb' | 'nn';
  /** Words the renderer broke at a line end, which must come out whole. */
  joined: string[];
  /** Real hyphens, some of them at a line end in the PDF, which must survive. */
  kept: string[];
  /** Running header text of the document, which no page text may contain. */
  header: string;
}

const expected: Expected[] = [
  {
    file: 'bygdevekstavtale-nord-troms.pdf',
    kind: 'BYGDEVEKST_AGREEMENT',
    language: 'nb',
    joined: ['arbeidskraft', 'bygdevekstavtaler', 'etablerte samarbeid', 'Fylkeskommunen skal videre', 'prosjektledernettverk'],
    kept: ['Distrikts-Norge', 'Kommunal- og distriktsdepartementet', 'Nord-Troms Plan og Eiendom', 'pilot-stat-samarbeid'],
    header: 'Bygdevekstavtale – Kvænangen, Nordreisa, Skjervøy og Kåfjord',
  },
  {
    file: 'bygdevekstavtale-vest-telemark.pdf',
    kind: 'BYGDEVEKST_AGREEMENT',
    language: 'nn',
    joined: ['arbeidskraft', 'Departementet har oppfordra', 'innsatsområde', 'fylkeskommunen samarbeide'],
    kept: ['Distrikts-Noreg', 'Kommunal- og distriktsdepartementet (KDD)'],
    header: 'Bygdevekstavtale – Vest-Telemark',
  },
  {
    file: 'bygdevekstavtale-smola-aure.pdf',
    kind: 'BYGDEVEKST_AGREEMENT',
    language: 'nb',
    joined: ['bygdevekstavtalen i sammenheng', 'øvrig distrikstrettet', 'fylkeskommunen samarbeide'],
    kept: ['Møre og Romsdal fylkeskommune', 'Kommunal- og distriktsdepartementet'],
    header: 'Bygdevekstavtale – Smøla og Aure',
  },
  {
    file: 'tromsvekstavtale-nord-troms-2025-2028.pdf',
    kind: 'TROMSVEKST_AGREEMENT',
    language: 'nb',
    joined: ['samarbeidsstrukturer', 'gjeldende etter vedtak', 'Delmålene beskriver', 'samhandlingsstruktur'],
    kept: ['(Nord-Tromsrådet)', 'Samarbeidsavtale for Nord-Tromsrådet 2024–2027', 'Tromsvekstavtalen for Nord-Troms 2025–2028'],
    header: 'Tromsvekstavtale for Nord-Troms 2025–2028',
  },
  {
    file: 'midtveisrapport-bygdevekstavtaler-sintef.pdf',
    kind: 'EVALUATION_REPORT',
    language: 'nb',
    joined: ['oppdragsbeskrivelsen', 'Nord Universitet', 'følgeevaluatorene'],
    kept: ['Kommunal- og distriktsdepartementet', 'Prop. 115 S (2021–2022)', 'Vestre Varanger og - Midt-Finnmark'],
    header: 'SINTEF – Midtveisrapport: bygdevekstavtaler som distriktspolitisk virkemiddel',
  },
];

const documents = new Map<string, ParsedDocument>();

beforeAll(async () => {
  for (const e of expected) documents.set(e.file, await readDocumentFile(corpusPath(e.file)));
});

describe('corpus manifest', () => {
  it('lists the five documents, each PDF with its .txt source beside it and a matching sha256', () => {
    expect(manifest.map((m) => m.file).sort()).toEqual(expected.map((e) => e.file).sort());
    for (const entry of manifest) {
      const bytes = readFileSync(corpusPath(entry.file));
      expect(createHash('sha256').update(bytes).digest('hex'), entry.file).toBe(entry.sha256);
      expect(existsSync(corpusPath(entry.source)), entry.source).toBe(true);
    }
  });

  it.runIf(hasPoppler)('agrees with poppler on page counts and A4 pages', () => {
    for (const entry of manifest) {
      expect(popplerPageCount(corpusPath(entry.file)), entry.file).toBe(entry.pages);
      expect(popplerPageSize(corpusPath(entry.file))).toMatch(/^595\.2\d? x 841\.8\d? pts \(A4\)/);
    }
    // the report "runs to dozens of pages"
    expect(manifest.find((m) => m.kind === 'EVALUATION_REPORT')!.pages).toBeGreaterThanOrEqual(24);
  });
});

describe.each(expected)('$file', (e) => {
  const doc = () => documents.get(e.file)!;

  it('has the page count of the manifest, and the kind and language read from its content', () => {
    expect(doc().pages.length).toBe(manifest.find((m) => m.file === e.file)!.pages);
    expect(doc().kind).toBe(e.kind);
    expect(doc().language).toBe(e.language);
  });

  it('joins words broken at line ends and keeps real hyphens', () => {
    for (const phrase of [...e.joined, ...e.kept]) expect(doc().text, phrase).toContain(phrase);
    // no broken halves left: a hyphen before a space is only ever a suspended compound ("bo- og")
    const halves = [...doc().text.matchAll(/\p{L}+- (\p{L}+)/gu)].filter((m) => !['og', 'eller', 'samt', 'som'].includes(m[1]!));
    expect(halves.map((m) => m[0])).toEqual([]);
  });

  it('drops the running header, the footer and the page numbers', () => {
    for (const page of doc().pages) {
      expect(page.text).not.toContain(e.header);
      expect(page.text).not.toMatch(/\b\d+ av \d+\b/);
      expect(page.text).not.toMatch(/^Side \d+/m);
      expect(page.text).not.toContain('Prosjektnummer');
    }
  });

  it('keeps Norwegian letters and the en dash', () => {
    const text = doc().text;
    for (const ch of ['æ', 'ø', 'å', '–']) expect(text).toContain(ch);
    expect(text).not.toMatch(/[\uFFFD\t]/);
  });

  it('maps every page to its offsets in the document text', () => {
    for (const page of doc().pages) {
      expect(doc().text.slice(page.start, page.end)).toBe(page.text);
      expect(pageAt(doc(), page.start)?.number).toBe(page.number);
      for (const block of page.blocks) expect(page.text.slice(block.start, block.end)).toBe(block.text);
    }
  });

  it.runIf(hasPoppler)('puts the same words on each page as poppler does', () => {
    for (const page of doc().pages) {
      const words = (s: string) => new Set(s.split(/\s+/).filter((w) => /^\p{L}{4,}[.,:;]?$/u.test(w)));
      const ours = words(page.text);
      // poppler keeps the running header and footer, which we drop: leave their words out
      const spec = specs.documents.find((d) => d.source === e.file.replace(/\.pdf$/, '.txt'))!;
      const furniture = words(`${spec.header} ${spec.footer}`);
      const theirs = new Set([...words(popplerPageText(corpusPath(e.file), page.number))].filter((w) => !furniture.has(w)));
      // Words poppler sees but we lack: only hyphenated halves.
      const inBoth = [...theirs].filter((w) => ours.has(w)).length;
      expect(inBoth / theirs.size, `page ${page.number}`).toBeGreaterThan(0.9);
      const shared = [...ours].filter((w) => theirs.has(w)).length;
      expect(shared / ours.size, `page ${page.number}`).toBeGreaterThan(0.95);
    }
  });
});

describe('agreement with the source texts', () => {
  it.each(specs.documents)('$source: word F1 of the page text against the re-flowed source ≥ 0.995', (spec) => {
    const source = readFileSync(corpusPath(spec.source), 'utf8');
    const blocks = sourceToBlocks(source, {
      artefactLines: spec.artefactLines.map((re) => new RegExp(re)),
      footnotes: spec.footnotes.map((re) => new RegExp(re)),
    });
    const reference = blocks.map((b) => (b.kind === 'item' ? `${b.label} ${b.text}` : b.text)).join('\n');
    const doc = documents.get(spec.source.replace(/\.txt$/, '.pdf'))!;
    expect(wordF1(reference, doc.text)).toBeGreaterThanOrEqual(0.995);
  });
});

describe('quotes map back to their page', () => {
  const quoteOn = (file: string, quote: string) => {
    const doc = documents.get(file)!;
    const offset = doc.text.indexOf(quote);
    expect(offset, quote).toBeGreaterThanOrEqual(0);
    return pageAt(doc, offset)?.number;
  };

  it.runIf(hasPoppler)('finds each sub-goal heading on the page where poppler sees it', () => {
    const headings: [string, string][] = [
      ['bygdevekstavtale-nord-troms.pdf', '6.3 Delmål 3 Økt variasjon i boligtilbudet i Nord-Troms'],
      ['bygdevekstavtale-vest-telemark.pdf', '5. Forankring'],
      ['midtveisrapport-bygdevekstavtaler-sintef.pdf', '1.3.3 Pilot Hjerteregionen: kommunene Hasvik, Måsøy og Hammerfest'],
      ['tromsvekstavtale-nord-troms-2025-2028.pdf', 'Delmål 4.1: Like vilkår for Troms-kommunene'],
    ];
    for (const [file, quote] of headings) {
      const page = quoteOn(file, quote)!;
      const prefix = quote.slice(0, 24);
      expect(popplerPageText(corpusPath(file), page), quote).toContain(prefix);
    }
  });

  it('puts a word broken across a page break on the page where it starts', () => {
    // Smøla og Aure: "… øvrig dis-" ends page 1, "trikstrettet innsats …" opens page 2
    const doc = documents.get('bygdevekstavtale-smola-aure.pdf')!;
    expect(quoteOn('bygdevekstavtale-smola-aure.pdf', 'øvrig distrikstrettet')).toBe(1);
    expect(doc.pages[1]!.text.startsWith('innsats i fylket')).toBe(true);
  });
});

describe('the dev set: new agreements from three PDF generators', () => {
  const devSet = join(projectRoot, 'tests/golden/dev-set');
  const files = readdirSync(join(devSet, 'pdf')).filter((f) => f.endsWith('.pdf')).sort();
  const read = new Map<string, ParsedDocument>();
  beforeAll(async () => {
    for (const file of files) read.set(file, await readDocumentFile(join(devSet, 'pdf', file)));
  });

  const rawSource = (file: string) => readFileSync(join(devSet, 'sources', file.replace(/\.[a-z]+\.pdf$/, '.md')), 'utf8');
  /** The source's words as printed: markup, table rules and meta lines dropped, bullets as "•". */
  const sourceText = (file: string) =>
    rawSource(file)
      .split('\n')
      .filter((line) => !line.startsWith('<!--') && !/^\|[-| ]+\|$/.test(line))
      .map((line) => line.replace(/^#+ /, '').replace(/\*\*/g, '').replace(/^- /, '• ').replace(/\|/g, ' '))
      .join('\n');

  it.each(files)('%s: the page text has the source words, its headings in order, and no running header or footer', (file) => {
    const doc = read.get(file)!;
    const reference = sourceText(file);
    expect(wordF1(reference, doc.text.replace(/ \| /g, ' '))).toBeGreaterThanOrEqual(0.99);
    const header = /<!-- header: (.*) -->/.exec(rawSource(file))?.[1];
    const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
    if (header) expect(count(doc.text, header)).toBeLessThanOrEqual(count(reference, header));
    for (const page of doc.pages) expect(page.text).not.toMatch(/^(Side )?\d+ av \d+$/m);
    // reading order: the section headings come out in the order of the source
    const headings = [...rawSource(file).matchAll(/^#{2,3} (.*)$/gm)].map((m) => m[1]!.replace(/\*\*/g, ''));
    let at = 0;
    const missing = headings.filter((h) => {
      at = doc.text.indexOf(h, at);
      return at < 0 ? ((at = 0), true) : false;
    });
    expect(missing).toEqual([]);
  });

  it('joins words and ranges broken at line, column and page ends', () => {
    const expectations: [string, string][] = [
      ['dev-1-bygdevekstavtale-helgelandskysten.chromium.pdf', 'Meld. St. 9 (2023–2024)'], // "(2023–" ends a page
      ['dev-6-bygdevekstavtale-setesdal.libreoffice.pdf', 'Bykle 2023–2035.'], // "2023–" ends a line
      ['dev-5-bygdevekstavtale-numedal.pdfkit.pdf', 'Menon-publikasjon'], // a name's real hyphen at a line end
      ['dev-4-bygdevekstavtale-indre-sogn.libreoffice.pdf', 'kan bli samde om å invitere inn'], // "in" + " " + "-" at a line end
      ['dev-3-tromsvekstavtale-midt-troms.libreoffice.pdf', 'Regionrådet er et interkommunalt politisk råd'],
    ];
    for (const [file, phrase] of expectations) expect(read.get(file)!.text, `${file}: ${phrase}`).toContain(phrase);
  });
});
