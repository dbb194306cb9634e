/**
 * Metamorphic rewrites of the corpus agreements: the same content in the forms other authors use
 * (other heading numbering, lists inline or in prose, nynorsk or bokmål cues, another section
 * order), set by another PDF generator and line width. Rewrites work on the text, never on what
 * the extractor found, and `facts` reduces an extraction to what must not change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import documents from '../../corpus/build/documents.json' with { type: 'json' };
import { sourceToBlocks } from '../../corpus/build/source-blocks.ts';
import type { ExtractedDocument } from '../../domain/records.ts';
import { renderPdfkit } from '../golden/dev-set/build/render-pdfkit.ts';
import { parseSource } from '../golden/dev-set/build/source.ts';
import { corpusDir } from './corpus.ts';

/** A corpus source text in the development set's source format (headings `##`/`###`, `-` bullets). */
export function corpusMarkdown(source: string): string {
  const spec = documents.documents.find((d) => d.source === source)!;
  const blocks = sourceToBlocks(readFileSync(join(corpusDir, source), 'utf8'), {
    artefactLines: spec.artefactLines.map((p) => new RegExp(p)),
    footnotes: spec.footnotes.map((p) => new RegExp(p)),
    emptyLineIsGap: 'emptyLineIsGap' in spec ? Boolean(spec.emptyLineIsGap) : false,
  });
  // footnotes are left out (they name no facts), and so are the markers that point to them
  const footnoteNumbers = blocks.filter((b) => b.kind === 'footnote').map((b) => /^(\d{1,2})\s/.exec(b.text)?.[1]).filter((n): n is string => !!n);
  const unmark = (text: string) =>
    footnoteNumbers.length === 0 ? text : text.replace(new RegExp(`(\\p{Ll})(?:${footnoteNumbers.join('|')})(?=[\\s.,;:)]|$)`, 'gu'), '$1');
  const lines = [`<!-- lang: ${spec.language} -->`, '', `# ${spec.title}`, ''];
  for (const block of blocks) {
    if (block.kind === 'heading') lines.push(`${'#'.repeat(Math.min(block.level + 1, 3))} ${unmark(block.text)}`);
    else if (block.kind === 'item') lines.push(block.label === '•' ? `- ${unmark(block.text)}` : `${block.label} ${unmark(block.text)}`.replace(/^([a-zæøå])\.\s/u, '$1) '));
    else if (block.kind === 'paragraph') lines.push(block.emphasis ? `**${unmark(block.text)}**` : unmark(block.text));
    else continue;
    lines.push('');
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** Renders a source of the development-set format with its pdfkit generator. */
export function renderMarkdown(name: string, markdown: string): Promise<Buffer> {
  return renderPdfkit(parseSource(name, markdown));
}

export type Rewrite = (markdown: string, language: 'nb' | 'nn') => string;

const headings = (markdown: string, rewrite: (level: string, text: string) => string) =>
  markdown.replace(/^(#{2,3}) (.*)$/gmu, (_all, level: string, text: string) => `${level} ${rewrite(level, text)}`);

/** Every rewrite, by name. Each keeps the facts; none names a document. */
export const REWRITES: Record<string, Rewrite> = {
  /** Only another generator and line width. */
  'another generator': (m) => m,
  /** "2. Hovedparter" → "Kapittel 2: Hovedparter"; "6.1 Delmål 1 Tittel" → "Delmål 1: Tittel". */
  'chapter numbering, sub-goals with a colon': (m) =>
    headings(m, (_l, t) => t.replace(/^\d{1,2}\.\d{1,2}\s+(Delmål\s+\d+)\s+/u, '$1: ').replace(/^(\d{1,2})\.?\s+(?=\p{Lu})/u, 'Kapittel $1: ')),
  /** Unnumbered headings in capitals; "Delmål 1 – Tittel"; "Delmål 1.1 – Tittel". */
  'unnumbered headings, sub-goals with a dash': (m) =>
    headings(m, (_l, t) => {
      const subGoal = /^(?:\d{1,2}\.\d{1,2}\s+)?(Delmål\s+\d+(?:\.\d+)?):?\s+(.*)$/u.exec(t);
      if (subGoal) return `${subGoal[1]} – ${subGoal[2]}`;
      if (/^Innsatsområde\s+\d+/u.test(t)) return t.replace(/^(Innsatsområde\s+\d+)\s*[–-]\s*/u, '$1: ');
      return t.replace(/^\d{1,2}(?:\.\d{1,2})?\.?\s+(?=\p{Lu})/u, '').toUpperCase();
    }),
  /** The bullets of the main parties as one inline list after a colon. */
  'main parties inline': (m, language) => mainParties(m, language, (names, lead) => `${lead}: ${joinList(names)}.`),
  /** The main parties in a prose sentence ("Avtalen inngås mellom A, B og C."). */
  'main parties in prose': (m, language) =>
    mainParties(m, language, (names) => `${language === 'nn' ? 'Avtala er inngått mellom' : 'Avtalen inngås mellom'} ${joinList(names)}.`),
  /** The cues of partners and invitations in their other phrasings, in the document's written standard. */
  'other cue phrasings': (m, language) =>
    language === 'nn'
      ? m
          .replace(/Samarbeidspar(?:t|tn)(?:ar|arar|er)? under dette delmålet omfattar\s*/gu, 'Samarbeidspartnarar i dette delmålet er ')
          .replace(/kan bli (?:einige|samde) om å invitere/gu, 'kan òg bli samde om å invitere')
          .replace(/, slik som /gu, ', til dømes ')
      : m
          .replace(/Samarbeidsparter under dette delmålet omfatter\s*/gu, 'Aktuelle samarbeidsparter for delmålet er ')
          .replace(/kan enes om å invitere/gu, 'kan bli enige om å invitere')
          .replace(/, slik som /gu, ', for eksempel '),
  /** The cue phrases in the other written standard, as a mixed-standard draft would have them. */
  'cues in the other written standard': (m, language) => swapStandard(m, language === 'nb' ? NB_TO_NN : NB_TO_NN.map(([nb, nn]) => [nn, nb] as const)),
  /** The section on anchoring moved to the end of the agreement. */
  'anchoring last': (m) => {
    const sections = m.split(/(?=^## )/mu);
    const at = sections.findIndex((s) => /^## (?:\d+\.?\s+)?Forankring\b/mu.test(s));
    if (at < 0) return m;
    const [anchoring] = sections.splice(at, 1);
    return [...sections, anchoring!].join('');
  },
};

/** Cue phrases in bokmål and nynorsk (test data: the rewrite, not the extractor, uses them). */
const NB_TO_NN = [
  ['Hovedparter i avtalen', 'Hovudpartar i avtala'],
  ['Andre aktører med særlige roller i avtalen', 'Andre aktørar med særlege rollar i avtala'],
  ['Samarbeidsparter under dette delmålet omfatter', 'Samarbeidspartar under dette delmålet omfattar'],
  ['kan enes om å invitere', 'kan bli einige om å invitere'],
  ['koordinerende hovedpart', 'koordinerande hovudpart'],
  ['forplikter seg', 'forpliktar seg'],
  ['skal gjelde fra', 'skal gjelde frå'],
  ['frem til', 'fram til'],
  ['er forankret i', 'er forankra i'],
] as const;

function swapStandard(markdown: string, pairs: readonly (readonly [string, string])[]): string {
  return pairs.reduce((text, [from, to]) => text.split(from).join(to), markdown);
}

/** Rewrites the bullets of the main-parties section, keeping the coordinating party's role in a sentence of its own. */
function mainParties(markdown: string, language: 'nb' | 'nn', list: (names: string[], lead: string) => string): string {
  return markdown.replace(/(^## [^\n]*hov[eu]dpart[^\n]*\n\n(?:(?!- )[^\n]*\n\n)?)((?:- [^\n]*\n\n?)+)/imu, (_all, head: string, bullets: string) => {
    const items = bullets.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
    const names = items.map((i) => i.split(/\s+(?:er|som)\s|,|\s\[/u)[0]!.trim());
    const coordinating = items.map((i, n) => (/koordiner/iu.test(i) ? names[n]! : undefined)).find(Boolean);
    const lead = language === 'nn' ? 'Hovudpartar i avtala er' : 'Hovedparter i avtalen er';
    const role = coordinating ? ` ${coordinating} er ${language === 'nn' ? 'koordinerande hovudpart' : 'koordinerende hovedpart'} på vegne av staten.` : '';
    return `${head.replace(/\n\n[^\n#]*:\s*\n\n$/u, '\n\n')}${list(names, lead)}${role}\n\n`;
  });
}

function joinList(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} og ${names[names.length - 1]}`;
}

/** What a rewrite must not change: parties in their roles, sub-goals with their partners and invitees, anchors, validity. */
export function facts(x: ExtractedDocument) {
  const name = (id: string) => x.parties.find((p) => p.id === id)?.name ?? id;
  const a = x.agreements[0]!;
  return {
    mainParties: a.mainParties.map((m) => `${name(m.party)}${m.coordinating ? ' (coordinating)' : ''}`).sort(),
    specialRoles: a.specialRoles.map((r) => name(r.party)).sort(),
    focusAreas: a.focusAreas.map((f) => `${f.number} ${f.title}`),
    subGoals: a.subGoals.map((s) => ({
      number: s.number,
      title: s.title,
      partners: s.partners.map((p) => name(p.party)).sort(),
      mayInvite: s.mayInvite.map((p) => name(p.party)).sort(),
    })),
    planAnchors: a.planAnchors.map((p) => p.name).sort(),
    validity: { from: a.validity?.from, until: a.validity?.until },
  };
}
