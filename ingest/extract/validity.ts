/**
 * When an agreement holds: "gjelder fra 1. mars 2025 til 31. desember 2028", "gjeld for perioden
 * 2025–2028", "i perioden 1. januar 2025 – 31. desember 2027", "frå signeringsdato og til og med
 * 31.12.2028" (the signing date then comes from the signatures), in both written standards.
 */
import lexicon from '../lexicon/validity.json' with { type: 'json' };
import type { Validity } from '../../domain/records.ts';
import type { ParsedDocument } from '../read-document.ts';
import { evidenceOf, type Sentence } from './sentences.ts';

const MONTHS = new Map(Object.entries(lexicon.months).flatMap(([n, names]) => names.map((name) => [name, Number(n)] as const)));
const MONTH = [...MONTHS.keys()].join('|');
/** "1. mars 2025", "31.12.2028", "2025". */
const DATE = String.raw`(?:\d{1,2}\.\s*(?:${MONTH})\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{4}|(?:19|20)\d{2})`;
const HOLDS = new RegExp(lexicon.holds, 'iu');
const FROM = new RegExp(String.raw`(?:${lexicon.from})\s+(${DATE})`, 'iu');
const FROM_SIGNING = new RegExp(lexicon.fromSigning, 'iu');
const UNTIL = new RegExp(String.raw`(?:${lexicon.until})\s+(${DATE})`, 'iu');
const PERIOD = new RegExp(String.raw`(${DATE})\s*[–—-]\s*(${DATE})`, 'iu');
const ANY_DATE = new RegExp(DATE, 'giu');
const NAMED_PERIOD = new RegExp(lexicon.namedPeriod, 'u');

/** The first sentence that says when the agreement holds, read into dates. */
export function readValidity(doc: ParsedDocument, sentences: Sentence[], signatureSentences: Sentence[]): Validity | undefined {
  for (const sentence of sentences) {
    const text = sentence.text;
    if (!HOLDS.test(text)) continue;
    const period = PERIOD.exec(text);
    const from = FROM.exec(text)?.[1] ?? period?.[1];
    const until = UNTIL.exec(text)?.[1] ?? period?.[2];
    // "frå signeringsdato", or an end with no start ("gjeld til og med 2028"): it holds from when it was signed
    const signed = !from && (FROM_SIGNING.test(text) || until) ? signingDate(signatureSentences) : undefined;
    const start = from ? toIsoDate(from) : signed;
    const end = until ? toIsoDate(until) : undefined;
    if (!start && !end) continue;
    return { ...(start ? { from: start } : {}), ...(end ? { until: end } : {}), evidence: evidenceOf(doc, sentence) };
  }
  // no sentence says it: the period in the agreement's own name ("Tromsvekstavtalen for Nord-Troms 2025–2028")
  for (const sentence of sentences) {
    const named = NAMED_PERIOD.exec(sentence.text);
    if (named) return { from: named[1]!, until: named[2]!, evidence: evidenceOf(doc, sentence) };
  }
  return undefined;
}

/** The date the signatures give ("underskriven i Lærdal 12. mai 2025"): the last full date among them. */
function signingDate(sentences: Sentence[]): string | undefined {
  const dates = sentences.flatMap((s) => [...s.text.matchAll(ANY_DATE)].map((m) => m[0])).filter((d) => !/^\d{4}$/.test(d));
  const last = dates[dates.length - 1];
  return last ? toIsoDate(last) : undefined;
}

/** "1. mars 2025" → "2025-03-01"; "31.12.2028" → "2028-12-31"; a year stays a year. */
function toIsoDate(text: string): string | undefined {
  const pad = (n: number) => String(n).padStart(2, '0');
  const numeric = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (numeric) return `${numeric[3]}-${pad(Number(numeric[2]))}-${pad(Number(numeric[1]))}`;
  const named = /^(\d{1,2})\.\s*(\p{L}+)\s+(\d{4})$/u.exec(text);
  if (named) {
    const month = MONTHS.get(named[2]!.toLowerCase());
    return month ? `${named[3]}-${pad(month)}-${pad(Number(named[1]))}` : undefined;
  }
  return /^\d{4}$/.test(text) ? text : undefined;
}
