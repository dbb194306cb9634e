/**
 * The partners of a sub-goal and the parties that may be invited, from every phrasing authors
 * use (extraction-cues.json): a list after its cue ("Samarbeidspartnarar i dette delmålet er …",
 * "Samarbeidspartnere:" and the items below), before it ("A, B og C er samarbeidsparter for dette
 * delmålet", items then "Desse er samarbeidspartnarar …"), invitations after "invitere … slik som",
 * "for eksempel", "som", in parentheses, or after "Kan inviterast:". Generic groups are no parties.
 */
import cues from '../lexicon/extraction-cues.json' with { type: 'json' };
import type { PartyLink } from '../../domain/records.ts';
import type { ParsedDocument } from '../read-document.ts';
import { sentencesOf, unitEvidence } from './evidence.ts';
import type { PartyRegister } from './party-register.ts';
import { evidenceOf } from './sentences.ts';
import type { Unit } from './units.ts';

const AFTER = cues.partnersAfter.map((c) => new RegExp(c, 'iu'));
const BEFORE = new RegExp(cues.partnersBefore, 'iu');
const BEFORE_ITEMS = new RegExp(cues.partnersBeforeItems, 'iu');
const INVITATIONS = cues.invitations.map((c) => new RegExp(c, 'iu'));
const LIST_START = new RegExp(cues.invitationListStarts, 'iu');
const TAILS = cues.listTails.map((c) => new RegExp(c, 'iu'));
const EXAMPLES = new RegExp(cues.examplesInParentheses, 'giu');
const SUBJECT_ENDS = new RegExp(cues.subjectEnds, 'u');

export interface SubGoalLinks {
  partners: PartyLink[];
  mayInvite: PartyLink[];
  partnerGroups: string[];
  mayInviteGroups: string[];
}

type Target = 'partners' | 'mayInvite';

/** Reads the links of one sub-goal from the units of its body, in order. */
export function readLinks(doc: ParsedDocument, body: Unit[], register: PartyRegister): SubGoalLinks {
  const links: SubGoalLinks = { partners: [], mayInvite: [], partnerGroups: [], mayInviteGroups: [] };
  const groupsOf = (target: Target) => (target === 'partners' ? links.partnerGroups : links.mayInviteGroups);
  const list = (target: Target, text: string) => register.parseList(trimTail(text), groupsOf(target));
  const link = (target: Target, parties: string[], evidence: PartyLink['evidence']) => {
    for (const party of parties) if (!links[target].some((l) => l.party === party)) links[target].push({ party, evidence });
  };
  let itemsFor: Target | undefined;
  let pending: Unit[] = [];
  for (const unit of body) {
    if (unit.kind === 'item') {
      if (itemsFor) link(itemsFor, list(itemsFor, unit.content), unitEvidence(doc, unit));
      else pending.push(unit);
      continue;
    }
    itemsFor = undefined;
    for (const sentence of sentencesOf(doc, [unit])) {
      // "(Samarbeidsparter: A, B og C.)": a sentence in parentheses reads as the sentence
      const text = /^\(/u.test(sentence.text) ? sentence.text.replace(/^\(\s*/u, '').replace(/\s*\)\s*\.?$/u, '') : sentence.text;
      const evidence = evidenceOf(doc, sentence);
      const opensList = /:\s*$/.test(text);
      const invited = invitationsIn(text, register, links.mayInviteGroups);
      if (invited) {
        link('mayInvite', invited, evidence);
        if (opensList && invited.length === 0) itemsFor = 'mayInvite';
        continue;
      }
      const after = AFTER.map((re) => re.exec(text)).find((m) => m !== null);
      if (after) {
        const rest = text.slice(after.index + after[0].length);
        // "… er knyttet til delmålet:" with nothing after the colon: the items below are the list
        if (opensList && (rest.trim() === '' || !/[,\p{Lu}]/u.test(rest))) itemsFor = 'partners';
        else link('partners', list('partners', rest), evidence);
        continue;
      }
      const before = BEFORE.exec(text);
      if (before) {
        const subject = text.slice(0, before.index);
        if (BEFORE_ITEMS.test(text)) for (const item of pending) link('partners', list('partners', item.content), unitEvidence(doc, item));
        else link('partners', subjectList(subject, register, links.partnerGroups), evidence);
      }
    }
    pending = [];
  }
  return links;
}

/** The parties a sentence says may be invited; undefined when it is no invitation. */
function invitationsIn(text: string, register: PartyRegister, groups: string[]): string[] | undefined {
  const cue = INVITATIONS.map((re) => re.exec(text)).find((m) => m !== null);
  if (!cue) return undefined;
  let rest = text.slice(cue.index + cue[0].length);
  const found: string[] = [];
  // "(blant annet KS, Helsedirektoratet og …)", "(for eksempel Z)"
  for (const m of rest.matchAll(EXAMPLES)) found.push(...register.parseList(trimTail(m[1]!), groups));
  for (const m of rest.matchAll(/\(([^)]*)\)/gu)) {
    const inner = LIST_START.exec(m[1]!);
    if (inner && inner.index === 0) found.push(...register.parseList(trimTail(m[1]!.slice(inner[0].length)), groups));
  }
  rest = rest.replace(/\([^)]*\)/gu, ' ');
  const start = LIST_START.exec(rest);
  if (start) rest = rest.slice(start.index + start[0].length);
  // without a list start, the object itself is the list ("invitere grunneigarlaga og Miljødirektoratet"); the generic "andre aktører" is no group
  for (const party of register.parseList(trimTail(rest), groups)) if (!found.includes(party)) found.push(party);
  return found;
}

/** The parties before "… er samarbeidsparter": a plain list is read as a list, a clause by the names in it. */
function subjectList(subject: string, register: PartyRegister, groups: string[]): string[] {
  const named = register.mentions(subject).flatMap((m) => m.parties);
  if (SUBJECT_ENDS.test(` ${subject} `) || subject.length > 240) return named;
  return [...new Set([...register.parseList(subject, groups), ...named])];
}

/** "Distriktssenteret og DOGA inn i arbeidet" → "Distriktssenteret og DOGA". */
function trimTail(list: string): string {
  let text = list.trim();
  for (const tail of TAILS) text = text.replace(tail, '');
  return text;
}
