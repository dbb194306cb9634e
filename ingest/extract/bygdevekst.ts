/**
 * Bygdevekst agreements (bokmål and nynorsk): numbered sections Bakgrunn, Hovedparter,
 * Andre aktører med særlige roller, formål, Forankring, Delmål (6.N Delmål N …), oppfølging.
 */
import cues from '../lexicon/extraction-cues.json' with { type: 'json' };
import type { ParsedDocument } from '../read-document.ts';
import { addCrossReferences, addObligations, addPlanAnchors, documentSummary, newAgreement } from './agreement-parts.ts';
import { sentencesOf, unitEvidence } from './evidence.ts';
import { countyOfAuthority } from '../../domain/party-catalogue.ts';
import { PartyRegister } from './party-register.ts';
import { splitAt, topLevelSections, type Section } from './sections.ts';
import { evidenceOf } from './sentences.ts';
import { themesOf } from './themes.ts';
import type { Agreement, ExtractedDocument, MainPartyFact, PartyLink, SpecialRoleFact, SubGoal } from '../../domain/records.ts';
import { buildUnits, type Unit } from './units.ts';
import { agreementId, pilotId, subGoalId } from '../../domain/ids.ts';

const SUB_GOAL_HEADING = /^\d{1,2}\.\d{1,2}\s+Delmål\s+(\d+)\s*(.*)$/u;
const PARTNER_SENTENCE = new RegExp(cues.partnerSentence, 'iu');
const PARTNER_CLAUSE = new RegExp(`^(.*?)${cues.partnerClause}`, 'u');
const MAY_INVITE = new RegExp(cues.mayInvite, 'iu');
const EXAMPLES = new RegExp(cues.examplesInParentheses, 'giu');

export function extractBygdevekst(doc: ParsedDocument): ExtractedDocument {
  const units = buildUnits(doc).filter((u) => u.kind !== 'footnote');
  const sections = topLevelSections(units);
  const section = (role: Section['role']) => sections.find((s) => s.role === role);
  const register = new PartyRegister(doc.language);

  const mainParties = readMainParties(doc, section('mainParties'), register);
  const municipalities = mainParties.map((m) => m.party).filter((id) => register.get(id).kind === 'MUNICIPALITY');
  const county = mainParties.map((m) => m.party).find((id) => register.get(id).kind === 'COUNTY');
  const governorName = county ? countyOfAuthority(register.get(county).name)?.governor : undefined;
  register.context = {
    municipalities,
    ...(county ? { county } : {}),
    ...(governorName ? { governor: register.contextParty(governorName) } : {}),
  };
  for (const unit of units) register.defineAbbreviations(unit.text);

  const pilotName = pilotNameOf(doc.text);
  const id = agreementId('BYGDEVEKST', pilotName);
  const agreement = newAgreement({
    id,
    scheme: 'BYGDEVEKST',
    source: 'AGREEMENT',
    title: `Bygdevekstavtale for ${pilotName}`,
    language: doc.language,
    pilot: {
      id: pilotId(pilotName),
      name: pilotName,
      otherNames: [],
      municipalities,
      ...(county ? { county } : {}),
      ...(register.context.governor ? { governor: register.context.governor } : {}),
    },
    mainParties,
    specialRoles: readSpecialRoles(doc, section('specialRoles'), register, mainParties),
  });
  const mainIds = mainParties.map((m) => m.party);

  for (const s of sections) {
    if (s.role === 'background') continue;
    const subGoalParts = s.role === 'subGoals' ? splitAt(s.units, (u) => SUB_GOAL_HEADING.exec(u.text) ?? undefined) : [];
    const intro = s.role === 'subGoals' ? s.units.slice(0, s.units.indexOf(subGoalParts[0]?.heading ?? s.units[s.units.length]!)) : s.units;
    const sentences = sentencesOf(doc, intro.filter(isProse));
    addObligations(doc, agreement, sentences, register, { collectiveParties: mainIds, municipalities }, { under: id, section: String(s.number) });
    if (s.role === 'anchoring') addPlanAnchors(doc, agreement, sentences);
    addCrossReferences(doc, agreement, sentences);

    for (const part of subGoalParts) {
      const subGoal = readSubGoal(doc, agreement, part.head, part.heading, part.units, register);
      agreement.subGoals.push(subGoal);
      const body = sentencesOf(doc, part.units);
      const section = /^(\d{1,2}\.\d{1,2})/.exec(part.heading.text)?.[1];
      addObligations(
        doc,
        agreement,
        body,
        register,
        { collectiveParties: subGoal.partners.map((p) => p.party), municipalities },
        { under: subGoal.id, ...(section ? { section } : {}) },
      );
      addCrossReferences(doc, agreement, body);
    }
  }

  return {
    document: documentSummary(doc),
    parties: register.parties,
    agreements: [agreement],
  };
}

