/**
 * Consistency check of the dev-set goldens against their sources — not a generator: goldens are
 * written by reading the sources, and this only catches slips (a title that is not in the text,
 * a misspelt quote, a focus area pointing at a missing sub-goal, a missing key).
 *
 *   npx tsx tests/golden/dev-set/build/check-goldens.ts [name …]
 *
 * Checks per document: every source has a golden and the reverse; `document`, `language` and the
 * schema's keys and value types; that every quoted string (sub-goal titles, strategies, group
 * names, plan-anchor names, validity quote, sentence starts, non-obligations, cross-references,
 * signatory names) occurs in the source text (markup removed, whitespace folded); that every party
 * name occurs in the text or is a canonical name from the project's lexicon (organisations.json and
 * counties.json in domain/lexicon or ingest/lexicon, when present).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSource, spansText, type SourceDocument } from './source.ts';

const here = dirname(fileURLToPath(import.meta.url));
const setDir = resolve(here, '..');
// The lexicon has lived in ingest/lexicon and domain/lexicon; use whichever exists.
const lexiconDirs = ['domain/lexicon', 'ingest/lexicon'].map((d) => resolve(setDir, '../../..', d));

const KINDS = ['MUNICIPALITY', 'COUNTY', 'MINISTRY', 'STATE_AGENCY', 'GOVERNOR', 'INTERMUNICIPAL', 'EDUCATION_RESEARCH', 'BUSINESS', 'NGO', 'OTHER'];
const MODALITIES = ['FORPLIKTER', 'SKAL', 'VIL', 'KAN', 'BOR'];
const ANCHOR_TYPES = ['WHITE_PAPER', 'PROPOSITION', 'REGIONAL_PLAN', 'MUNICIPAL_PLAN', 'POLITICAL_DECISION', 'OTHER'];

type Json = unknown;

function fold(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function documentText(doc: SourceDocument): string {
  const parts: string[] = [];
  for (const block of doc.blocks) {
    if (block.kind === 'heading') parts.push(block.text);
    else if (block.kind === 'paragraph') parts.push(spansText(block.spans));
    else if (block.kind === 'list') for (const item of block.items) parts.push(`${item.label ?? ''} ${spansText(item.spans)}`);
    else {
      parts.push(block.header.map(spansText).join(' | '));
      for (const row of block.rows) parts.push(row.map(spansText).join(' | '));
    }
  }
  return fold(parts.join(' \n '));
}

function canonicalNames(): Set<string> | null {
  const lexiconDir = lexiconDirs.find((d) => existsSync(join(d, 'organisations.json')) && existsSync(join(d, 'counties.json')));
  if (!lexiconDir) return null;
  const orgFile = join(lexiconDir, 'organisations.json');
  const countyFile = join(lexiconDir, 'counties.json');
  const names = new Set<string>();
  const orgs = JSON.parse(readFileSync(orgFile, 'utf8')) as { organisations: { name: string }[] };
  for (const o of orgs.organisations) names.add(o.name);
  const counties = JSON.parse(readFileSync(countyFile, 'utf8')) as { counties: { authority: string; governor: string; municipalities: string[] }[] };
  for (const c of counties.counties) {
    names.add(c.authority);
    names.add(c.governor);
    for (const m of c.municipalities) names.add(`${m} kommune`);
  }
  return names;
}

function main() {
  const filter = process.argv.slice(2);
  const sources = readdirSync(join(setDir, 'sources')).filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, ''));
  const goldens = readdirSync(join(setDir, 'goldens')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
  const canonical = canonicalNames();
  if (!canonical) console.warn(`note: no organisations.json/counties.json in ${lexiconDirs.join(' or ')}; party names are only checked against the text`);
  const problems: string[] = [];
  for (const name of goldens) if (!sources.includes(name)) problems.push(`${name}: golden without source`);

  for (const name of sources.filter((n) => filter.length === 0 || filter.some((f) => n.startsWith(f))).sort()) {
    const report = (message: string) => problems.push(`${name}: ${message}`);
    if (!goldens.includes(name)) {
      report('source without golden');
      continue;
    }
    const doc = parseSource(name, readFileSync(join(setDir, 'sources', `${name}.md`), 'utf8'));
    const text = documentText(doc);
    const g = JSON.parse(readFileSync(join(setDir, 'goldens', `${name}.json`), 'utf8')) as Record<string, Json>;

    const inText = (value: Json, where: string) => {
      if (typeof value !== 'string' || value === '') return report(`${where}: expected a non-empty string`);
      if (!text.includes(fold(value))) report(`${where}: "${value}" is not in the source text`);
    };
    const strings = (value: Json, where: string): string[] => {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
        report(`${where}: expected an array of strings`);
        return [];
      }
      return value as string[];
    };
    const party = (value: Json, where: string) => {
      if (typeof value !== 'string' || value === '') return report(`${where}: expected a party name`);
      if (!text.includes(value) && !(canonical?.has(value) ?? false)) report(`${where}: "${value}" is neither in the text nor a canonical lexicon name`);
    };
    const oneOf = (value: Json, allowed: string[], where: string) => {
      if (typeof value !== 'string' || !allowed.includes(value)) report(`${where}: "${String(value)}" is not one of ${allowed.join('|')}`);
    };

    for (const key of ['document', 'kind', 'language', 'pilot', 'mainParties', 'specialRoles', 'focusAreas', 'subGoals', 'planAnchors', 'validity', 'signatories', 'crossReferences', 'obligations', 'notObligations', 'ambiguities']) {
      if (!(key in g)) report(`missing key "${key}"`);
    }
    if (g.document !== name) report(`document is "${String(g.document)}"`);
    if (g.language !== doc.meta.lang) report(`language is "${String(g.language)}", source says ${doc.meta.lang}`);
    oneOf(g.kind, ['BYGDEVEKST', 'TROMSVEKST'], 'kind');

    const pilot = (g.pilot ?? {}) as Record<string, Json>;
    inText(pilot.name, 'pilot.name');
    strings(pilot.municipalities, 'pilot.municipalities').forEach((m, i) => party(m, `pilot.municipalities[${i}]`));
    party(pilot.county, 'pilot.county');
    if (pilot.governor !== null) party(pilot.governor, 'pilot.governor');

    for (const [key, withRole] of [['mainParties', true], ['specialRoles', false]] as const) {
      const list = Array.isArray(g[key]) ? (g[key] as Record<string, Json>[]) : [];
      list.forEach((p, i) => {
        party(p.name, `${key}[${i}].name`);
        oneOf(p.kind, KINDS, `${key}[${i}].kind`);
        if (withRole) oneOf(p.role, ['MAIN_PARTY', 'COORDINATING_MAIN_PARTY'], `${key}[${i}].role`);
      });
    }

    const subGoals = Array.isArray(g.subGoals) ? (g.subGoals as Record<string, Json>[]) : [];
    const numbers = subGoals.map((s) => s.number);
    subGoals.forEach((s, i) => {
      const where = `subGoals[${i}]`;
      if (typeof s.number !== 'string') report(`${where}.number: expected a string like "1" or "1.1"`);
      inText(s.title, `${where}.title`);
      strings(s.partners, `${where}.partners`).forEach((p, j) => party(p, `${where}.partners[${j}]`));
      strings(s.mayInvite, `${where}.mayInvite`).forEach((p, j) => party(p, `${where}.mayInvite[${j}]`));
      strings(s.partnerGroups, `${where}.partnerGroups`).forEach((p, j) => inText(p, `${where}.partnerGroups[${j}]`));
      strings(s.mayInviteGroups, `${where}.mayInviteGroups`).forEach((p, j) => inText(p, `${where}.mayInviteGroups[${j}]`));
      strings(s.strategies, `${where}.strategies`).forEach((p, j) => inText(p, `${where}.strategies[${j}]`));
      if (typeof s.housing !== 'boolean') report(`${where}.housing: expected a boolean`);
    });
    const focusAreas = Array.isArray(g.focusAreas) ? (g.focusAreas as Record<string, Json>[]) : [];
    if (g.kind === 'BYGDEVEKST' && focusAreas.length > 0) report('focusAreas should be [] for BYGDEVEKST');
    focusAreas.forEach((f, i) => {
      if (typeof f.number !== 'number') report(`focusAreas[${i}].number: expected a number`);
      inText(f.title, `focusAreas[${i}].title`);
      strings(f.subGoals, `focusAreas[${i}].subGoals`).forEach((n) => {
        if (!numbers.includes(n)) report(`focusAreas[${i}] lists sub-goal ${n}, which is not in subGoals`);
      });
    });

    (Array.isArray(g.planAnchors) ? (g.planAnchors as Record<string, Json>[]) : []).forEach((a, i) => {
      inText(a.name, `planAnchors[${i}].name`);
      oneOf(a.type, ANCHOR_TYPES, `planAnchors[${i}].type`);
    });
    const validity = (g.validity ?? {}) as Record<string, Json>;
    inText(validity.quote, 'validity.quote');
    for (const k of ['from', 'until']) {
      if (typeof validity[k] !== 'string' || !/^\d{4}(-\d{2}-\d{2})?$/.test(validity[k] as string)) report(`validity.${k}: expected YYYY or YYYY-MM-DD`);
    }
    (Array.isArray(g.signatories) ? (g.signatories as Record<string, Json>[]) : []).forEach((s, i) => {
      if (s.person !== null) inText(s.person, `signatories[${i}].person`);
      // Offices are given in bokmål (ordførar → ordfører), so accept the nynorsk form in the text.
      if (s.office !== null) {
        const nynorsk = typeof s.office === 'string' ? s.office.replace(/fører/g, 'førar').replace(/^[Ll]eder/, (m) => (m[0] === 'L' ? 'Leiar' : 'leiar')) : s.office;
        inText(typeof nynorsk === 'string' && !text.includes(String(s.office)) && text.includes(nynorsk) ? nynorsk : s.office, `signatories[${i}].office`);
      }
      party(s.party, `signatories[${i}].party`);
    });
    strings(g.crossReferences, 'crossReferences').forEach((c, i) => inText(c, `crossReferences[${i}]`));
    (Array.isArray(g.obligations) ? (g.obligations as Record<string, Json>[]) : []).forEach((o, i) => {
      strings(o.parties, `obligations[${i}].parties`).forEach((p, j) => party(p, `obligations[${i}].parties[${j}]`));
      oneOf(o.modality, MODALITIES, `obligations[${i}].modality`);
      inText(o.sentenceStart, `obligations[${i}].sentenceStart`);
    });
    strings(g.notObligations, 'notObligations').forEach((n, i) => inText(n, `notObligations[${i}]`));
    if ('notParties' in g) strings(g.notParties, 'notParties').forEach((n, i) => party(n, `notParties[${i}]`));
    strings(g.ambiguities, 'ambiguities');
  }

  for (const p of problems) console.log(p);
  console.log(problems.length === 0 ? 'goldens consistent with sources' : `${problems.length} problem(s)`);
  process.exit(problems.length === 0 ? 0 : 1);
}

main();
