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

/**
 * The obligation a sentence states, if its subject is a party: the parties named before the
 * first modal verb, or right after it in inverted order ("Herunder skal fylkeskommunen …").
 */
export function findObligation(sentence: string, register: PartyRegister, scope: ObligationScope): ObligationFinding | undefined {
  const tokens = [...sentence.matchAll(WORD)].map((m) => ({ word: m[0].toLowerCase(), start: m.index!, end: m.index! + m[0].length }));
  const modalAt = tokens.findIndex((t) => MODAL.has(t.word));
  if (modalAt < 0) return undefined;
  const modal = tokens[modalAt]!;
  const modality = MODAL.get(modal.word)!;
  if (modality === 'FORPLIKTER' && !tokens.slice(modalAt + 1, modalAt + 4).some((t) => t.word === 'seg')) return undefined;

  // the subject ends where a prepositional phrase begins ("En samarbeidsstruktur mellom X og Y skal …")
  const phrase = /\s(?:mellom|med|fra|frå|til|av|for|om|overfor)\s/u.exec(sentence.slice(0, modal.start));
  const before = sentence.slice(0, phrase ? phrase.index : modal.start);
  let parties = subjectParties(before, tokens.slice(0, modalAt), register, scope);
  if (parties.length === 0) {
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