/** Each bullet of "Hovedparter i avtalen er:" names one main party first; KDD is the coordinating one. */
function readMainParties(doc: ParsedDocument, section: Section | undefined, register: PartyRegister): MainPartyFact[] {
  const facts: MainPartyFact[] = [];
  for (const unit of section?.units.filter((u) => u.kind === 'item') ?? []) {
    const mention = register.mentions(unit.content)[0];
    const ids = mention && mention.start === 0 ? mention.parties : register.resolveName(unit.content.replace(/\s*\[.*$/, ''));
    for (const party of ids) {
      if (facts.some((f) => f.party === party)) continue;
      facts.push({ party, coordinating: /\bkoordiner(?:ende|ande)\b/iu.test(unit.text), evidence: unitEvidence(doc, unit) });
    }
  }
  return facts;
}

/** The parties section 3 gives a task: the subject of each sentence there. */
function readSpecialRoles(
  doc: ParsedDocument,
  section: Section | undefined,
  register: PartyRegister,
  mainParties: MainPartyFact[],
): SpecialRoleFact[] {
  const roles: SpecialRoleFact[] = [];
  for (const sentence of sentencesOf(doc, section?.units ?? [])) {
    const subject = register.mentions(sentence.text).find((m) => wordsBefore(sentence.text, m.start) <= 6);
    if (!subject || subject.parties.length !== 1) continue;
    const party = subject.parties[0]!;
    if (mainParties.some((m) => m.party === party)) continue;
    const existing = roles.find((r) => r.party === party);
    const themes = themesOf(sentence.text);
    if (existing) existing.themes = [...new Set([...existing.themes, ...themes])];
    else roles.push({ party, themes, evidence: evidenceOf(doc, sentence) });
  }
  return roles;
}

function readSubGoal(
  doc: ParsedDocument,
  agreement: Agreement,
  heading: RegExpExecArray,
  headingUnit: Unit,
  body: Unit[],
  register: PartyRegister,
): SubGoal {
  const number = heading[1]!;
  const title = heading[2]!.trim();
  const sentences = sentencesOf(doc, body);
  const partners: PartyLink[] = [];
  const mayInvite: PartyLink[] = [];
  const link = (list: PartyLink[], ids: string[], sentence: (typeof sentences)[number]) => {
    for (const party of ids) if (!list.some((l) => l.party === party)) list.push({ party, evidence: evidenceOf(doc, sentence) });
  };
  for (const sentence of sentences) {
    const partnerList = PARTNER_SENTENCE.exec(sentence.text);
    if (partnerList) link(partners, register.parseList(sentence.text.slice(partnerList[0].length)), sentence);
    const clause = PARTNER_CLAUSE.exec(sentence.text);
    if (clause) {
      const subject = register.mentions(clause[1]!)[0];
      if (subject) link(partners, subject.parties, sentence);
    }
    const invite = MAY_INVITE.exec(sentence.text);
    if (invite) {
      const rest = sentence.text.slice(invite.index + invite[0].length);
      link(mayInvite, register.parseList(rest), sentence);
      for (const examples of rest.matchAll(EXAMPLES)) link(mayInvite, register.parseList(examples[1]!), sentence);
    }
  }
  const themes = themesOf(title);
  return {
    id: subGoalId(agreement.id, number),
    number,
    title,
    themes: themes.length > 0 ? themes : themesOf(`${title} ${sentences[1]?.text ?? ''}`),
    partners,
    mayInvite,
    measures: [],
    evidence: unitEvidence(doc, headingUnit),
  };
}

/** The pilot's name: "bygdevekstavtale for Vest-Telemark", "kommunene i Nord-Troms", "kommunene Smøla og Aure". */
function pilotNameOf(text: string): string {
  const name = String.raw`\p{Lu}[\p{L}-]*`;
  const patterns = [
    new RegExp(String.raw`[Bb]ygdevekstavtal(?:e|en|a)\s+for\s+(${name}(?:\s+${name})*)`, 'u'),
    new RegExp(String.raw`kommun(?:ene|ane)\s+i\s+(${name}(?:\s+${name})*)`, 'u'),
    new RegExp(String.raw`kommun(?:ene|ane)\s+((?:${name}(?:,\s+|\s+og\s+))+${name})`, 'u'),
  ];
  for (const re of patterns) {
    const m = re.exec(text);
    if (m) return m[1]!;
  }
  return 'ukjent pilot';
}

function isProse(unit: Unit): boolean {
  return unit.kind !== 'heading';
}

function wordsBefore(text: string, offset: number): number {
  return text.slice(0, offset).split(/\s+/).filter(Boolean).length;
}
