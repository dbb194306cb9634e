/**
 * Obligations: sentences in which parties commit themselves, with the modal verb that
 * says how strongly (forplikter seg / skal / vil / kan / bør) and the parties it binds.
 */
import cues from '../lexicon/extraction-cues.json' with { type: 'json' };
import type { PartyRegister } from './party-register.ts';
import type { Modality } from '../../domain/records.ts';

export interface ObligationFinding {
  parties: string[];
  modality: Modality;
  action: string;
}

export interface ObligationScope {
  /** Who "partene"/"samarbeidspartene" are here: a sub-goal's partners, or the main parties. */
  collectiveParties: string[];
  /** Who "kommunene" are here: the pilot's municipalities. */
  municipalities: string[];
}

const MODAL = new Map<string, Modality>(
  Object.entries(cues.modalVerbs).flatMap(([modality, verbs]) => verbs.map((v) => [v, modality as Modality] as [string, Modality])),
);
const PARTIES_WORDS = new Set(cues.collectiveSubjects.parties);
const MUNICIPALITY_WORDS = new Set(cues.collectiveSubjects.agreementMunicipalities);
const WORD = /[\p{L}\p{N}][\p{L}\p{N}-]*/gu;

/** Where one clause of a sentence may end and another, with a subject of its own, begin. */
const CLAUSE_BREAK = new RegExp(cues.clauseBreak, 'u');
/** "… kan gje råd og bør delta …": a second modal verb of the same subject. */
const SHARED_SUBJECT = new RegExp(cues.sharedSubjectBreak, 'u');
/** "Husbanken sine ordningar kan …": the subject is what the party has, not the party. */
const POSSESSED = new RegExp(cues.possessedSubject, 'u');

/**
 * The obligations a sentence states, one per clause that has a subject of its own: "Fylkeskommunen
 * skal …, og KDD vil …" binds the county to the first clause and KDD to the second.
 */
export function findObligations(sentence: string, register: PartyRegister, scope: ObligationScope): ObligationFinding[] {
  const clauses: string[] = [];
  let rest = sentence;
  for (let m = CLAUSE_BREAK.exec(rest); m; m = CLAUSE_BREAK.exec(rest)) {
    const next = rest.slice(m.index + m[0].length);
    // a clause starts anew only with its own party and modal verb ("…, og KDD vil …")
    if (findObligation(next, register, scope, { subjectFirst: true })) {
      clauses.push(rest.slice(0, m.index));
      rest = next;
    } else break;
  }
  clauses.push(rest);
  const found: ObligationFinding[] = [];
  for (const clause of clauses.length === 1 ? [sentence] : clauses) {
    const first = findObligation(clause, register, scope);
    if (!first) continue;
    // "Husbanken kan gje råd … og bør delta …": each modal verb of one subject its own obligation
    const [, ...more] = clause.split(SHARED_SUBJECT);
    if (more.length === 0) {
      found.push(first);
      continue;
    }
    const head = findObligation(clause.slice(0, clause.search(SHARED_SUBJECT)), register, scope);
    // "… har ei oppgåve i …, og skal også …": one modal verb, one obligation
    if (!head) {
      found.push(first);
      continue;
    }
    found.push(head);
    for (const part of more) {
      const modal = findObligation(part, register, { collectiveParties: first.parties, municipalities: [] }, { sharedSubject: first.parties });
      if (modal) found.push(modal);
    }
  }
  return found;
}

/**
 * The obligation a clause states, if its subject is a party: the parties named before the
 * first modal verb, or (unless `subjectFirst`) right after it in inverted order ("Herunder skal fylkeskommunen …").
 */
export function findObligation(
  sentence: string,
  register: PartyRegister,
  scope: ObligationScope,
  options: { subjectFirst?: boolean; sharedSubject?: string[] } = {},
): ObligationFinding | undefined {
  const tokens = [...sentence.matchAll(WORD)].map((m) => ({ word: m[0].toLowerCase(), start: m.index!, end: m.index! + m[0].length }));
  const modalAt = tokens.findIndex((t) => MODAL.has(t.word));
  if (modalAt < 0) return undefined;
  const modal = tokens[modalAt]!;
  const modality = MODAL.get(modal.word)!;
  if (modality === 'FORPLIKTER' && !tokens.slice(modalAt + 1, modalAt + 4).some((t) => t.word === 'seg')) return undefined;

  // the subject ends where a prepositional phrase begins ("En samarbeidsstruktur mellom X og Y skal …")
  const phrase = /\s(?:mellom|med|fra|frå|til|av|for|om|overfor)\s/u.exec(sentence.slice(0, modal.start));
  const before = sentence.slice(0, phrase ? phrase.index : modal.start);
  // a clause that starts anew names its subject first and its modal verb soon after ("KDD vil …")
  if (options.subjectFirst && modalAt > 6) return undefined;
  let parties = options.sharedSubject ?? subjectParties(before, tokens.slice(0, modalAt), register, scope);
  if (options.subjectFirst && !startsWithSubject(before, register)) return undefined;
  if (!options.sharedSubject && possessed(before, register)) return undefined;
  if (parties.length === 0 && !options.subjectFirst) {
    // inverted word order: the subject follows the verb
    const next = tokens[modalAt + 1];
    if (next) {
      const after = sentence.slice(next.start);
      const mention = register.mentions(after)[0];
      if (mention && mention.start === 0) parties = mention.parties;
      else parties = collective(next.word, scope);
    }
  }
  if (parties.length === 0) return undefined;

  const action = sentence
    .slice(modal.end)
    .replace(/^\s*(?:\p{L}+\s+){0,2}?seg\b\s*/u, '')
    .replace(/\.$/, '')
    .trim();
  return { parties: [...new Set(parties)], modality, action };
}

/** Does the text open with a party or a collective word for parties ("KDD", "fylkeskommunen", "partane")? */
function startsWithSubject(text: string, register: PartyRegister): boolean {
  const first = register.mentions(text)[0];
  if (first && first.start <= 4) return true;
  const word = /^\s*(\p{L}+)/u.exec(text)?.[1]?.toLowerCase() ?? '';
  return PARTIES_WORDS.has(word) || MUNICIPALITY_WORDS.has(word);
}

/** Is the party in the subject only the owner of it ("Husbanken sine ordningar", "Husbankens ordninger")? */
function possessed(subject: string, register: PartyRegister): boolean {
  return register.mentions(subject).some((m) => POSSESSED.test(subject.slice(m.end)));
}

function subjectParties(text: string, tokens: { word: string }[], register: PartyRegister, scope: ObligationScope): string[] {
  const named = register.mentions(text).flatMap((m) => m.parties);
  if (named.length > 0) return named;
  for (const t of tokens) {
    const parties = collective(t.word, scope);
    if (parties.length > 0) return parties;
  }
  return [];
}

function collective(word: string, scope: ObligationScope): string[] {
  if (PARTIES_WORDS.has(word)) return scope.collectiveParties;
  if (MUNICIPALITY_WORDS.has(word)) return scope.municipalities;
  return [];
}
