/**
 * Turns a corpus source text (the text layer of an original PDF: one visual line per
 * line, blank lines between them, page artefacts) into typed blocks that the renderer
 * lays out again: headings, paragraphs, bullets and labelled list items.
 */

export type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string; emphasis?: boolean }
  | { kind: 'footnote'; text: string }
  | { kind: 'item'; label: string; text: string };

export interface SourceOptions {
  /** Lines of the original's running page blocks, removed before re-flowing. */
  artefactLines: RegExp[];
  /** Starts of the original's footnote lines; each opens a footnote block. */
  footnotes: RegExp[];
  /** The source separates paragraphs by empty lines (rather than putting one between all lines). */
  emptyLineIsGap?: boolean;
}

const BULLET = /^[•▪◦–-]\s+(.*)$/;
const LETTERED = /^([a-z])\.\s+(.*)$/;
/** "1.\tTekst" — a numbered list item; the tab distinguishes it from a heading. */
const NUMBERED_ITEM = /^(\d{1,2})\.\t\s*(.*)$/;
/** "2. Hovedparter i avtalen", "6.1 Delmål 1 …", "1.3.1 Pilot …", "6.1: Struktur …". */
const NUMBERED_HEADING = /^(\d{1,2}(?:\.\d{1,2})*)(\.|:)?\s+([A-ZÆØÅ«].*)$/;
/** Labelled lead-ins that open their own block: "Delmål 1.2: …", "Innsatsområde 2 – …". */
const LEAD_IN = /^(Delmål \d+(?:\.\d+)?:|Innsatsområde \d+ –|Strategier\b|Vedlegg \d+)/;

interface Line {
  text: string;
  /** A whitespace-only line stood before this one in the source. */
  afterGap: boolean;
}

function readLines(source: string, options: SourceOptions): Line[] {
  const lines: Line[] = [];
  let gap = false;
  for (const raw of source.split(/\r?\n/)) {
    if (raw === '' && !options.emptyLineIsGap) continue; // the text layer put an empty line between all lines
    const text = raw.replace(/\t+/g, (tabs, offset: number) =>
      // keep the tab only after a list number, where it marks the item
      offset > 0 && /^\d{1,2}\.$/.test(raw.slice(0, offset)) ? '\t' : ' ',
    ).replace(/ {2,}/g, ' ').trim();
    if (text === '') {
      gap = true;
      continue;
    }
    if (options.artefactLines.some((re) => re.test(text))) continue;
    lines.push({ text, afterGap: gap });
    gap = false;
  }
  return lines;
}

/** Joins a wrapped line onto the text before it, undoing line-end hyphenation. */
function joinWrapped(before: string, next: string): string {
  // "botilbud-" + "og næringsutvikling": a suspended compound keeps its hyphen and the space
  if (/\p{L}-$/u.test(before) && /^(og|eller)\s/.test(next)) return `${before} ${next}`;
  if (/\p{L}-$/u.test(before) && /^\p{Ll}/u.test(next)) {
    return before.slice(0, -1) + next; // "fylkes-" + "kommune"
  }
  if (/\S-$/.test(before) || /\d–$/.test(before)) return before + next; // "Nord-" + "Troms", "2024–" + "2027"
  return `${before} ${next}`;
}

function startsBlock(line: Line, previous: string | undefined, options: SourceOptions): boolean {
  const t = line.text;
  if (previous === undefined) return true;
  if (isFootnote(t, options) || isFootnote(previous, options)) return true;
  if (BULLET.test(t) || LETTERED.test(t) || NUMBERED_ITEM.test(t) || LEAD_IN.test(t)) return true;
  if (t.startsWith(HEADING_MARK) || previous.startsWith(HEADING_MARK)) return true;
  if (NUMBERED_HEADING.test(t) && /^\d{1,2}\.(\d{1,2})?\s/.test(t) && /[.:]$/.test(previous)) return true;
  if (/:$/.test(previous)) return true;
  // short stand-alone lines: "Evaluering", "Langsiktige resultater:", a signatory's name and office
  if (isShortLine(t) && (/[.!?]$/.test(previous) || isShortLine(previous))) return true;
  if (isShortLine(previous) && !/[,:]$/.test(previous) && /^\p{Lu}/u.test(t)) return true;
  // A gap in the source is a paragraph break unless it falls inside a sentence
  // (the original's page breaks also leave gaps).
  if (line.afterGap) return /[.!?»”)]$/.test(previous) || (/^\p{Lu}/u.test(t) && !ENDS_MID_PHRASE.test(previous));
  return false;
}

