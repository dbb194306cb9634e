/**
 * Parser for the dev-set source format: a small Markdown subset (see ../README.md).
 *
 *   <!-- lang: nb|nn -->  <!-- columns: 2 -->  <!-- header: … -->  <!-- footer: Side {page} av {pages} -->
 *   # title   ## section   ### sub-section      (the heading text is printed exactly as written)
 *   paragraphs separated by blank lines, wrapped lines joined with one space
 *   - bullet            1. / a) labelled item (label printed as written)
 *   | pipe | table |    with a |---|---| separator line after the header row
 *   **bold** inside paragraphs, list items and table cells
 *
 * The parser is strict: anything else (other meta keys, a table without separator, deeper
 * headings) is an error, so a typo in a source does not silently change the rendered document.
 */

export interface Span {
  text: string;
  bold: boolean;
}

export interface ListItem {
  /** null for a bullet (rendered as •), otherwise the label as written: "1.", "a)". */
  label: string | null;
  spans: Span[];
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; spans: Span[] }
  | { kind: 'list'; items: ListItem[] }
  | { kind: 'table'; header: Span[][]; rows: Span[][][] };

export interface SourceMeta {
  lang: 'nb' | 'nn';
  columns: 1 | 2;
  header: string | null;
  /** May contain {page} and {pages}. */
  footer: string | null;
}

export interface SourceDocument {
  name: string;
  meta: SourceMeta;
  /** Text of the first `# ` heading (also kept as the first heading block). */
  title: string;
  blocks: Block[];
}

const META = /^<!--\s*([a-z]+)\s*:\s*(.*?)\s*-->$/;
const HEADING = /^(#{1,6}) (.*)$/;
const BULLET = /^- (.*)$/;
const LABELLED = /^(\d{1,2}\.|[a-zæøå]\)) (.*)$/;

export class SourceError extends Error {
  constructor(name: string, line: number, message: string) {
    super(`${name}.md:${line}: ${message}`);
  }
}

/** Splits `**bold**` runs out of a text. An unmatched `**` is an error. */
export function parseSpans(text: string, where: () => string = () => 'text'): Span[] {
  const parts = text.split('**');
  if (parts.length % 2 === 0) throw new Error(`${where()}: unmatched ** in "${text}"`);
  const spans: Span[] = [];
  parts.forEach((part, i) => {
    if (part !== '') spans.push({ text: part, bold: i % 2 === 1 });
  });
  return spans;
}

export function spansText(spans: Span[]): string {
  return spans.map((s) => s.text).join('');
}

function splitRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|')) body = body.slice(0, -1);
  return body.split('|').map((cell) => cell.trim());
}

