/**
 * Tromsvekst agreements: the parties in the opening sentence, innsatsområder → Delmål n.m →
 * Strategier bullets, forankring (section 4 and Vedlegg 1), and the signatories.
 */
import type { ParsedDocument } from '../read-document.ts';
import { addCrossReferences, addObligations, addPlanAnchors, documentSummary, newAgreement } from './agreement-parts.ts';
import { sentencesOf, unitEvidence } from './evidence.ts';
import { bodyWithoutFootnotes } from './footnotes.ts';
import { countyByCountyName } from '../../domain/party-catalogue.ts';
import { PartyRegister } from './party-register.ts';
import { topLevelSections } from './sections.ts';
import { evidenceOf } from './sentences.ts';
import { themesOf } from './themes.ts';
import type { Agreement, ExtractedDocument, FocusArea, MainPartyFact, Signatory, SubGoal } from '../../domain/records.ts';
import { isHeadingLike, type Unit } from './units.ts';
import { agreementId, focusAreaId, measureId, pilotId, subGoalId } from '../../domain/ids.ts';

const TITLE = /Tromsvekstavtalen\s+for\s+(\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)*)(?:\s+(\d{4}[–-]\d{4}))?/u;
const PARTIES_CLAUSE = /\bmellom\s+(.+?)(?:\.|$)/u;
const FOCUS_AREA = /^Innsatsområde\s+(\d+)\s+[–-]\s+(.+)$/u;
const SUB_GOAL = /^Delmål\s+(\d+\.\d+):\s*(.+)$/u;
const STRATEGIES = /^Strategier\b/u;
const APPENDIX = /^Vedlegg\s+\d+/u;

export function extractTromsvekst(doc: ParsedDocument): ExtractedDocument {
  const { units, clean } = bodyWithoutFootnotes(doc);
  const register = new PartyRegister(doc.language);

  const titleMatch = TITLE.exec(doc.text);
  const area = titleMatch?.[1] ?? 'ukjent region';
  const period = titleMatch?.[2];
  const id = agreementId('TROMSVEKST', area, period);

  // The opening sentence: "… er en samarbeidsavtale mellom Troms fylkeskommune og Nord-Troms interkommunale politiske råd (Nord-Tromsrådet)."
  const opening = sentencesOf(doc, units.slice(0, 4)).find((s) => PARTIES_CLAUSE.test(s.text) && /avtale/u.test(s.text));
  const mainParties: MainPartyFact[] = [];
  if (opening) {
    register.defineAbbreviations(opening.text);
    for (const mention of register.mentions(PARTIES_CLAUSE.exec(opening.text)![1]!)) {
      for (const party of mention.parties) {
        if (!mainParties.some((m) => m.party === party)) mainParties.push({ party, coordinating: false, evidence: evidenceOf(doc, opening) });
      }
    }
  }
  const county = mainParties.map((m) => m.party).find((p) => register.get(p).kind === 'COUNTY');
  register.context = { municipalities: [], ...(county ? { county } : {}) };
  for (const unit of units) register.defineAbbreviations(unit.text);

  const agreement = newAgreement({
    id,
    scheme: 'TROMSVEKST',
    source: 'AGREEMENT',
    title: `Tromsvekstavtalen for ${area}${period ? ` ${period}` : ''}`,
    language: doc.language,
    pilot: { id: pilotId(area), name: area, otherNames: [], municipalities: [], ...(county ? { county } : {}) },
    mainParties,
  });

  const appendixAt = units.findIndex((u) => APPENDIX.test(u.text));
  const body = appendixAt >= 0 ? units.slice(0, appendixAt) : units;
  const appendix = appendixAt >= 0 ? units.slice(appendixAt) : [];
  const sections = topLevelSections(body);
  const scope = { collectiveParties: mainParties.map((m) => m.party), municipalities: [] };

  for (const section of sections) {
    const prose = section.units.filter((u) => !isHeadingLike(u) || u.kind === 'paragraph');
    const sentences = sentencesOf(doc, prose.filter((u) => u.kind !== 'item' || section.role !== 'subGoals'));
    if (section.role === 'anchoring') addPlanAnchors(doc, agreement, sentences);
    addCrossReferences(doc, agreement, sentences);
    if (section.role === 'subGoals') readFocusAreas(doc, agreement, section.units, clean);
    addObligations(doc, agreement, sentences, register, scope, { under: id, section: String(section.number) });
  }
  const appendixSentences = sentencesOf(doc, appendix.filter((u) => u.kind !== 'item' && !APPENDIX.test(u.text)));
  if (appendix[0] && /forankring/iu.test(appendix[0].text)) addPlanAnchors(doc, agreement, appendixSentences);
  addCrossReferences(doc, agreement, appendixSentences);
  agreement.signatories = readSignatories(doc, sections[sections.length - 1]?.units ?? [], register);

  return {
    document: documentSummary(doc),
    parties: register.parties,
    agreements: [agreement],
  };
}

