/**
 * Re-flows the visual lines of a page into blocks: headings, paragraphs and list items
 * (bullets and labels such as "•", "–", "a.", "1." are kept at the start of their item).
 * Line-end hyphens are resolved while lines are joined.
 */
import { joinHyphenated, LINE_END_HYPHEN, type Language, type Vocabulary } from './dehyphenate.ts';
import type { Line } from './reading-order.ts';

export type BlockKind = 'heading' | 'paragraph' | 'item';

export interface TextBlock {
  kind: BlockKind;
  text: string;
  /** "•", "a.", "1." for list items. */
  label?: string;
  fontSize: number;
  bold: boolean;
}

/** A list label; "30. januar 2024" at a line start is a date, not item 30. */
const LIST_LABEL = /^([•▪◦●○■□►–—-]|\d{1,2}[.)](?!\s+(?:jan|feb|mar|apr|mai|jun|jul|aug|sep|okt|nov|des)\p{Ll}*\b)|[a-zæøå][.)])\s+/u;

/** Folds tabs, no-break spaces and runs of spaces; maps U+2010 to "-"; drops mid-line soft hyphens. */
export function cleanLineText(text: string): string {
  return text
    .replace(/[\t\u00A0\u2000-\u200A\u202F ]+/g, ' ')
    .replace(/\u2010/g, '-')
    .replace(/\u00AD(?=\S)/g, '')
    .trim();
}

export function reflow(lines: Line[], vocabulary: Vocabulary, language: Language): TextBlock[] {
  const body = bodyStyle(lines);
  const blocks: (TextBlock & { indent: number; last: Line })[] = [];
  for (const line of lines) {
    const text = cleanLineText(line.text);
    if (!text) continue;
    const label = LIST_LABEL.exec(text)?.[1];
    const heading = isHeadingStyle(line, body);
    const previous = blocks[blocks.length - 1];
    if (previous && !label && continues(previous, line, heading, body)) {
      previous.text = LINE_END_HYPHEN.test(previous.text)
        ? joinHyphenated(previous.text, text, vocabulary, language)
        : `${previous.text} ${text}`;
      previous.last = line;
      continue;
    }
    blocks.push({
      kind: label ? 'item' : heading ? 'heading' : 'paragraph',
      text,
      ...(label ? { label } : {}),
      fontSize: line.fontSize,
      bold: line.bold,
      indent: label ? line.x + 6 : line.x,
      last: line,
    });
  }
  return blocks.map(({ indent: _indent, last: _last, ...block }) => block);
}

interface BodyStyle {
  fontSize: number;
  spacing: number;
  /** Right edge of the text, per column. */
  right: Map<number, number>;
}

/** The most common font size and line spacing on the page, and the usual right edge. */
function bodyStyle(lines: Line[]): BodyStyle {
  const mode = (values: number[]) => {
    const counts = new Map<number, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  };
  const weighted = lines.flatMap((l) => Array<number>(Math.max(1, Math.round(l.text.length / 10))).fill(round(l.fontSize)));
  const fontSize = mode(weighted);
  const spacings: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    if (a.column === b.column && round(a.fontSize) === fontSize && round(b.fontSize) === fontSize) {
      const d = round(a.y - b.y);
      if (d > 0) spacings.push(d);
    }
  }
  const right = new Map<number, number>();
  for (const l of lines) right.set(l.column, Math.max(right.get(l.column) ?? 0, l.right));
  return { fontSize, spacing: mode(spacings) || fontSize * 1.3, right };
}

function isHeadingStyle(line: Line, body: BodyStyle): boolean {
  return line.fontSize > body.fontSize * 1.08 || (line.bold && line.fontSize >= body.fontSize * 0.95);
}

function continues(
  previous: TextBlock & { indent: number; last: Line },
  line: Line,
  heading: boolean,
  body: BodyStyle,
): boolean {
  const last = previous.last;
  if (last.column !== line.column) return false;
  if ((previous.kind === 'heading') !== heading) return false;
  if (Math.abs(last.fontSize - line.fontSize) > 0.5 || last.bold !== line.bold) return false;
  const gap = last.y - line.y;
  if (gap <= 0 || gap > body.spacing * 1.35) return false;
  if (previous.kind === 'item' && line.x < previous.indent - 2) return false;
  if (previous.kind !== 'item' && line.x > previous.indent + 12) return false;
  // a short line that ends a sentence closes its paragraph
  const columnRight = body.right.get(line.column) ?? last.right;
  const short = last.right < columnRight - Math.max(40, (columnRight - previous.indent) * 0.12);
  if (short && /[.!?:]$/.test(last.text.trim())) return false;
  return true;
}

function round(n: number): number {
  return Math.round(n * 2) / 2;
}
