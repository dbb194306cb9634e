/**
 * Tromsvekst agreements, read by the genre: the parties wherever the agreement lists them,
 * innsatsområder → delmål n.m (in any heading form) → strategies, partners of each delmål, plan
 * anchors anywhere, the validity and the signatories.
 */
import type { ParsedDocument } from '../read-document.ts';
import { addCrossReferences, addObligations, addPlanAnchors, documentSummary, newAgreement } from './agreement-parts.ts';
import { sentencesOf, unitEvidence } from './evidence.ts';
import { bodyWithoutFootnotes } from './footnotes.ts';
import { PartyRegister } from './party-register.ts';
import { headingText } from './read-as.ts';
import { readMainParties } from './party-sections.ts';
import { readLinks } from './partners.ts';
import { sectionsOf, unitsOfRole, type Section } from './structure.ts';
import { readSignatories } from './signatories.ts';
import { isSubGoalRow, tableSubGoals } from './tables.ts';
import { readValidity } from './validity.ts';
import { finishSubGoal } from './sub-goal-details.ts';
import { themesOf } from './themes.ts';
import type { Agreement, ExtractedDocument, FocusArea, SubGoal } from '../../domain/records.ts';
import type { Unit } from './units.ts';
import { agreementId, documentId, focusAreaId, measureId, pilotId, subGoalId, unnamedAgreementIds } from '../../domain/ids.ts';

const TITLE = /Tromsvekstavtal(?:e|en)\s+for\s+(\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)*)(?:\s+(\d{4}[–-]\d{4}))?/u;
const FOCUS_AREA = /^(?:Innsatsområde|Satsingsområde|Innsatsområdet)\s+(\d{1,2})\b\s*[:.–—-]?\s*(.+)$/iu;
/** "Delmål 1.1: …", "Delmål 3.1 – …", or "2.1 …" inside a focus area. */
const SUB_GOAL = /^(Delmål\s+)?(\d{1,2}\.\d{1,2})\.?(?:\s*[:.–—-])?\s+(.+)$/iu;
const STRATEGIES = /^Strategi(?:er|ar)\b/iu;
const APPENDIX = /^Vedlegg\s+\d+/u;

export function extractTromsvekst(doc: ParsedDocument): ExtractedDocument {
  const { units, clean } = bodyWithoutFootnotes(doc);
  const register = new PartyRegister(doc.language);
  for (const unit of units) register.defineAbbreviations(unit.text);

  const titleMatch = TITLE.exec(doc.text);
  const area = titleMatch?.[1] ?? 'ukjent region';
  const period = titleMatch?.[2];
  // a region the document does not name is that document's own: never merged with another
  const unnamed = titleMatch ? undefined : unnamedAgreementIds('TROMSVEKST', documentId(doc.file));
  const id = unnamed?.agreement ?? agreementId('TROMSVEKST', area, period);

  const sections = sectionsOf(units);
  const mainParties = readMainParties(doc, sections, register);
  const county = mainParties.map((m) => m.party).find((p) => register.get(p).kind === 'COUNTY');
  const council = mainParties.map((m) => m.party).find((p) => register.get(p).kind === 'INTERMUNICIPAL');
  register.context = { municipalities: [], parties: mainParties.map((m) => m.party), ...(county ? { county } : {}), ...(council ? { council } : {}) };

  const agreement = newAgreement({
    id,
    scheme: 'TROMSVEKST',
    source: 'AGREEMENT',
    title: `Tromsvekstavtalen for ${area}${period ? ` ${period}` : ''}`,
    language: doc.language,
    pilot: { id: unnamed?.pilot ?? pilotId(area), name: area, otherNames: [], municipalities: [], ...(county ? { county } : {}) },
    mainParties,
  });
  const scope = { collectiveParties: mainParties.map((m) => m.party), municipalities: [] };

  const bodies = readFocusAreas(doc, agreement, sections, register, clean);
  const inSubGoals = new Set(bodies.flatMap((b) => b.units));
  for (const section of sections) {
    if (section.role === 'references') continue;
    const appendix = APPENDIX.test(section.heading.text);
    const sentences = sentencesOf(doc, section.units.filter((u) => u.kind !== 'item' && !inSubGoals.has(u) && !APPENDIX.test(u.text)));
    addPlanAnchors(doc, agreement, sentences, { needsSubject: section.role !== 'anchoring' });
    addCrossReferences(doc, agreement, sentences);
    if (!appendix && section.role !== 'signatures') addObligations(doc, agreement, sentences, register, scope, { under: id, ...(section.number ? { section: section.number } : {}) });
  }
  for (const { subGoal, units: body } of bodies) {
    const links = readLinks(doc, body.filter((u) => !isStrategy(u, body)), register);
    // a sub-goal read from a table row has its partners already: the body adds to them
    for (const key of ['partners', 'mayInvite'] as const) subGoal[key].push(...links[key].filter((l) => !subGoal[key].some((x) => x.party === l.party)));
    for (const key of ['partnerGroups', 'mayInviteGroups'] as const) subGoal[key].push(...links[key].filter((g) => !subGoal[key].includes(g)));
    addPlanAnchors(doc, agreement, sentencesOf(doc, body.filter((u) => u.kind !== 'item')), { needsSubject: true });
  }
  const bodyOf = new Map(bodies.map((b) => [b.subGoal, b.units]));
  for (const subGoal of agreement.subGoals) finishSubGoal(doc, subGoal, bodyOf.get(subGoal) ?? []);
  const signatures = unitsOfRole(sections, 'signatures');
  const lastBody = sections.filter((s) => !APPENDIX.test(s.heading.text)).slice(-1);
  agreement.signatories = readSignatories(doc, signatures.length > 0 ? signatures : lastBody.flatMap((s) => s.units), register);
  const validity = readValidity(doc, sentencesOf(doc, units), sentencesOf(doc, signatures));
  if (validity) agreement.validity = validity;

  return {
    document: documentSummary(doc),
    parties: register.parties,
    agreements: [agreement],
    warnings: unnamed ? [`the region's name was not found, so the agreement is kept apart from every other as ${id}`] : [],
  };
}

