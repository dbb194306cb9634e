/**
 * Evaluation reports: the cohort-1 pilot list and each pilot summary (1.3.x): name,
 * municipalities, main goal, main parties, "Delmål N: … (med samarbeidsparter …)" with its
 * measures a., b., …. Each summary becomes an agreement of its own. The research chapters
 * around them are prose about the scheme and yield no facts.
 */
import type { ParsedDocument } from '../read-document.ts';
import { addObligations, documentSummary, newAgreement } from './agreement-parts.ts';
import { sentencesOf, unitEvidence } from './evidence.ts';
import { bodyWithoutFootnotes } from './footnotes.ts';
import { countyOfMunicipality } from '../../domain/party-catalogue.ts';
import { PartyRegister } from './party-register.ts';
import { splitAt } from './sections.ts';
import { evidenceOf, readOf } from './sentences.ts';
import { finishSubGoal } from './sub-goal-details.ts';
import { themesOf } from './themes.ts';
import type { Agreement, ExtractedDocument, MainPartyFact, Measure, SubGoal } from '../../domain/records.ts';
import type { Unit } from './units.ts';
import { agreementId, measureId, pilotId, subGoalId } from '../../domain/ids.ts';

const PILOT_HEADING = /^\d+(?:\.\d+){2}\s+Pilot\s+([^:]+):\s*(?:kommun(?:ene|ane)\s+)?(.+)$/u;
const PILOT_LIST_ITEM = /^Pilot\s+([^:]+):\s*(?:kommun(?:ene|ane)\s+)?(.+)$/u;
const SECTION_HEADING = /^(\d+(?:\.\d+)*)\s+\p{Lu}/u;
const SUB_GOAL = /^Delmål\s+(\d+):\s*(.+?)\s*(?:\((?:med|i samarbeid med)\s+(.*)\))?:?\s*$/u;
const PARTNER_LEAD = /^(?:bla\.\s+|bl\.a\.\s+)?(?:samarbeid\w*\s+)?/iu;
const MEASURE_LABEL = /^([a-zæøå])\.$/u;
const MAIN_GOAL = /^Hovedmål(?:et)?\s+i\s+avtalen\b/u;
const MAIN_PARTY = /^Hovedpart(?:er)?\s+i\s+avtalen\s+er\b/u;
const QUOTE = /«(?:\(…\)\s*)?([^»]+)»/u;

interface ListedPilot {
  name: string;
  municipalities: string[];
}

export function extractReport(doc: ParsedDocument): ExtractedDocument {
  const { units, clean } = bodyWithoutFootnotes(doc);
  const register = new PartyRegister(doc.language);
  const listed = cohortOnePilots(units);

  const summaries = splitAt(summaryUnits(units), (u) => PILOT_HEADING.exec(u.text) ?? undefined);
  const agreements = summaries.map(({ head, heading, units: body }) =>
    readSummary(doc, register, head, heading, body, listed, clean),
  );
  const warnings =
    listed.length > 0 && listed.length !== agreements.length
      ? [`the report lists ${listed.length} cohort-1 pilots but ${agreements.length} pilot summaries were found`]
      : [];
  return {
    document: documentSummary(doc),
    parties: register.parties,
    agreements,
    warnings,
  };
}

/** "• Pilot Vest-Finnmark: kommunene Hammerfest, Måsøy og Hasvik" — the report's list of cohort-1 pilots. */
function cohortOnePilots(units: Unit[]): ListedPilot[] {
  return units
    .filter((u) => u.kind === 'item')
    .map((u) => PILOT_LIST_ITEM.exec(u.content))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1]!.trim(), municipalities: listNames(m[2]!) }));
}

/** The units from the first pilot summary up to the next section heading of a higher level. */
function summaryUnits(units: Unit[]): Unit[] {
  const first = units.findIndex((u) => PILOT_HEADING.test(u.text));
  if (first < 0) return [];
  const depth = SECTION_HEADING.exec(units[first]!.text)![1]!.split('.').length;
  const end = units.findIndex((u, i) => {
    if (i <= first || u.kind !== 'heading') return false;
    const m = SECTION_HEADING.exec(u.text);
    return m !== null && m[1]!.split('.').length < depth;
  });
  return units.slice(first, end < 0 ? undefined : end);
}

