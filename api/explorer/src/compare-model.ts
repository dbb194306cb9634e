/** The comparison of two agreements as the explorer lays it out. Pure (no DOM). */
import type { AgreementInfo, Comparison, Evidence } from './types.ts';
import type { Translate } from './labels.ts';

export interface CompareItem {
  text: string;
  detail?: string;
  /** For a pair of sub-goals: the one of agreement B (A's is `text`). */
  other?: { text: string; evidence: Evidence };
  evidence: Evidence[];
}

export interface CompareSection {
  key: 'sharedParties' | 'sharedMunicipalities' | 'sharedThemes' | 'sharedPlanAnchors' | 'crossReferences' | 'similarSubGoals';
  heading: string;
  items: CompareItem[];
}

export interface CompareView {
  a: { id: string; title: string };
  b: { id: string; title: string };
  sections: CompareSection[];
}

export function compareView(c: Comparison, t: Translate): CompareView {
  const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name, 'nb');
  const title = (id: string) => (id === c.a.id ? c.a.title : id === c.b.id ? c.b.title : id);
  const section = (key: CompareSection['key'], items: CompareItem[]): CompareSection => ({ key, heading: t(`compare.${key}`), items });
  return {
    a: c.a,
    b: c.b,
    sections: [
      section('sharedParties', [...c.sharedParties].sort(byName).map((p) => ({ text: p.name, detail: t(`kind.${p.kind}`), evidence: [] }))),
      section('sharedMunicipalities', [...c.sharedMunicipalities].sort(byName).map((m) => ({ text: m.name, evidence: [] }))),
      section('sharedThemes', c.sharedThemes.map((theme) => ({ text: t(`theme.${theme}`), evidence: [] }))),
      section(
        'sharedPlanAnchors',
        c.sharedPlanAnchors.map((p) => ({
          text: p.name,
          detail: p.exact ? t('compare.exact') : `${t('compare.approx')}: «${p.a.name}» ~ «${p.b.name}»`,
          evidence: [],
        })),
      ),
      section(
        'crossReferences',
        c.crossReferences.map((x) => ({
          text: x.quote,
          detail: t('compare.from', { from: title(x.from.id), to: title(x.to.id) }),
          evidence: [{ document: x.document, page: x.page, quote: x.quote }],
        })),
      ),
      section(
        'similarSubGoals',
        [...c.similarSubGoals]
          .sort((x, y) => y.score - x.score)
          .map((p) => ({
            text: `${p.a.number}. ${p.a.title}`,
            detail: t('compare.score', { score: p.score.toFixed(3) }),
            other: { text: `${p.b.number}. ${p.b.title}`, evidence: p.b.evidence },
            evidence: [p.a.evidence],
          })),
      ),
    ],
  };
}

/**
 * The pair the compare view opens with: the two agreements of the first pilot that has two
 * (Nord-Troms: Bygdevekst and Tromsvekst), else the first two agreements.
 */
export function defaultPair(agreements: AgreementInfo[]): [string, string] | null {
  const byPilot = new Map<string, AgreementInfo[]>();
  for (const a of agreements) byPilot.set(a.pilot.id, [...(byPilot.get(a.pilot.id) ?? []), a]);
  const pair = [...byPilot.values()].find((list) => list.length >= 2);
  if (pair) return [pair[0]!.id, pair[1]!.id];
  return agreements.length >= 2 ? [agreements[0]!.id, agreements[1]!.id] : null;
}

/** An agreement's label in the selects: its title, its scheme and source language. */
export function agreementLabel(a: AgreementInfo, t: Translate): string {
  return `${a.title} (${t(`scheme.${a.scheme}`)}, ${t(`language.${a.language}`)})`;
}
