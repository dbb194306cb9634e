/**
 * Tells the written standard (bokmål or nynorsk) and the kind of a document from its text,
 * never from its file name. Both rules read their word lists from ingest/lexicon/.
 */
import markers from './lexicon/language-markers.json' with { type: 'json' };
import kinds from './lexicon/document-kinds.json' with { type: 'json' };

import type { DocumentKind, Language } from '../domain/records.ts';

export type { DocumentKind, Language };

const nynorsk = new Set(markers.nn);
const bokmal = new Set(markers.nb);

export interface LanguageScore {
  language: Language;
  nb: number;
  nn: number;
}

export function detectLanguage(text: string): LanguageScore {
  let nb = 0;
  let nn = 0;
  for (const token of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (nynorsk.has(token)) nn++;
    if (bokmal.has(token)) nb++;
  }
  return { language: nn > nb ? 'nn' : 'nb', nb, nn };
}

const cueTable = Object.entries(kinds.kinds).map(([kind, cues]) => ({
  kind: kind as DocumentKind,
  cues: cues.map((cue) => ({ pattern: new RegExp(cue.pattern, 'gimu'), weight: cue.weight })),
}));

export interface KindScore {
  kind: DocumentKind;
  /** False when the best kind won with few cues: the document is read as that kind, and flagged. */
  certain: boolean;
  scores: Record<string, number>;
}

export function detectKind(text: string): KindScore {
  const scores: Record<string, number> = {};
  let best: DocumentKind = 'UNKNOWN';
  let bestScore = 0;
  for (const { kind, cues } of cueTable) {
    let score = 0;
    for (const cue of cues) {
      const matches = text.match(cue.pattern)?.length ?? 0;
      score += Math.min(matches, kinds.maxMatchesPerCue) * cue.weight;
    }
    scores[kind] = score;
    if (score > bestScore) {
      best = kind;
      bestScore = score;
    }
  }
  if (bestScore < kinds.minGuess) return { kind: 'UNKNOWN', certain: true, scores };
  return { kind: best, certain: bestScore >= kinds.minScore, scores };
}
