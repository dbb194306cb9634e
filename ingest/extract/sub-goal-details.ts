/**
 * What a sub-goal says beyond its heading: why it is about each theme (from its title, or from
 * sentences of its body that come back to a theme), and where each group of actors it names as
 * partner or invitee is named. Every kind of document finishes its sub-goals here.
 */
import { THEMES, type GroupLink, type SubGoal, type Theme, type ThemeReason } from '../../domain/records.ts';
import type { ParsedDocument } from '../read-document.ts';
import { sentencesOf } from './evidence.ts';
import { evidenceOf, type Sentence } from './sentences.ts';
import { themeWordsOf } from './themes.ts';
import type { Unit } from './units.ts';

/**
 * A body theme counts when its vocabulary occurs this often in the body: one passing word
 * ("… og skulane") does not make a sub-goal about a theme, a body that returns to it does.
 */
const BODY_MENTIONS = 2;
/** A body is kept for comparison up to this length: the opening of a long body says what it is about. */
const BODY_CHARS = 4000;

export function finishSubGoal(doc: ParsedDocument, subGoal: SubGoal, body: Unit[]): void {
  const text = body.filter((u) => u.kind !== 'heading' && u.kind !== 'footnote');
  subGoal.themeReasons = themeReasons(doc, subGoal, sentencesOf(doc, text));
  subGoal.themes = subGoal.themeReasons.map((r) => r.theme);
  subGoal.groups = groupLinks(doc, subGoal, body);
  const joined = text.map((u) => u.text).join(' ');
  if (joined) subGoal.body = joined.length > BODY_CHARS ? `${joined.slice(0, BODY_CHARS)}…` : joined;
}

function themeReasons(doc: ParsedDocument, subGoal: SubGoal, sentences: Sentence[]): ThemeReason[] {
  const reasons = new Map<Theme, ThemeReason>();
  for (const found of themeWordsOf(subGoal.title)) reasons.set(found.theme, { theme: found.theme, words: found.words, evidence: subGoal.evidence });
  const mentions = new Map<Theme, { count: number; first?: ThemeReason }>();
  for (const sentence of sentences) {
    for (const found of themeWordsOf(sentence.text)) {
      const seen = mentions.get(found.theme) ?? { count: 0 };
      seen.count += found.words.length;
      seen.first ??= { theme: found.theme, words: found.words, evidence: evidenceOf(doc, sentence) };
      mentions.set(found.theme, seen);
    }
  }
  for (const [theme, seen] of mentions) {
    if (reasons.has(theme) || !seen.first) continue;
    if (seen.count >= BODY_MENTIONS || subGoal.themes.includes(theme)) reasons.set(theme, seen.first);
  }
  // a theme the extractor took from other text (a table row's cells) rests on the heading's sentence
  const inHeading = themeWordsOf(subGoal.evidence.quote);
  for (const theme of subGoal.themes) {
    if (!reasons.has(theme)) reasons.set(theme, { theme, words: inHeading.find((t) => t.theme === theme)?.words ?? [], evidence: subGoal.evidence });
  }
  return [...reasons.values()].sort((a, b) => THEMES.indexOf(a.theme) - THEMES.indexOf(b.theme));
}

function groupLinks(doc: ParsedDocument, subGoal: SubGoal, body: Unit[]): GroupLink[] {
  const sentences = sentencesOf(doc, body);
  const where = (name: string) => {
    const key = name.toLowerCase();
    const sentence = sentences.find((s) => s.text.toLowerCase().includes(key));
    return sentence ? evidenceOf(doc, sentence) : subGoal.evidence;
  };
  return [
    ...subGoal.partnerGroups.map((name): GroupLink => ({ name, role: 'PARTNER', evidence: where(name) })),
    ...subGoal.mayInviteGroups.map((name): GroupLink => ({ name, role: 'MAY_INVITE', evidence: where(name) })),
  ];
}