/** "Innsatsområde N – …" headings, "Delmål N.M: …" and the bullets under "Strategier …". */
function readFocusAreas(doc: ParsedDocument, agreement: Agreement, units: Unit[], clean: (t: string) => string): void {
  let focusArea: FocusArea | undefined;
  let subGoal: SubGoal | undefined;
  let inStrategies = false;
  for (const unit of units) {
    const fa = FOCUS_AREA.exec(unit.text);
    if (fa) {
      focusArea = { id: focusAreaId(agreement.id, fa[1]!), number: Number(fa[1]), title: clean(fa[2]!), evidence: unitEvidence(doc, unit) };
      agreement.focusAreas.push(focusArea);
      subGoal = undefined;
      inStrategies = false;
      continue;
    }
    const sg = SUB_GOAL.exec(unit.text);
    if (sg) {
      const title = clean(sg[2]!);
      subGoal = {
        id: subGoalId(agreement.id, sg[1]!),
        number: sg[1]!,
        title,
        ...(focusArea ? { focusArea: focusArea.number } : {}),
        themes: themesOf(title),
        partners: [],
        mayInvite: [],
        measures: [],
        evidence: unitEvidence(doc, unit),
      };
      agreement.subGoals.push(subGoal);
      inStrategies = false;
      continue;
    }
    if (STRATEGIES.test(unit.text) && subGoal) {
      inStrategies = true;
      continue;
    }
    if (inStrategies && subGoal && unit.kind === 'item') {
      const text = clean(unit.content);
      const label = String(subGoal.measures.length + 1);
      subGoal.measures.push({
        id: measureId(agreement.id, label, subGoal.number),
        label,
        kind: 'STRATEGY',
        text,
        themes: themesOf(text),
        evidence: unitEvidence(doc, unit),
      });
    } else if (unit.kind !== 'item') inStrategies = false;
  }
}

/** A signatory is a person's name (2–4 capitalised words) followed by an office line. */
function readSignatories(doc: ParsedDocument, units: Unit[], register: PartyRegister): Signatory[] {
  const signatories: Signatory[] = [];
  const isName = (t: string) => /^\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){1,3}$/u.test(t) && !register.isKnown(t);
  units.forEach((unit, i) => {
    const office = units[i + 1];
    if (!office || !isName(unit.text) || office.text.length > 60) return;
    const named = register.mentions(office.text)[0]?.parties[0] ?? officeParty(office.text, register);
    if (!named) return;
    signatories.push({ person: unit.text, office: office.text, party: named, evidence: evidenceOf(doc, { text: `${unit.text} ${office.text}`, page: unit.page }) });
  });
  return signatories;
}

/** "Fylkesordfører i Troms" → Troms fylkeskommune; "Ordfører i Lyngen" → Lyngen kommune. */
function officeParty(office: string, register: PartyRegister): string | undefined {
  const county = /fylkesordfører\s+i\s+(\p{Lu}[\p{L} ]+)/iu.exec(office);
  if (county) {
    const authority = countyByCountyName(county[1]!.trim())?.authority;
    return authority ? register.resolveName(authority)[0] : undefined;
  }
  const mayor = /^ordfører\s+i\s+(\p{Lu}\p{L}+)/iu.exec(office);
  return mayor ? register.resolveName(`${mayor[1]} kommune`, { allowNew: false })[0] : undefined;
}
