/**
 * Plan anchors named in a sentence of a Forankring section: white papers, propositions,
 * regional and municipal plans, strategies and political decisions (plan-anchors.json).
 */
import lexicon from '../lexicon/plan-anchors.json' with { type: 'json' };
import { nameKey } from '../../domain/names.ts';
import type { PlanAnchorType } from '../../domain/records.ts';
import { planAnchorId } from '../../domain/ids.ts';

export interface AnchorName {
  name: string;
  type: PlanAnchorType;
}

interface Cue {
  pattern: RegExp;
  prefix: string;
  before: boolean;
  clauses: boolean;
}

const cues: Cue[] = lexicon.cues.map((c) => ({
  pattern: new RegExp(`(?<![\\p{L}])(?:${c.pattern})(?![\\p{L}])`, 'giu'),
  prefix: 'prefix' in c ? (c.prefix as string) : '',
  before: 'before' in c && c.before === true,
  clauses: 'clauses' in c && c.clauses === true,
}));
const types = lexicon.types.map((t) => ({ pattern: new RegExp(t.pattern, 'iu'), type: t.type as PlanAnchorType }));
const notAnchors = lexicon.notAnchors.map((p) => new RegExp(p, 'iu'));
const leading = new RegExp(`^(?:(?:${lexicon.trimLeading.join('|')})\\s+)+`, 'iu');
const cut = new RegExp(lexicon.cutAt.join('|'), 'u');

export function anchorsInSentence(sentence: string): AnchorName[] {
  const text = sentence.replace(/\.$/, '');
  let last: { cue: Cue; index: number; length: number } | undefined;
  for (const cue of cues) {
    cue.pattern.lastIndex = 0;
    for (const m of text.matchAll(cue.pattern)) {
      if (!last || m.index! > last.index) last = { cue, index: m.index!, length: m[0].length };
    }
  }
  if (!last) return [];
  let complement = last.cue.before ? text.slice(0, last.index) : text.slice(last.index + last.length);
  const cutAt = complement.search(cut);
  if (cutAt >= 0) complement = complement.slice(0, cutAt);
  const anchors: AnchorName[] = [];
  for (const conjunct of splitConjuncts(complement, last.cue.clauses)) {
    const name = normaliseAnchorName(last.cue.prefix + conjunct.replace(leading, ''));
    if (!name || notAnchors.some((re) => re.test(name))) continue;
    const type = types.find((t) => t.pattern.test(name))?.type;
    if (type) anchors.push({ name, type });
  }
  return anchors;
}

/** ", samt (i)", ", og (i)", " og i", and " og" before a lower-case word (or any " og" between clauses). */
function splitConjuncts(text: string, clauses: boolean): string[] {
  const separator = clauses
    ? /\s*,\s*(?:samt\s+|og\s+)?(?:i\s+)?|\s+(?:og|samt)\s+(?:i\s+)?/u
    : /\s*,\s*(?:samt\s+|og\s+)?(?:i\s+)?|\s+samt\s+(?:i\s+)?|\s+og\s+i\s+|\s+og\s+(?=\p{Ll})/u;
  return text.split(separator).map((s) => s.trim()).filter(Boolean);
}

/** "(2022– 2023)" → "(2022–2023)": a year range broken at a line end. */
function normaliseAnchorName(name: string): string {
  return name.replace(/(\d{4})([–-])\s+(\d{4})/g, '$1$2$3').replace(/\s+/g, ' ').trim();
}

/** The same white paper or proposition gets one id whatever its title text; other anchors by their normalised name. */
export function anchorId(name: string): string {
  const paper = /^(Meld\. St\.|Prop\.)\s*(\d+)(?:\s*S)?\s*\((\d{4})[–-](\d{4})\)/iu.exec(name);
  if (paper) return planAnchorId(`${paper[1]} ${paper[2]} ${paper[3]} ${paper[4]}`);
  return planAnchorId(nameKey(name));
}