/**
 * Focus areas ("Innsatsområde 2 – …", or a numbered heading that carries on their count), their
 * sub-goals ("Delmål 1.2: …") and the strategies listed under each; returns each sub-goal's body.
 */
function readFocusAreas(doc: ParsedDocument, agreement: Agreement, sections: Section[], register: PartyRegister, clean: (t: string) => string): { subGoal: SubGoal; units: Unit[] }[] {
  const bodies: { subGoal: SubGoal; units: Unit[] }[] = [];
  let focusArea: FocusArea | undefined;
  let current: { subGoal: SubGoal; units: Unit[] } | undefined;
  let inStrategies = false;
  const startFocusArea = (number: number, title: string, unit: Unit) => {
    focusArea = { id: focusAreaId(agreement.id, number), number, title: clean(title).replace(/[:.]$/, ''), evidence: unitEvidence(doc, unit) };
    agreement.focusAreas.push(focusArea);
    current = undefined;
    inStrategies = false;
  };
  for (const section of sections) {
    const heading = section.heading;
    const fa = FOCUS_AREA.exec(headingText(heading));
    const continuesCount = focusArea && section.number && !section.number.includes('.') && Number(section.number) === focusArea.number + 1 && !section.role;
    if (fa) startFocusArea(Number(fa[1]), fa[2]!, heading);
    else if (continuesCount) startFocusArea(Number(section.number), section.title, heading);
    else if (STRATEGIES.test(heading.text) && current) inStrategies = true;
    else {
      const sg = SUB_GOAL.exec(headingText(heading));
      if (sg && (sg[1] || focusArea)) {
        current = { subGoal: newSubGoal(doc, agreement, sg[2]!, clean(sg[3]!), heading, focusArea), units: [] };
        agreement.subGoals.push(current.subGoal);
        bodies.push(current);
        inStrategies = false;
      } else if (focusArea && section.role && section.role !== 'subGoals') {
        // a section of another kind ends the focus areas
        focusArea = undefined;
        current = undefined;
        continue;
      } else if (!focusArea) continue;
    }
    for (const unit of section.units) {
      const row = focusArea && isSubGoalRow(unit) ? tableSubGoals([unit])[0] : undefined;
      if (row) {
        // a table of sub-goals: each row one sub-goal with its strategies and partners
        current = { subGoal: newSubGoal(doc, agreement, row.number, clean(row.title), unit, focusArea), units: [] };
        agreement.subGoals.push(current.subGoal);
        bodies.push(current);
        for (const strategy of row.strategies) addStrategy(doc, agreement, current.subGoal, clean(strategy), unit);
        current.subGoal.partners = register.parseList(row.partners, current.subGoal.partnerGroups).map((party) => ({ party, evidence: unitEvidence(doc, unit) }));
        current.subGoal.mayInvite = register.parseList(row.mayInvite, current.subGoal.mayInviteGroups).map((party) => ({ party, evidence: unitEvidence(doc, unit) }));
        current = undefined;
        inStrategies = false;
        continue;
      }
      if (!current) continue;
      current.units.push(unit);
      if (STRATEGIES.test(unit.text) && unit.kind !== 'item') {
        inStrategies = true;
        continue;
      }
      if (inStrategies && unit.kind === 'item') addStrategy(doc, agreement, current.subGoal, clean(unit.content), unit);
      else if (unit.kind !== 'item') inStrategies = false;
    }
  }
  return bodies;
}

function newSubGoal(doc: ParsedDocument, agreement: Agreement, number: string, title: string, heading: Unit, focusArea: FocusArea | undefined): SubGoal {
  const text = title.replace(/:$/, '');
  return {
    id: subGoalId(agreement.id, number),
    number,
    title: text,
    ...(focusArea ? { focusArea: focusArea.number } : {}),
    themes: themesOf(text),
    partners: [],
    mayInvite: [],
    partnerGroups: [],
    mayInviteGroups: [],
    measures: [],
    evidence: unitEvidence(doc, heading),
  };
}

function addStrategy(doc: ParsedDocument, agreement: Agreement, subGoal: SubGoal, text: string, unit: Unit): void {
  const label = String(subGoal.measures.length + 1);
  subGoal.measures.push({ id: measureId(agreement.id, label, subGoal.number), label, kind: 'STRATEGY', text, themes: themesOf(text), evidence: unitEvidence(doc, unit) });
}

/** An item listed after a "Strategier" line of a sub-goal's body. */
function isStrategy(unit: Unit, body: Unit[]): boolean {
  if (unit.kind !== 'item') return false;
  const before = body.slice(0, body.indexOf(unit)).filter((u) => u.kind !== 'item').pop();
  return before !== undefined && STRATEGIES.test(before.text);
}
