/** The agreements view as data: one row per agreement with its validity, and an agreement's parts. Pure (no DOM). */
import type { Lang, Translate } from './labels.ts';
import type { AgreementDetail, AgreementInfo, Evidence, Obligation, SubGoalExtras } from './types.ts';

const LOCALES: Record<Lang, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

/** A date as the interface language writes it (30. desember 2028 / 30 December 2028); a year or anything else as it is. */
export function formatDate(value: string, lang: Lang): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!day) return value;
  const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** "1. januar 2025 – 31. desember 2028", "til 30. desember 2028", "fra 2025", or "not stated". */
export function validityText(v: { from: string | null; until: string | null } | null, lang: Lang, t: Translate): string {
  const from = v?.from ? formatDate(v.from, lang) : null;
  const until = v?.until ? formatDate(v.until, lang) : null;
  if (from && until) return t('validity.range', { from, until });
  if (until) return t('validity.until', { until });
  if (from) return t('validity.from', { from });
  return t('validity.unknown');
}

export interface AgreementRow {
  id: string;
  title: string;
  pilot: string;
  scheme: string;
  language: string;
  source: string;
  validity: string;
  /** Where the agreement says when it holds. */
  evidence: Evidence | null;
}

/** Every agreement, by pilot and then title; its validity from `validity`, or `validFrom`/`validUntil` when that has no sentence. */
export function agreementRows(agreements: AgreementInfo[], lang: Lang, t: Translate): AgreementRow[] {
  return [...agreements]
    .sort((a, b) => a.pilot.name.localeCompare(b.pilot.name, 'nb') || a.title.localeCompare(b.title, 'nb'))
    .map((a) => ({
      id: a.id,
      title: a.title,
      pilot: a.pilot.name,
      scheme: t(`scheme.${a.scheme}`),
      language: t(`language.${a.language}`),
      source: t(`source.${a.source}`),
      validity: validityText(a.validity ?? { from: a.validFrom, until: a.validUntil }, lang, t),
      evidence: a.validity?.evidence ?? null,
    }));
}

export type SubGoalPart = AgreementDetail['subGoals'][number] & Pick<SubGoalExtras, 'groups' | 'themeReasons'>;

/** The agreement's sub-goals with their partner groups and theme reasons (empty where the API gives none). */
export function subGoalParts(detail: AgreementDetail, extras: SubGoalExtras[]): SubGoalPart[] {
  const more = new Map(extras.map((x) => [x.id, x]));
  return detail.subGoals.map((s) => ({ ...s, groups: more.get(s.id)?.groups ?? [], themeReasons: more.get(s.id)?.themeReasons ?? [] }));
}

/** Obligations as a sentence: "Husbanken skal: støtte kommunene …" with where it sits. */
export function obligationLine(o: Obligation, t: Translate): { who: string; modality: string; action: string; where: string | null } {
  return {
    who: o.parties.map((p) => p.name).join(', '),
    modality: t(`modality.${o.modality}`),
    action: o.action,
    where: o.subGoal ? `${t('party.subGoal', { n: o.subGoal.number })}: ${o.subGoal.title}` : o.section ? t('agreements.section', { section: o.section }) : null,
  };
}
