/**
 * Cross-references: sentences that name another agreement — a growth agreement of either scheme
 * for another area or of the other scheme ("Tromsvekstavtalen og Bygdevekstavtalen for Nord-Troms
 * …"), or any other named agreement ("Samarbeidsavtale for Nord-Tromsrådet 2024–2027",
 * "Partnerskapsavtale for Helgeland 2024–2027").
 */
import cues from '../lexicon/extraction-cues.json' with { type: 'json' };
export interface ReferenceFinding {
  targetName: string;
  targetScheme: 'BYGDEVEKST' | 'TROMSVEKST' | 'OTHER';
  targetArea: string;
}

/** A compound that ends in "avtale" names an agreement ("Regionavtale"); "avtalen" alone is the agreement itself. */
const AGREEMENT_WORD = new RegExp(cues.agreementWord, 'giu');
const AREA = /^\s+(?:og\s+\p{Lu}\p{L}*avtal\p{L}*\s+)?for\s+(\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)*(?:\s+\d{4}[–-]\s?\d{4})?)/u;

/** The other agreements a sentence names, seen from an agreement of `own` scheme for `own` area. */
export function referencesIn(sentence: string, own: { scheme: 'BYGDEVEKST' | 'TROMSVEKST'; area: string }): ReferenceFinding[] {
  const found: ReferenceFinding[] = [];
  for (const m of sentence.matchAll(AGREEMENT_WORD)) {
    const kind = m[1]!.toLowerCase();
    const scheme = kind === 'tromsvekst' ? 'TROMSVEKST' : kind === 'bygdevekst' ? 'BYGDEVEKST' : 'OTHER';
    const area = AREA.exec(sentence.slice(m.index! + m[0].length))?.[1]?.replace(/([–-])\s+/, '$1');
    // an agreement counts only when named by its area; the agreement's own name is no reference
    if (!area || (scheme === own.scheme && sameArea(area, own.area))) continue;
    found.push({ targetName: `${m[0]} for ${area}`, targetScheme: scheme, targetArea: area });
  }
  return found;
}

/** "Nord-Troms 2025–2028" is the area Nord-Troms. */
function sameArea(named: string, own: string): boolean {
  const plain = (a: string) => a.replace(/\s+\d{4}[–-]\d{4}$/u, '').trim().toLowerCase();
  return plain(named) === plain(own);
}
