/**
 * Cross-references: sentences that name another agreement — a growth agreement of the other
 * scheme ("Tromsvekstavtalen og Bygdevekstavtalen for Nord-Troms …") or a named cooperation
 * agreement ("Samarbeidsavtale for Nord-Tromsrådet 2024–2027").
 */
export interface ReferenceFinding {
  targetName: string;
  targetScheme: 'BYGDEVEKST' | 'TROMSVEKST' | 'OTHER';
  targetArea: string;
}

const AGREEMENT_WORD = /(?<![\p{L}])(tromsvekst|bygdevekst|samarbeids)avtal(e|en|a)(?![\p{L}])/giu;
const AREA = /^\s+(?:og\s+\p{Lu}\p{L}*avtal\p{L}*\s+)?for\s+(\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)*(?:\s+\d{4}[–-]\s?\d{4})?)/u;

/** The other agreements a sentence names, seen from an agreement of `ownScheme`. */
export function referencesIn(sentence: string, ownScheme: 'BYGDEVEKST' | 'TROMSVEKST'): ReferenceFinding[] {
  const found: ReferenceFinding[] = [];
  for (const m of sentence.matchAll(AGREEMENT_WORD)) {
    const kind = m[1]!.toLowerCase();
    const scheme = kind === 'tromsvekst' ? 'TROMSVEKST' : kind === 'bygdevekst' ? 'BYGDEVEKST' : 'OTHER';
    if (scheme === ownScheme) continue;
    const area = AREA.exec(sentence.slice(m.index! + m[0].length))?.[1]?.replace(/([–-])\s+/, '$1');
    // a cooperation agreement counts only when named; a growth agreement of the other scheme needs its area
    if (!area) continue;
    found.push({ targetName: `${m[0]} for ${area}`, targetScheme: scheme, targetArea: area });
  }
  return found;
}