function isShortLine(text: string): boolean {
  return text.length <= 40 && /^\p{Lu}/u.test(text) && !/[-–]$/.test(text) && !BULLET.test(text);
}

/** Marks lines chosen as headings while blocks are grouped. */
const HEADING_MARK = '\u0001';

const ENDS_MID_PHRASE = /\s(og|i|til|for|av|med|om|på|som|en|et|ein|eit|eller|fra|frå|er|der)$/;

function isHeadingLine(text: string): boolean {
  const m = NUMBERED_HEADING.exec(text);
  if (!m || NUMBERED_ITEM.test(text)) return false;
  return text.length <= 95 && !/[.,;-]$/.test(text) && !ENDS_MID_PHRASE.test(text);
}

/** "6.3 Delmål 3 … bevaring av" + "natur": a sub-goal heading wrapped onto a short second line. */
function isWrappedHeading(line: Line, next: Line | undefined, afterNext: Line | undefined): boolean {
  return (
    /^\d{1,2}\.\d{1,2}\s+Delmål\s/.test(line.text) &&
    ENDS_MID_PHRASE.test(line.text) &&
    next !== undefined &&
    next.text.length <= 40 &&
    !/[.:]$/.test(next.text) &&
    (!afterNext || /^[\p{Lu}•«\d]/u.test(afterNext.text))
  );
}

export function sourceToBlocks(source: string, options: SourceOptions): Block[] {
  const lines = readLines(source, options);
  for (let i = 0; i < lines.length; i++) {
    if (isWrappedHeading(lines[i]!, lines[i + 1], lines[i + 2])) {
      lines[i]!.text = `${lines[i]!.text} ${lines[i + 1]!.text}`;
      lines.splice(i + 1, 1);
    }
  }
  const groups: string[][] = [];
  let previous: string | undefined;
  lines.forEach((line, i) => {
    // a numbered line is a heading only when what follows starts anew
    const next = lines[i + 1];
    const heading =
      !isFootnote(line.text, options) && isHeadingLine(line.text) && (!next || next.afterGap || /^[\p{Lu}•«\d]/u.test(next.text));
    if (heading) line.text = `${HEADING_MARK}${line.text}`;
    if (startsBlock(line, previous, options)) groups.push([line.text]);
    else groups[groups.length - 1]!.push(line.text);
    previous = line.text;
  });
  return groups.map((group) => toBlock(group, options));
}

function isFootnote(text: string, options: SourceOptions): boolean {
  return options.footnotes.some((re) => re.test(text));
}

function toBlock(lines: string[], options: SourceOptions): Block {
  const text = lines.reduce(joinWrapped);
  const first = lines[0]!;
  if (isFootnote(first, options)) return { kind: 'footnote', text };
  let m: RegExpExecArray | null;
  if ((m = BULLET.exec(text))) return { kind: 'item', label: '•', text: m[1]! };
  if ((m = LETTERED.exec(text))) return { kind: 'item', label: `${m[1]}.`, text: m[2]! };
  if ((m = NUMBERED_ITEM.exec(text))) return { kind: 'item', label: `${m[1]}.`, text: m[2]!.trim() };
  if (first.startsWith(HEADING_MARK)) {
    const heading = text.slice(HEADING_MARK.length);
    return { kind: 'heading', level: NUMBERED_HEADING.exec(heading)![1]!.split('.').length, text: heading };
  }
  if ((m = /^(\d{1,2}\.)\s+(.*)$/.exec(text))) return { kind: 'item', label: m[1]!, text: m[2]! };
  if (/^Innsatsområde \d+ –/.test(text)) return { kind: 'heading', level: 2, text };
  if (LEAD_IN.test(text)) return { kind: 'paragraph', text, emphasis: true };
  return { kind: 'paragraph', text };
}
