/**
 * The main parties and the parties with special roles of an agreement, in every form authors
 * use: one party per list item (bullets, a), 1.), an inline list after a cue ("Hovudpartar er: …",
 * "Avtalen inngås mellom …"), or the subjects of the sentences of a special-roles section.
 */
import cues from '../lexicon/extraction-cues.json' with { type: 'json' };
import type { MainPartyFact, SpecialRoleFact } from '../../domain/records.ts';
import type { ParsedDocument } from '../read-document.ts';
import { sentencesOf, unitEvidence } from './evidence.ts';
import type { PartyRegister } from './party-register.ts';
import type { Section } from './structure.ts';
import { evidenceOf, type Sentence } from './sentences.ts';
import { themesOf } from './themes.ts';
import type { Unit } from './units.ts';

const LIST_CUES = cues.mainPartyLists.map((c) => new RegExp(c, 'iu'));
const COORDINATING = new RegExp(cues.coordinating, 'iu');
const NOT_A_MAIN_PARTY = new RegExp(cues.notAMainParty, 'iu');
const SUBJECT_ENDS = new RegExp(cues.subjectEnds, 'u');

/**
 * Main parties from the sections whose title says so; where no section does, from the first
 * sentence anywhere before the sub-goals that lists them ("Avtalen inngås mellom …").
 */
export function readMainParties(doc: ParsedDocument, sections: Section[], register: PartyRegister): MainPartyFact[] {
  const facts: MainPartyFact[] = [];
  const add = (party: string, coordinating: boolean, evidence: MainPartyFact['evidence']) => {
    const existing = facts.find((f) => f.party === party);
    if (existing) existing.coordinating ||= coordinating;
    else facts.push({ party, coordinating, evidence });
  };
  const own = sections.filter((s) => s.role === 'mainParties');
  for (const section of own) {
    for (const unit of section.units.filter((u) => u.kind === 'item')) {
      const party = firstParty(unit, register);
      if (party) add(party, COORDINATING.test(unit.text), unitEvidence(doc, unit));
    }
    // a table of the parties (Part | Rolle): the party in the first cell, its role in the others
    for (const row of section.units.filter((u) => u.kind === 'row' && !u.header)) {
      const party = register.parseList(row.cells?.[0] ?? '')[0];
      if (party) add(party, COORDINATING.test(row.text), unitEvidence(doc, row));
    }
    for (const sentence of sentencesOf(doc, section.units.filter((u) => u.kind !== 'item' && u.kind !== 'row'))) listedIn(doc, sentence, register, add);
  }
  if (facts.length === 0) {
    const before = sections.slice(0, Math.max(1, sections.findIndex((s) => s.role === 'subGoals')));
    for (const sentence of sentencesOf(doc, before.flatMap((s) => s.units.filter((u) => u.kind !== 'item')))) {
      listedIn(doc, sentence, register, add);
      if (facts.length > 0) break;
    }
  }
  return facts;
}

/** The parties a sentence lists as main parties, and the coordinating one of them. */
function listedIn(doc: ParsedDocument, sentence: Sentence, register: PartyRegister, add: (party: string, coordinating: boolean, evidence: MainPartyFact['evidence']) => void): void {
  if (NOT_A_MAIN_PARTY.test(sentence.text)) return;
  const coordinating = COORDINATING.exec(sentence.text);
  for (const cue of LIST_CUES) {
    const m = cue.exec(sentence.text);
    if (!m) continue;
    // "…, Nordland fylkeskommune og KDD, som er koordinerende hovedpart": the list ends before "som"
    const list = sentence.text.slice(m.index + m[0].length).split(/,\s+(?:som|der|og\s+som)\s/u)[0]!;
    const parties = register.parseList(list);
    const coordinator = coordinating ? nearestBefore(sentence.text, coordinating.index, register) : undefined;
    for (const party of parties) add(party, party === coordinator, evidenceOf(doc, sentence));
    if (parties.length > 0) return;
  }
  // "KDD er koordinerande hovudpart og representerer staten": marks a party already listed
  if (coordinating) {
    const subject = subjectParties(sentence.text, register);
    if (subject.length === 1) add(subject[0]!, true, evidenceOf(doc, sentence));
  }
}

/** The party named last before an offset (the one a following "som er koordinerende …" is about). */
function nearestBefore(text: string, offset: number, register: PartyRegister): string | undefined {
  const before = register.mentions(text.slice(0, offset)).filter((m) => m.parties.length === 1);
  return before[before.length - 1]?.parties[0];
}

/** The party an item names first: "Kommunal- og distriktsdepartementet er koordinerende hovedpart …". */
function firstParty(unit: Unit, register: PartyRegister): string | undefined {
  const mention = register.mentions(unit.content)[0];
  if (mention && mention.start === 0 && mention.parties.length === 1) return mention.parties[0];
  const head = unit.content.replace(/\s*\[.*$/, '').split(/[.,:;(]|\s+(?:som|er|skal|vil|har)\s/u)[0]!;
  return register.resolveName(head)[0] ?? mention?.parties[0];
}

/** Parties named in the subject of a sentence: before its first finite verb. */
function subjectParties(text: string, register: PartyRegister): string[] {
  const end = SUBJECT_ENDS.exec(text)?.index ?? text.length;
  return register.mentions(text.slice(0, end)).flatMap((m) => m.parties);
}

/** The parties the special-roles sections give a task: each item's party, each sentence's subjects. */
export function readSpecialRoles(doc: ParsedDocument, sections: Section[], register: PartyRegister, mainParties: MainPartyFact[]): SpecialRoleFact[] {
  const roles: SpecialRoleFact[] = [];
  const main = new Set(mainParties.map((m) => m.party));
  const add = (party: string, text: string, evidence: SpecialRoleFact['evidence']) => {
    if (main.has(party)) return;
    const themes = themesOf(text);
    const existing = roles.find((r) => r.party === party);
    if (existing) existing.themes = [...new Set([...existing.themes, ...themes])];
    else roles.push({ party, themes, evidence });
  };
  for (const section of sections.filter((s) => s.role === 'specialRoles')) {
    for (const unit of section.units) {
      if (unit.kind === 'item') {
        const party = firstParty(unit, register);
        if (party) add(party, unit.text, unitEvidence(doc, unit));
        continue;
      }
      for (const sentence of sentencesOf(doc, [unit])) {
        for (const party of subjectParties(sentence.text, register)) add(party, sentence.text, evidenceOf(doc, sentence));
      }
    }
  }
  return roles;
}
