/**
 * Finds a quote in the text items pdf.js gives for one or more pages, so the viewer can mark it in
 * the text layer. Pure (no DOM): it works on `{ str, hasEOL }` items, as `getTextContent()` returns
 * them in the browser and in Node.
 *
 * Both sides are folded to lower-case letters and digits only, so white space, line breaks and
 * line-end hyphens (which the quote has joined) do not matter. When the quote is not there whole
 * (a running header between two pages, table cells in another order), it is found piece by piece:
 * the longest run of the quote's words at a time, in reading order where possible.
 */

export interface TextItemLike {
  str: string;
  hasEOL?: boolean;
}

/** A stretch of one item's text to mark: `str.slice(start, end)` of `pages[page][item]`. */
export interface Mark {
  page: number;
  item: number;
  start: number;
  end: number;
}

export interface QuoteMatch {
  marks: Mark[];
  /** Share of the quote's letters and digits that were found (0–1). */
  coverage: number;
  /** The quote stands on the pages in one piece. */
  whole: boolean;
}

const LETTER = /[\p{L}\p{N}]/u;

/** Letters and digits of a text, lower case, with where each came from. */
function foldWithMap(pages: TextItemLike[][]): { text: string; at: Omit<Mark, 'end'>[] } {
  let text = '';
  const at: Omit<Mark, 'end'>[] = [];
  pages.forEach((items, page) =>
    items.forEach((item, index) => {
      let offset = 0;
      // offsets into the item's own text (pdf.js has already normalised ligatures), so marks fit its span
      for (const ch of item.str) {
        for (const folded of ch.normalize('NFKC').toLowerCase()) {
          if (!LETTER.test(folded)) continue;
          text += folded;
          at.push({ page, item: index, start: offset });
        }
        offset += ch.length;
      }
    }),
  );
  return { text, at };
}

/** The quote's words, folded the same way. */
export function foldedWords(quote: string): string[] {
  return quote.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Turns positions in the folded page text into marks, one per item stretch. */
function toMarks(ranges: [number, number][], at: Omit<Mark, 'end'>[], pages: TextItemLike[][]): Mark[] {
  const marks: Mark[] = [];
  for (const [from, to] of ranges) {
    for (let i = from; i < to; i++) {
      const here = at[i]!;
      const last = marks.at(-1);
      const charEnd = here.start + (pages[here.page]![here.item]!.str.codePointAt(here.start)! > 0xffff ? 2 : 1);
      if (last && last.page === here.page && last.item === here.item && here.start >= last.start) last.end = Math.max(last.end, charEnd);
      else marks.push({ ...here, end: charEnd });
    }
  }
  return marks;
}

/** The longest prefix of `needle` that occurs in `hay` (at or after `from` when possible): its start and length. */
function longestPrefix(hay: string, needle: string, from: number): { at: number; length: number } {
  const find = (length: number) => {
    const piece = needle.slice(0, length);
    const after = hay.indexOf(piece, from);
    return after >= 0 ? after : hay.indexOf(piece);
  };
  // presence is monotonic in the prefix length, so a binary search finds the longest
  let lo = 0;
  let hi = needle.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (find(mid) >= 0) lo = mid;
    else hi = mid - 1;
  }
  return { at: lo > 0 ? find(lo) : -1, length: lo };
}

/** Pieces shorter than this (in letters) are not trusted unless they finish the quote: "og" is everywhere. */
const MIN_PIECE = 8;

export function matchQuote(pages: TextItemLike[][], quote: string): QuoteMatch {
  const words = foldedWords(quote);
  const needle = words.join('');
  const { text, at } = foldWithMap(pages);
  if (!needle) return { marks: [], coverage: 0, whole: false };
  const whole = text.indexOf(needle);
  if (whole >= 0) return { marks: toMarks([[whole, whole + needle.length]], at, pages), coverage: 1, whole: true };

  const ranges: [number, number][] = [];
  let found = 0;
  let from = 0;
  let w = 0;
  while (w < words.length) {
    const rest = words.slice(w).join('');
    const { at: start, length } = longestPrefix(text, rest, from);
    // whole words only: shorten the piece to the last word boundary it covers
    let covered = 0;
    let n = 0;
    while (w + n < words.length && covered + words[w + n]!.length <= length) covered += words[w + n++]!.length;
    if (n > 0 && (covered >= MIN_PIECE || w + n === words.length)) {
      ranges.push([start, start + covered]);
      found += covered;
      from = start + covered;
      w += n;
    } else w += 1;
  }
  return { marks: toMarks(ranges, at, pages), coverage: found / needle.length, whole: false };
}
