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

/** The words of a text that made it about a theme. */
export interface ThemeWords {
  theme: Theme;
  /** Lower-cased, in the order they stand in the text. */
  words: string[];
}

/** The themes a text is about, in the order of THEMES. */
export function themesOf(text: string): Theme[] {
  return themeWordsOf(text).map((t) => t.theme);
}

/** The themes a text is about with the words that gave each, in the order of THEMES. */
export function themeWordsOf(text: string): ThemeWords[] {
  const raw = words(text);
  const folded = raw.map((w) => toBokmaal(w));
  const stems = folded.map((w) => stem(w));
  const found: ThemeWords[] = [];
  for (const [theme, terms] of vocabulary) {
    const at = new Set<number>();
    for (const term of terms) for (const i of occurrences(term, raw, folded, stems)) for (let j = 0; j < term.words.length; j++) at.add(i + j);
    if (at.size > 0) found.push({ theme, words: [...new Set([...at].sort((a, b) => a - b).map((i) => raw[i]!))] });
  }
  return found;
}

/** Where a term starts in the words of a text. */
function occurrences(term: Term, raw: string[], folded: string[], stems: string[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i + term.words.length <= raw.length; i++) {
    if (term.words.every((_, j) => matches(term, j, raw[i + j]!, folded[i + j]!, stems[i + j]!))) starts.push(i);
  }
  return starts;
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
