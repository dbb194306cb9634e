/** The text layer's rules on small, hand-made inputs. */
import { describe, expect, it } from 'vitest';
import { detectKind, detectLanguage } from '../ingest/classify.ts';
import type { RawPage, TextItem } from '../ingest/pdf/load-pdf.ts';
import { joinHyphenated, Vocabulary } from '../ingest/text/dehyphenate.ts';
import { cleanLineText, reflow } from '../ingest/text/paragraphs.ts';
import { pageLines } from '../ingest/text/reading-order.ts';
import { findRunningFurniture, isPageNumber } from '../ingest/text/running-furniture.ts';
import { readDocument } from '../ingest/read-document.ts';
import { pdfkitPdf } from './helpers/damaged-pdfs.ts';

const item = (text: string, x: number, y: number, width = text.length * 5, fontSize = 10): TextItem => ({
  text,
  x,
  y,
  width,
  fontSize,
  fontName: 'f1',
  bold: false,
});
const page = (items: TextItem[], number = 1): RawPage => ({ number, width: 595, height: 842, items });
const bold = (i: TextItem): TextItem => ({ ...i, bold: true });
const reflowed = (items: TextItem[]) => reflow(pageLines(page(items)), Vocabulary.fromLines([]), 'nn').map((b) => b.text);

describe('line-end hyphens', () => {
  const vocabulary = Vocabulary.fromLines(['Troms fylkeskommune og Nord-Troms', 'et e-post-varsel']);
  const join = (a: string, b: string) => joinHyphenated(a, b, vocabulary, 'nb');

  it('joins a word the typesetter broke, whichever hyphen character it used', () => {
    expect(join('i Troms fylkes-', 'kommune skal')).toBe('i Troms fylkeskommune skal');
    expect(join('i Troms fylkes\u2010', 'kommune skal')).toBe('i Troms fylkeskommune skal');
    expect(join('i Troms fylkes\u00AD', 'kommune skal')).toBe('i Troms fylkeskommune skal');
    // not in the document's vocabulary: still a broken word
    expect(join('regionens reiselivs-', 'utvikling.')).toBe('regionens reiselivsutvikling.');
  });

  it('keeps real hyphens: names, suspended compounds, abbreviations, numbers, known words', () => {
    expect(join('kommunene i Nord-', 'Troms')).toBe('kommunene i Nord-Troms');
    expect(join('Kommunal-', 'og distriktsdepartementet')).toBe('Kommunal- og distriktsdepartementet');
    expect(join('samfunns-', 'eller arealplan')).toBe('samfunns- eller arealplan');
    expect(join('flyplasstilbud og FOT-', 'ruter')).toBe('flyplasstilbud og FOT-ruter');
    expect(join('Prop. 1 S (2023-', '2024)')).toBe('Prop. 1 S (2023-2024)');
    expect(join('sendt på e-', 'post i dag')).toBe('sendt på e-post i dag');
    expect(join('se www.regjeringen.no/nn-', 'no/dokumenter')).toBe('se www.regjeringen.no/nn-no/dokumenter');
  });

  it('follows the document when it writes the hyphenated form elsewhere', () => {
    const own = Vocabulary.fromLines(['et pilot-stat-samarbeid', 'pilot-stat-samarbeid igjen']);
    expect(joinHyphenated('et pilot-stat-', 'samarbeid', own, 'nb')).toBe('et pilot-stat-samarbeid');
  });
});

describe('line-end hyphens drawn as glyphs of their own', () => {
  it('joins a word whose hyphen stands after a squeezed space glyph ("busetj" + " " + "-")', () => {
    const text = reflowed([
      item('Partane skal leggje til rette for auka busetj', 70, 700, 220),
      item(' ', 290, 700, 1.4, 11),
      item('-', 291.4, 700, 3.7, 11),
      item('ing i heile regionen.', 70, 686, 100),
    ]);
    expect(text).toEqual(['Partane skal leggje til rette for auka busetjing i heile regionen.']);
  });

  it('joins a soft hyphen that the generator drew as a hyphen, with or without a space before it', () => {
    for (const hyphen of ['\u2010', '-']) {
      const text = reflowed([
        item('Partane skal leggje til rette for auka busetj\u00AD', 70, 700, 220),
        item(hyphen, 291.4, 700, 3.5),
        item('ing i heile regionen.', 70, 686, 100),
      ]);
      expect(text, hyphen).toEqual(['Partane skal leggje til rette for auka busetjing i heile regionen.']);
    }
  });

  it('keeps a dash set with a real space before it at the line end', () => {
    const text = reflowed([item('Nord-Troms treng folk', 70, 700, 110), item('-', 183.5, 700, 3.3), item('vi må styrkje attraktiviteten vår.', 70, 686, 170)]);
    expect(text).toEqual(['Nord-Troms treng folk - vi må styrkje attraktiviteten vår.']);
  });
});

