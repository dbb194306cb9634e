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
const subjects = new RegExp(lexicon.subjects, 'iu');
const strongStart = new RegExp(lexicon.strongStarts, 'u');

/**
 * The anchors a sentence names after each anchoring cue, up to the next cue. With `needsSubject`
 * (outside a section about anchoring) a cue counts only when the agreement, the work or a party's
 * part in it stands before it: "Kunnskapsgrunnlaget bygger på …" anchors nothing.
 */
export function anchorsInSentence(sentence: string, options: { needsSubject?: boolean } = {}): AnchorName[] {
  const text = sentence.replace(/\.$/, '');
  const found: { cue: Cue; index: number; length: number }[] = [];
  for (const cue of cues) {
    cue.pattern.lastIndex = 0;
    for (const m of text.matchAll(cue.pattern)) found.push({ cue, index: m.index!, length: m[0].length });
  }
  found.sort((x, y) => x.index - y.index || y.length - x.length);
  const hits = found.filter((f, i) => !found.slice(0, i).some((g) => f.index < g.index + g.length));
  if (hits.length === 0) return [];
  // "Frå statleg side byggjer avtala på …": the subject may stand inside the cue
  if (options.needsSubject && !subjects.test(text.slice(0, hits[0]!.index + hits[0]!.length))) return [];
  const anchors: AnchorName[] = [];
  hits.forEach((hit, i) => {
    const previousEnd = i > 0 ? hits[i - 1]!.index + hits[i - 1]!.length : 0;
    let complement = hit.cue.before ? text.slice(previousEnd, hit.index) : text.slice(hit.index + hit.length, hits[i + 1]?.index ?? text.length);
    const cutAt = complement.search(cut);
    if (cutAt >= 0) complement = complement.slice(0, cutAt);
    for (const piece of anchorPieces(complement, hit.cue.clauses, hit.cue.prefix)) {
      const name = normaliseAnchorName(piece);
      if (!name || notAnchors.some((re) => re.test(name))) continue;
      const type = typeOf(name);
      if (type && !anchors.some((x) => x.name === name)) anchors.push({ name, type });
    }
  });
  return anchors;
}

function typeOf(name: string): PlanAnchorType | undefined {
  return types.find((t) => t.pattern.test(name))?.type;
}

/**
 * The anchors of a list: split at commas and conjunctions, where a part that no type fits
 * carries on the one before it ("Regional plan for kompetanse, arbeidskraft og inkludering").
 */
function anchorPieces(text: string, clauses: boolean, prefix: string): string[] {
  // never inside a suspended compound ("styrings- og beslutningsdokumenter")
  const separator = clauses
    ? /(\s*,\s*(?:samt\s+|og\s+)?(?:i\s+)?|(?<!-)\s+(?:og|samt)\s+(?:i\s+|på\s+)?)/u
    : /(\s*,\s*(?:samt\s+|og\s+)?(?:i\s+)?|\s+samt\s+(?:i\s+)?|(?<!-)\s+og\s+(?:i\s+|på\s+)?)/u;
  const parts = text.split(separator);
  const pieces: string[] = [];
  let carrying = false;
  for (let i = 0; i < parts.length; i += 2) {
    const part = parts[i]!.trim().replace(leading, '').trim();
    if (!part) continue;
    // "… og andre aktuelle styringsdokumenter" only gestures at plans: it neither starts nor carries on an anchor
    if (notAnchors.some((re) => re.test(part))) {
      carrying = false;
      continue;
    }
    const strong = strongStart.exec(part);
    const own = prefix + (strong ? part.slice(strong.index) : part);
    if (!typeOf(own) && !strong) {
      if (carrying) pieces[pieces.length - 1] += `${parts[i - 1]}${parts[i]!.trim()}`;
      continue;
    }
    pieces.push(own);
    carrying = true;
  }
  return pieces.map(trimProposition);
}

/** "Prop. 1 S (2024–2025) for Kommunal- og distriktsdepartementet" → "Prop. 1 S (2024–2025)". */
function trimProposition(name: string): string {
  return /^Prop\./u.test(name) ? name.replace(/^(Prop\.\s*\d+\s*S\s*\(\d{4}[–-]\s*\d{4}\)).*$/u, '$1') : name;
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