function readSummary(
  doc: ParsedDocument,
  register: PartyRegister,
  head: RegExpExecArray,
  heading: Unit,
  body: Unit[],
  listed: ListedPilot[],
  clean: (t: string) => string,
): Agreement {
  const name = head[1]!.trim();
  const municipalityNames = listNames(head[2]!);
  const municipalities = municipalityNames.flatMap((m) => register.resolveName(`${m} kommune`));
  const county = majority(municipalityNames.map((m) => countyOfMunicipality(m)).filter((c) => c !== undefined));
  register.context = {
    municipalities,
    ...(county ? { county: register.contextParty(county.authority) } : {}),
    ...(county ? { governor: register.contextParty(county.governor) } : {}),
  };
  const id = agreementId('BYGDEVEKST', name);
  const sameMunicipalities = (p: ListedPilot) =>
    p.municipalities.length === municipalityNames.length && p.municipalities.every((m) => municipalityNames.includes(m));
  const listedAs = listed.find(sameMunicipalities);
  const otherNames = [
    ...(listedAs && listedAs.name !== name ? [listedAs.name] : []),
    ...spellingVariants(name, doc.text),
  ];

  const intro = body.slice(0, body.findIndex((u) => SUB_GOAL.test(u.text)) >>> 0);
  const introSentences = sentencesOf(doc, intro);
  const goal = introSentences.find((s) => MAIN_GOAL.test(s.text));
  const goalQuote = goal ? QUOTE.exec(goal.text)?.[1] : undefined;
  const mainParties: MainPartyFact[] = [];
  for (const sentence of introSentences.filter((s) => MAIN_PARTY.test(s.text))) {
    for (const mention of register.mentions(sentence.text)) {
      for (const party of mention.parties) {
        if (mainParties.some((m) => m.party === party)) continue;
        const coordinating = register.get(party).kind === 'MINISTRY' && /\bstaten\s+v\//u.test(sentence.text);
        mainParties.push({ party, coordinating, evidence: evidenceOf(doc, sentence) });
      }
    }
  }

  const agreement = newAgreement({
    id,
    scheme: 'BYGDEVEKST',
    source: 'REPORT_SUMMARY',
    title: `Bygdevekstavtale for ${name}`,
    language: doc.language,
    pilot: {
      id: pilotId(name),
      name,
      otherNames,
      municipalities,
      ...(register.context.county ? { county: register.context.county } : {}),
      ...(register.context.governor ? { governor: register.context.governor } : {}),
      ...(listedAs ? { cohort: 1 } : {}),
    },
    ...(goal && goalQuote ? { mainGoal: { document: doc.file, page: goal.page, quote: goalQuote.trim(), ...readOf(doc, goal.page) } } : {}),
    mainParties,
  });
  addObligations(doc, agreement, introSentences, register, { collectiveParties: mainParties.map((m) => m.party), municipalities }, { under: id });

  for (const part of splitAt(body, (u) => SUB_GOAL.exec(u.text) ?? undefined)) {
    const [, number, rawTitle, partnerText] = part.head;
    const title = clean(rawTitle!);
    const subGoal: SubGoal = {
      id: subGoalId(id, number!),
      number: number!,
      title,
      themes: themesOf(title),
      partners: [],
      mayInvite: [],
      partnerGroups: [],
      mayInviteGroups: [],
      measures: [],
      evidence: unitEvidence(doc, part.heading),
    };
    const evidence = unitEvidence(doc, part.heading);
    for (const party of register.parseList((partnerText ?? '').replace(PARTNER_LEAD, ''), subGoal.partnerGroups)) {
      subGoal.partners.push({ party, evidence });
    }
    subGoal.measures = part.units
      .filter((u) => u.kind === 'item' && MEASURE_LABEL.test(u.label ?? ''))
      .map((u): Measure => {
        const label = MEASURE_LABEL.exec(u.label!)![1]!;
        const text = clean(u.content);
        return { id: measureId(id, label, number!), label, kind: 'TILTAK', text, themes: themesOf(text), evidence: unitEvidence(doc, u) };
      });
    finishSubGoal(doc, subGoal, part.units);
    agreement.subGoals.push(subGoal);
  }
  return agreement;
}

/** "Berlevåg, Båtsfjord, Nesseby og Tana" → the four names. */
function listNames(text: string): string[] {
  return text
    .replace(/\.$/, '')
    .split(/\s*,\s*|\s+og\s+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** "Indre Namdal" for "Indre-Namdal" (and the reverse) when the report writes it so at least twice. */
function spellingVariants(name: string, text: string): string[] {
  const variant = name.includes('-') ? name.replace(/-/g, ' ') : name.includes(' ') ? name.replace(/ /g, '-') : undefined;
  if (!variant) return [];
  const count = text.split(variant).length - 1;
  return count >= 2 ? [variant] : [];
}

function majority<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