describe('headings', () => {
  it('keeps a heading whose second line hangs under its title (after the number) as one heading', async () => {
    const title = 'Delmål 3 – Betre samband, digital infrastruktur og tenester som gjer det mogleg å bu, arbeide og drive næring i heile regionen, også på øyane';
    const body = 'Samarbeidspartnarar i dette delmålet er Vestland fylkeskommune, Statens vegvesen og avtalekommunane. Partane skal samle kunnskap om kvar dekninga er svak.';
    const bytes = await pdfkitPdf((doc) => {
      doc.font('Helvetica').fontSize(10).text(body, 64, 80, { width: 440 });
      doc.font('Helvetica-Bold').fontSize(12).text('6.3', 64, 140, { lineBreak: false });
      doc.text(title, 100, 140, { width: 300 });
      doc.font('Helvetica').fontSize(10).text(body, 64, doc.y + 8, { width: 440 });
    });
    const parsed = await readDocument(bytes, 'hengande-overskrift.pdf');
    const blocks = parsed.pages[0]!.blocks;
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['paragraph', body],
      ['heading', `6.3 ${title}`],
      ['paragraph', body],
    ]);
  });

  it('keeps a numbered heading that wraps back to its number as one block', () => {
    const lines = pageLines(
      page([
        item('Brødtekst i avsnittet før overskrifta, sett i vanleg storleik.', 70, 760, 300),
        bold(item('3. Samferdsel, beredskap og', 70, 730, 180, 13.5)),
        bold(item('grønn omstilling', 70, 714, 100, 13.5)),
        item('Gode forbindelser internt og ut av regionen er ein føresetnad.', 70, 695, 300),
      ]),
    );
    const blocks = reflow(lines, Vocabulary.fromLines([]), 'nb');
    expect(blocks.map((b) => b.text)).toEqual([
      'Brødtekst i avsnittet før overskrifta, sett i vanleg storleik.',
      '3. Samferdsel, beredskap og grønn omstilling',
      'Gode forbindelser internt og ut av regionen er ein føresetnad.',
    ]);
  });
});

describe('reading order', () => {
  it('reads top to bottom even when the header and bullets are drawn after the body', () => {
    const lines = pageLines(
      page([
        item('Kvænangen kommune', 88, 700),
        item('Nordreisa kommune', 88, 686),
        item('Hovedparter i denne avtalen er:', 70, 714),
        item('•', 70, 700, 5),
        item('•', 70, 686, 5),
        item('Bygdevekstavtale – Nord-Troms', 70, 800),
      ]),
    );
    expect(lines.map((l) => l.text)).toEqual([
      'Bygdevekstavtale – Nord-Troms',
      'Hovedparter i denne avtalen er:',
      '• Kvænangen kommune',
      '• Nordreisa kommune',
    ]);
  });

  it('reads a two-column page column by column, with a full-width heading first', () => {
    const left = ['Venstre linje en', 'venstre linje to', 'venstre linje tre', 'venstre linje fire'];
    const right = ['Høgre linje en', 'høgre linje to', 'høgre linje tre', 'høgre linje fire'];
    const items = [
      ...right.map((t, i) => item(t, 320, 700 - i * 14, 200)),
      ...left.map((t, i) => item(t, 70, 700 - i * 14, 200)),
      item('1. Overskrift over begge spaltene', 70, 740, 440, 14),
    ];
    expect(pageLines(page(items)).map((l) => l.text)).toEqual(['1. Overskrift over begge spaltene', ...left, ...right]);
  });

  it('finds the gutter when a running header and a page number cross it, and carries a paragraph on into the next column', () => {
    const left = ['Venstre spalte, første linje i', 'avsnittet som held fram i', 'den andre spalta, og som', 'fyller spalta heilt ned', 'til ordet sam-'];
    const right = ['arbeid.', 'Høgre spalte, ny setning her', 'og ei linje til for teksten', 'som går vidare her nede', 'og sluttar til slutt.'];
    const items = [
      ...left.map((t, i) => item(t, 70, 700 - i * 14)),
      ...right.map((t, i) => item(t, 320, 700 - i * 14)),
      item('Avtale – utkast', 240, 800, 75, 8),
      item('1 av 2', 230, 40, 30, 8),
    ];
    const lines = pageLines(page(items));
    expect(lines.map((l) => l.text)).toEqual(['Avtale – utkast', ...left, ...right, '1 av 2']);
    expect(reflow(lines.slice(1, -1), Vocabulary.fromLines([]), 'nn').map((b) => b.text)).toEqual([
      'Venstre spalte, første linje i avsnittet som held fram i den andre spalta, og som fyller spalta heilt ned til ordet samarbeid.',
      'Høgre spalte, ny setning her og ei linje til for teksten som går vidare her nede og sluttar til slutt.',
    ]);
  });

  it('does not take a bullet column for a second text column', () => {
    const items = ['A', 'B', 'C', 'D'].flatMap((t, i) => [item('•', 70, 700 - i * 14, 5), item(`Punkt ${t} med tekst`, 88, 700 - i * 14, 120)]);
    expect(pageLines(page(items)).map((l) => l.text)).toEqual(['• Punkt A med tekst', '• Punkt B med tekst', '• Punkt C med tekst', '• Punkt D med tekst']);
  });
});