export function parseSource(name: string, text: string): SourceDocument {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const meta: SourceMeta = { lang: 'nb', columns: 1, header: null, footer: null };
  const blocks: Block[] = [];
  let i = 0;

  // Leading meta comments (blank lines between them are allowed).
  while (i < lines.length) {
    const line = (lines[i] ?? '').trim();
    if (line === '') {
      i++;
      continue;
    }
    const m = META.exec(line);
    if (!m) break;
    const key = m[1] ?? '';
    const value = m[2] ?? '';
    if (key === 'lang') {
      if (value !== 'nb' && value !== 'nn') throw new SourceError(name, i + 1, `lang must be nb or nn, not "${value}"`);
      meta.lang = value;
    } else if (key === 'columns') {
      if (value !== '1' && value !== '2') throw new SourceError(name, i + 1, `columns must be 1 or 2, not "${value}"`);
      meta.columns = value === '2' ? 2 : 1;
    } else if (key === 'header') {
      meta.header = value;
    } else if (key === 'footer') {
      meta.footer = value;
    } else {
      throw new SourceError(name, i + 1, `unknown meta key "${key}"`);
    }
    i++;
  }

  let paragraph: string[] = [];
  let paragraphLine = 0;
  let list: { items: { label: string | null; text: string; line: number }[] } | null = null;

  const flushParagraph = () => {
    if (paragraph.length > 0) {
      const joined = paragraph.join(' ');
      const at = paragraphLine;
      blocks.push({ kind: 'paragraph', spans: parseSpans(joined, () => `${name}.md:${at}`) });
      paragraph = [];
    }
  };
  const flushList = () => {
    if (list) {
      blocks.push({
        kind: 'list',
        items: list.items.map((item) => ({
          label: item.label,
          spans: parseSpans(item.text, () => `${name}.md:${item.line}`),
        })),
      });
      list = null;
    }
  };
  const flush = () => {
    flushParagraph();
    flushList();
  };

  for (; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const line = raw.trimEnd();
    const lineNo = i + 1;
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (line.trimStart().startsWith('<!--')) throw new SourceError(name, lineNo, 'meta comments belong at the top of the file');

    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const level = (heading[1] ?? '').length;
      if (level > 3) throw new SourceError(name, lineNo, 'only #, ## and ### headings are supported');
      blocks.push({ kind: 'heading', level: level as 1 | 2 | 3, text: (heading[2] ?? '').trim() });
      continue;
    }

    if (line.startsWith('|')) {
      flush();
      const header = splitRow(line);
      const sep = (lines[i + 1] ?? '').trim();
      if (!/^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/.test(sep)) {
        throw new SourceError(name, lineNo + 1, 'a table header must be followed by a |---|---| line');
      }
      if (splitRow(sep).length !== header.length) throw new SourceError(name, lineNo + 1, 'separator has the wrong number of cells');
      i += 2;
      const rows: Span[][][] = [];
      while (i < lines.length && (lines[i] ?? '').trim().startsWith('|')) {
        const cells = splitRow(lines[i] ?? '');
        if (cells.length !== header.length) {
          throw new SourceError(name, i + 1, `row has ${cells.length} cells, header has ${header.length}`);
        }
        const rowLine = i + 1;
        rows.push(cells.map((c) => parseSpans(c, () => `${name}.md:${rowLine}`)));
        i++;
      }
      i--; // the for loop advances
      blocks.push({ kind: 'table', header: header.map((c) => parseSpans(c, () => `${name}.md:${lineNo}`)), rows });
      continue;
    }

    const bullet = BULLET.exec(line);
    const labelled = bullet ? null : LABELLED.exec(line);
    if (bullet || labelled) {
      flushParagraph();
      if (!list) list = { items: [] };
      if (bullet) list.items.push({ label: null, text: (bullet[1] ?? '').trim(), line: lineNo });
      else list.items.push({ label: labelled?.[1] ?? '', text: (labelled?.[2] ?? '').trim(), line: lineNo });
      continue;
    }

    // An indented line right after a list item continues that item.
    const openList = list as { items: { label: string | null; text: string; line: number }[] } | null;
    if (openList && /^\s{2,}\S/.test(raw)) {
      const last = openList.items[openList.items.length - 1];
      if (last) last.text += ' ' + line.trim();
      continue;
    }
    flushList();
    if (paragraph.length === 0) paragraphLine = lineNo;
    paragraph.push(line.trim());
  }
  flush();

  const first = blocks.find((b) => b.kind === 'heading' && b.level === 1);
  if (!first || first.kind !== 'heading') throw new SourceError(name, 1, 'the document needs a "# " title');
  return { name, meta, title: first.text, blocks };
}

/** Replaces {page} and {pages} in a running header/footer template. */
export function fillTemplate(template: string, page: number, pages: number): string {
  return template.replace(/\{page\}/g, String(page)).replace(/\{pages\}/g, String(pages));
}

/** Splits a header/footer template into literal text and {page}/{pages} fields. */
export function templateParts(template: string): ({ kind: 'text'; text: string } | { kind: 'page' } | { kind: 'pages' })[] {
  const parts: ({ kind: 'text'; text: string } | { kind: 'page' } | { kind: 'pages' })[] = [];
  for (const piece of template.split(/(\{page\}|\{pages\})/)) {
    if (piece === '') continue;
    if (piece === '{page}') parts.push({ kind: 'page' });
    else if (piece === '{pages}') parts.push({ kind: 'pages' });
    else parts.push({ kind: 'text', text: piece });
  }
  return parts;
}
