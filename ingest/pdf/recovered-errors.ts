/**
 * What pdf.js recovered from while it read a PDF, told apart by what it means for the text.
 * pdf.js reads a damaged file as far as it can and says what it skipped only as console
 * warnings (collected by `pdf-worker.mjs`, each with the page being read). Three kinds:
 *
 * - text lost: a page's content could not be read whole (its content stream breaks off, holds
 *   operators or strings that are no PDF, or its fonts or character maps are missing or broken),
 *   or pages fell out of the page tree. A character map can also be damaged without a warning:
 *   its glyphs then come out as control characters, which no text holds. The text read is not
 *   the document's: `DAMAGED_PDF`.
 * - repaired: the file's structure was mended (the cross-reference table rebuilt, a page count
 *   that does not match the pages) or something that carries no text was dropped (a font's
 *   glyph program). The text may well be whole: the document is read, and flagged, with the
 *   pages that came out without any text named.
 * - harmless: a TrueType font's hinting program, which only shapes glyphs on screen.
 */

/** A warning of pdf.js, with the 1-based page being read when it came (0 while the document was opened). */
export interface PdfWarning {
  page: number;
  message: string;
}

export interface RecoveredErrors {
  /** Pages whose text is missing or garbled (0: the document as a whole), with the first warning that says so. */
  textLost: { pages: number[]; example: string } | undefined;
  /** What was mended, one phrase each, for the quality report. */
  repairs: string[];
}

const HARMLESS = [/^TT: /, /standardFontDataUrl/, /^XFA - /];

const TEXT_LOST = [
  /^getTextContent - ignoring/,
  /^getOperatorList - ignoring errors/,
  /^getContentStream - ignoring/,
  /^Unknown command/,
  /^Skipping command/,
  /^getHexString - ignoring/,
  /^Unterminated string/,
  /^Badly formatted number/,
  /^ensureStateFont/,
  /^readToUnicode - ignoring/,
  /^Invalid cMap data/,
  /^Font ".*" is not available/,
  /^getAllPageDicts - Skipping/,
];

/** A page as read: its number and the strings of its text items. */
interface PageText {
  number: number;
  items: { text: string }[];
}

/** Characters no text holds: C0 controls other than tab and line ends, and the replacement character. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/g;
/** A page is garbled when more than this share of its characters are such (and at least a few). */
const GARBLED_SHARE = 0.01;
const GARBLED_MIN = 5;

export function recoveredErrors(warnings: PdfWarning[], pages: PageText[]): RecoveredErrors {
  const meaningful = warnings.filter((w) => !HARMLESS.some((re) => re.test(w.message)));
  const lost = meaningful.filter((w) => TEXT_LOST.some((re) => re.test(w.message)));
  for (const page of pages) {
    const text = page.items.map((i) => i.text).join('');
    const controls = text.match(CONTROL)?.length ?? 0;
    if (controls >= GARBLED_MIN && controls > GARBLED_SHARE * text.length) {
      lost.push({ page: page.number, message: `${controls} of the page's ${text.length} characters are control characters (its character map is damaged)` });
    }
  }
  const repairs: string[] = [];
  const other = meaningful.filter((w) => !lost.includes(w));
  if (other.some((w) => /^Indexing all PDF objects/.test(w.message))) repairs.push('its cross-reference table is damaged and was rebuilt');
  const count = other.map((w) => /^checkLastPage - invalid \/Pages tree \/Count: (\S+?)\.?$/.exec(w.message)?.[1]).find(Boolean);
  if (count) repairs.push(`its page tree declares ${count} pages, and ${pages.length} were found`);
  const rest = other.filter((w) => !/^Indexing all PDF objects|^checkLastPage/.test(w.message));
  if (rest.length > 0) repairs.push(`pdf.js recovered from ${rest.length === 1 ? 'an error' : `${rest.length} errors`} (${clip(rest[0]!.message)})`);
  const empty = pages.filter((p) => p.items.every((i) => i.text.trim() === '')).map((p) => p.number);
  if (repairs.length > 0 && empty.length > 0) repairs.push(`page${empty.length > 1 ? 's' : ''} ${empty.join(', ')} came out without text`);
  return {
    textLost: lost.length > 0 ? { pages: [...new Set(lost.map((w) => w.page))].sort((a, b) => a - b), example: clip(lost[0]!.message) } : undefined,
    repairs,
  };
}

/** The reason of the DAMAGED_PDF error for a document whose text was lost. */
export function textLostReason(lost: NonNullable<RecoveredErrors['textLost']>): string {
  const pages = lost.pages.filter((p) => p > 0);
  const where = pages.length === 0 ? 'in the document' : `on page${pages.length > 1 ? 's' : ''} ${pages.join(', ')}`;
  return `the PDF is damaged: text is missing or garbled ${where} (pdf.js: ${lost.example})`;
}

function clip(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