describe('running headers and footers', () => {
  it('recognises page numbers in their usual forms', () => {
    for (const t of ['Side 3', 'Side 3 av 12', '3 av 12', '- 4 -', '17', 'Page 2 of 9']) expect(isPageNumber(t), t).toBe(true);
    for (const t of ['Delmål 3', '2028.', 'Side om side med kommunene']) expect(isPageNumber(t), t).toBe(false);
  });

  it('removes lines repeated in the same place on most pages, and only those', () => {
    const openings = ['Brødtekst som opnar første side', 'Og så held teksten fram', 'Siste side byrjar slik'];
    const pages = [1, 2, 3].map((n) =>
      pageLines(
        page([
          item('Avtale om samarbeid – utkast', 70, 800),
          item(openings[n - 1]!, 70, 700),
          item('Delmål 1 står her', 70, 686 - n * 30),
          item(`Prosjektnummer 102028517 Versjon 1.0 ${n} av 3`, 70, 40),
        ]),
      ),
    );
    const furniture = findRunningFurniture(pages);
    const kept = pages.map((lines, p) => lines.filter((_, i) => !furniture[p]!.has(i)).map((l) => l.text));
    expect(kept).toEqual(openings.map((opening) => [opening, 'Delmål 1 står her']));
  });
});

describe('paragraphs', () => {
  it('folds tabs and runs of spaces and keeps list labels as structure', () => {
    expect(cleanLineText('1.\t Befolkningsutviklingen\ti\tNord-Troms  ')).toBe('1. Befolkningsutviklingen i Nord-Troms');
    const lines = pageLines(
      page([
        item('Delmål 1: Øke samarbeid om samfunnsutvikling og planlegging (med', 70, 700, 440),
        item('samarbeidsparter statsforvalter):', 70, 686, 200),
        item('a. Operasjonalisering av samarbeidet', 70, 672, 200),
        item('b. Overordnet planstrategi for samar-', 70, 658, 440),
        item('beidet i regionen', 88, 644, 100),
      ]),
    );
    const blocks = reflow(lines, Vocabulary.fromLines([]), 'nb');
    expect(blocks.map((b) => [b.kind, b.label, b.text])).toEqual([
      ['paragraph', undefined, 'Delmål 1: Øke samarbeid om samfunnsutvikling og planlegging (med samarbeidsparter statsforvalter):'],
      ['item', 'a.', 'a. Operasjonalisering av samarbeidet'],
      ['item', 'b.', 'b. Overordnet planstrategi for samarbeidet i regionen'],
    ]);
  });
});

describe('language and kind from content', () => {
  it('tells nynorsk from bokmål by marker words', () => {
    expect(detectLanguage('Kommunane skal ikkje gjere dette åleine, og dei vil ha eit samarbeid frå 2025.').language).toBe('nn');
    expect(detectLanguage('Kommunene skal ikke gjøre dette alene, og de vil ha et samarbeid fra 2025.').language).toBe('nb');
  });

  it('tells the document kinds apart and says UNKNOWN for other texts', () => {
    expect(detectKind('Referat fra møte i styret. Saker: budsjett og regnskap.').kind).toBe('UNKNOWN');
    expect(
      detectKind('2. Hovudpartar i avtala\n3. Andre aktørar med særlege rollar i avtala\n6.1 Delmål 1 Bustad').kind,
    ).toBe('BYGDEVEKST_AGREEMENT');
  });
});
