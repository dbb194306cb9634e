/**
 * Themes of a text from the stemmed vocabularies of themes.json, in both written standards.
 */
import themeVocabulary from '../lexicon/themes.json' with { type: 'json' };
import { stem, toBokmaal, words } from '../../domain/nlp.ts';
import { THEMES, type Theme } from '../../domain/records.ts';

interface Term {
  /** Words of the term; a multi-word term matches consecutive words. */
  words: string[];
  stems: string[];
  infix: boolean;
  /** The last word must match whole. */
  exact: boolean;
}

const vocabulary: [Theme, Term[]][] = THEMES.map((theme) => {
  const terms = (themeVocabulary.themes as Record<string, string[]>)[theme] ?? [];
  return [
    theme,
    terms.map((t) => {
      const infix = t.startsWith('*');
      const exact = t.endsWith('$');
      const ws = words(t.replace(/^\*|\$$/g, ''));
      return { words: ws, stems: ws.map((w) => stem(w)), infix, exact };
    }),
  ];
});

/** The themes a text is about, in the order of THEMES. */
export function themesOf(text: string): Theme[] {
  const raw = words(text);
  const folded = raw.map((w) => toBokmaal(w));
  const stems = folded.map((w) => stem(w));
  return vocabulary.filter(([, terms]) => terms.some((term) => occurs(term, raw, folded, stems))).map(([theme]) => theme);
}

function occurs(term: Term, raw: string[], folded: string[], stems: string[]): boolean {
  for (let i = 0; i + term.words.length <= raw.length; i++) {
    if (term.words.every((w, j) => matches(term, j, raw[i + j]!, folded[i + j]!, stems[i + j]!))) return true;
  }
  return false;
}

function matches(term: Term, j: number, raw: string, folded: string, wordStem: string): boolean {
  const w = term.words[j]!;
  const s = term.stems[j]!;
  const last = j === term.words.length - 1;
  if (!last || term.exact) return raw === w || folded === w;
  if (term.infix) return raw.includes(w) || folded.includes(w);
  // short terms ("tog", "lege") must match whole; longer ones may begin a compound
  if (w.length < 4) return raw === w || folded === w || wordStem === s;
  return raw.startsWith(w) || folded.startsWith(w) || wordStem === s || (s.length >= 5 && wordStem.startsWith(s));
}
