/**
 * What pdf.js recovered from, told apart by what it means for the text (ingest/pdf/recovered-errors.ts):
 * lost text refuses the file, a mended structure flags it, font hinting is nothing. The warnings
 * are pdf.js's own, as it gave them on the damaged files of tests/helpers/damaged-pdfs.ts.
 */
import { describe, expect, it } from 'vitest';
import { recoveredErrors, textLostReason } from '../ingest/pdf/recovered-errors.ts';

const page = (number: number, text = 'Avtalen gjeld frå 2025.') => ({ number, items: [{ text }] });
const pages = [page(1), page(2), page(3), page(4)];

describe('recovered errors', () => {
  it('a sound file, or one whose only warnings are about font hinting, has nothing to say', () => {
    expect(recoveredErrors([], pages)).toEqual({ textLost: undefined, repairs: [] });
    expect(recoveredErrors([{ page: 2, message: 'TT: undefined function: 0' }, { page: 2, message: 'TT: complementing a missing function tail' }], pages)).toEqual({ textLost: undefined, repairs: [] });
  });

  it('a page whose content could not be read whole is text lost, naming the page', () => {
    const r = recoveredErrors(
      [
        { page: 0, message: 'Indexing all PDF objects' },
        { page: 4, message: 'Unknown command ">".' },
        { page: 4, message: 'getTextContent - ignoring errors during "GetTextContent: page 3" task: "FormatError: Bad FCHECK in flate stream: 120, 253".' },
      ],
      pages,
    );
    expect(r.textLost).toEqual({ pages: [4], example: 'Unknown command ">".' });
    expect(textLostReason(r.textLost!)).toBe('the PDF is damaged: text is missing or garbled on page 4 (pdf.js: Unknown command ">".)');
  });

  it('glyphs read as control characters are text lost, though pdf.js said nothing', () => {
    const r = recoveredErrors([], [page(1), page(2, 'Innledning \u0001\u0002\u0003\u0004\u0005 \u0006\u0007\b \u0005 \u000e\u0003')]);
    expect(r.textLost?.pages).toEqual([2]);
    // one stray control character in a page of text is no damage
    expect(recoveredErrors([], [page(1, `${'Avtalen gjeld frå 2025. '.repeat(40)}\u0003`)]).textLost).toBeUndefined();
  });

  it('a mended structure is a repair: the rebuilt table, a page count that does not match, and the pages that came out empty', () => {
    const r = recoveredErrors(
      [
        { page: 0, message: 'Indexing all PDF objects' },
        { page: 0, message: 'checkLastPage - invalid /Pages tree /Count: 1000000.' },
      ],
      [page(1, ''), page(2), page(3)],
    );
    expect(r.textLost).toBeUndefined();
    expect(r.repairs).toEqual(['its cross-reference table is damaged and was rebuilt', 'its page tree declares 1000000 pages, and 3 were found', 'page 1 came out without text']);
    // an empty page of a sound file is no damage
    expect(recoveredErrors([], [page(1, ''), page(2)]).repairs).toEqual([]);
  });

  it('a warning it does not know is still a repair, quoted', () => {
    const r = recoveredErrors([{ page: 3, message: 'translateFont - fetching "CZZZZZ+DejaVuSans-Bold" font file: "FormatError: FontFile is empty".' }], pages);
    expect(r.repairs).toEqual(['pdf.js recovered from an error (translateFont - fetching "CZZZZZ+DejaVuSans-Bold" font file: "FormatError: FontFile is empty".)']);
  });
});
