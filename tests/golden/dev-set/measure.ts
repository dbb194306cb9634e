/**
 * Scores extraction on the development set: every PDF in pdf/ is read and extracted as `kg extract`
 * does, and its facts are compared with the golden of its source, as precision, recall and F1 per
 * measure, per generator and over all. Run it as a script for the table:
 *
 *   npx tsx tests/golden/dev-set/measure.ts [--json] [--details]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nameKey } from '../../../domain/names.ts';
import type { ExtractedDocument } from '../../../domain/records.ts';
import { extractDocument } from '../../../ingest/extract/extract.ts';
import { readDocumentFile } from '../../../ingest/read-document.ts';

const here = dirname(fileURLToPath(import.meta.url));

export const MEASURES = ['pilot', 'roles', 'subGoals', 'partners', 'mayInvite', 'planAnchors', 'validity', 'signatories', 'crossReferences', 'obligations', 'notParties'] as const;
export type Measure = (typeof MEASURES)[number];

export interface Golden {
  document: string;
  kind: 'BYGDEVEKST' | 'TROMSVEKST';
  pilot: { name: string; municipalities: string[] };
  mainParties: { name: string; role: 'MAIN_PARTY' | 'COORDINATING_MAIN_PARTY' }[];
  specialRoles: { name: string }[];
  subGoals: { number: string; title: string; partners: string[]; mayInvite: string[] }[];
  planAnchors: { name: string }[];
  validity: { from: string; until: string };
  signatories: { person: string | null; party: string }[];
  crossReferences: string[];
  /** Obligation clauses of the parties' sections, and sentences that state none. */
  obligations: { parties: string[]; modality: string; sentenceStart: string }[];
  notObligations: string[];
  /** Names that must not become parties: found ones count as false positives. */
  notParties?: string[];
}

export interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** What was missed (-) and what was wrong (+), for reading. */
  misses: string[];
}

export interface DocumentScore {
  file: string;
  generator: string;
  counts: Record<Measure, Counts>;
}

export function goldens(): Map<string, Golden> {
  const dir = join(here, 'goldens');
  return new Map(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, f), 'utf8')) as Golden]));
}

export function pdfFiles(): { path: string; name: string; generator: string }[] {
  const dir = join(here, 'pdf');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .sort()
    .map((f) => {
      const [, name, generator] = /^(.*)\.([a-z]+)\.pdf$/.exec(f)!;
      return { path: join(dir, f), name: name!, generator: generator! };
    });
}

/** Compares the facts of one extracted document with its golden. */
export function score(x: ExtractedDocument, golden: Golden): Record<Measure, Counts> {
  const parties = new Map(x.parties.map((p) => [p.id, p]));
  // a golden name matches a party by its canonical name or any form the document used for it
  const forms = (id: string) => {
    const p = parties.get(id);
    return p ? [p.name, ...p.aliases].map(nameKey) : [id];
  };
  const agreement = x.agreements[0];
  const partySets = (found: string[], expected: string[]) => compare(found.map(forms), expected.map((e) => nameKey(e)));
  const title = (t: string) => t.replace(/\s+/g, ' ').trim().replace(/[.:]$/, '');

  // the pilot's name, and for a Bygdevekst agreement its municipalities
  const pilot = compare(
    [[nameKey(agreement?.pilot.name ?? '')], ...(golden.kind === 'BYGDEVEKST' ? (agreement?.pilot.municipalities ?? []).map(forms) : [])],
    [nameKey(golden.pilot.name), ...(golden.kind === 'BYGDEVEKST' ? golden.pilot.municipalities.map((m) => nameKey(m)) : [])],
  );
  const roles = partySets(
    [...(agreement?.mainParties ?? []).map((m) => m.party), ...(agreement?.specialRoles ?? []).map((r) => r.party)],
    [...golden.mainParties.map((m) => m.name), ...golden.specialRoles.map((r) => r.name)],
  );
  const found = agreement?.subGoals ?? [];
  const subGoals = compare(
    found.map((s) => [title(s.title)]),
    golden.subGoals.map((s) => title(s.title)),
  );
  const links = (pick: (s: (typeof found)[number]) => string[], expected: (s: Golden['subGoals'][number]) => string[]): Counts => {
    const total: Counts = { truePositives: 0, falsePositives: 0, falseNegatives: 0, misses: [] };
    const matched = new Set<string>();
    for (const g of golden.subGoals) {
      const s = found.find((f) => f.number === String(g.number)) ?? found.find((f) => title(f.title) === title(g.title));
      if (s) matched.add(s.id);
      add(total, partySets(s ? pick(s) : [], expected(g)), `delmål ${g.number}`);
    }
    for (const s of found.filter((f) => !matched.has(f.id))) add(total, partySets(pick(s), []), `extra delmål ${s.number}`);
    return total;
  };
  const partners = links((s) => s.partners.map((p) => p.party), (g) => g.partners);
  const mayInvite = links((s) => s.mayInvite.map((p) => p.party), (g) => g.mayInvite);
  const planAnchors = compare(
    (agreement?.planAnchors ?? []).map((a) => [nameKey(a.name)]),
    golden.planAnchors.map((a) => nameKey(a.name)),
  );
  const validFrom = agreement?.validity?.from;
  const validUntil = agreement?.validity?.until;
  const validity = compare(
    [validFrom ? [`from ${validFrom}`] : [], validUntil ? [`until ${validUntil}`] : []].filter((v) => v.length > 0),
    [`from ${golden.validity.from}`, `until ${golden.validity.until}`],
  );
  const signatories = compare(
    (agreement?.signatories ?? []).map((s) => forms(s.party).map((f) => `${nameKey(s.person)} / ${f}`)),
    golden.signatories.map((s) => `${nameKey(s.person ?? '')} / ${nameKey(s.party)}`),
  );
  const crossReferences = compare(
    (agreement?.crossReferences ?? []).map((r) => [nameKey(r.targetName)]),
    golden.crossReferences.map((r) => nameKey(r)),
  );
  // each expected clause: an obligation on a sentence that holds its start, with the same modality and parties;
  // a sentence that states no obligation scores as a false positive when one is made of it
  const flat = (t: string) => nameKey(t).replace(/[^\p{L}\p{N} ]/gu, ' ').replace(/\s+/g, ' ').trim();
  const obligationFound = (agreement?.obligations ?? []).map((o) => ({ quote: flat(o.evidence.quote), key: `${o.modality} ${o.parties.flatMap((p) => forms(p)).sort().join(',')}`, parties: o.parties }));
  const obligations: Counts = { truePositives: 0, falsePositives: 0, falseNegatives: 0, misses: [] };
  for (const g of golden.obligations) {
    const start = flat(g.sentenceStart);
    const hit = obligationFound.find((o) => o.quote.includes(start) && o.key.startsWith(g.modality) && g.parties.every((p) => o.key.includes(nameKey(p))) && o.parties.length === g.parties.length);
    if (hit) obligations.truePositives++;
    else {
      obligations.falseNegatives++;
      obligations.misses.push(`- ${g.modality} ${g.parties.join(', ')}: ${g.sentenceStart}`);
    }
  }
  for (const n of golden.notObligations) {
    const wrong = obligationFound.filter((o) => o.quote.startsWith(flat(n)));
    obligations.falsePositives += wrong.length;
    obligations.misses.push(...wrong.map(() => `+ ${n}`));
  }
  // a name that must not be a party scores only as a false positive when it is one
  const noise = (golden.notParties ?? []).filter((n) => x.parties.some((p) => [p.name, ...p.aliases].map(nameKey).includes(nameKey(n))));
  const notParties: Counts = { truePositives: 0, falsePositives: noise.length, falseNegatives: 0, misses: noise.map((n) => `+ ${n}`) };
  return { pilot, roles, subGoals, partners, mayInvite, planAnchors, validity, signatories, crossReferences, obligations, notParties };
}

/** Found items (each with the forms it may be known by) against expected ones. */
function compare(found: string[][], expected: string[]): Counts {
  const left = [...expected];
  const counts: Counts = { truePositives: 0, falsePositives: 0, falseNegatives: 0, misses: [] };
  for (const item of found) {
    const at = left.findIndex((e) => item.includes(e));
    if (at >= 0) {
      counts.truePositives++;
      left.splice(at, 1);
    } else {
      counts.falsePositives++;
      counts.misses.push(`+ ${item[0]}`);
    }
  }
  counts.falseNegatives = left.length;
  counts.misses.push(...left.map((e) => `- ${e}`));
  return counts;
}

function add(into: Counts, from: Counts, where: string): void {
  into.truePositives += from.truePositives;
  into.falsePositives += from.falsePositives;
  into.falseNegatives += from.falseNegatives;
  into.misses.push(...from.misses.map((m) => `${where}: ${m}`));
}

export function f1(c: Pick<Counts, 'truePositives' | 'falsePositives' | 'falseNegatives'>): number {
  const denominator = 2 * c.truePositives + c.falsePositives + c.falseNegatives;
  return denominator === 0 ? 1 : (2 * c.truePositives) / denominator;
}

/** Reads and scores every PDF of the set. */
export async function measureDevSet(): Promise<DocumentScore[]> {
  const expected = goldens();
  const scores: DocumentScore[] = [];
  for (const pdf of pdfFiles()) {
    const golden = expected.get(pdf.name);
    if (!golden) throw new Error(`${pdf.path}: no golden named ${pdf.name}.json`);
    let counts: Record<Measure, Counts>;
    try {
      counts = score(extractDocument(await readDocumentFile(pdf.path)), golden);
    } catch (error) {
      // a document the product refuses scores nothing: every expected fact is missed
      const empty: ExtractedDocument = { document: { file: pdf.path, sha256: '', kind: 'UNKNOWN', language: 'nb', pages: 0 }, parties: [], agreements: [], warnings: [] };
      counts = score(empty, golden);
      counts.roles.misses.unshift(`failed: ${(error as Error).message}`);
    }
    scores.push({ file: `${pdf.name}.${pdf.generator}.pdf`, generator: pdf.generator, counts });
  }
  return scores;
}

/** Counts summed over a set of document scores. */
export function total(scores: DocumentScore[], measure: Measure): Counts {
  const sum: Counts = { truePositives: 0, falsePositives: 0, falseNegatives: 0, misses: [] };
  for (const s of scores) add(sum, s.counts[measure], s.file);
  return sum;
}

function table(scores: DocumentScore[]): string {
  const groups = [...new Set(scores.map((s) => s.generator)), 'all'];
  const rows = groups.map((g) => {
    const of = g === 'all' ? scores : scores.filter((s) => s.generator === g);
    return `| ${g} (${of.length}) | ${MEASURES.map((m) => f1(total(of, m)).toFixed(2)).join(' | ')} |`;
  });
  return [`| generator | ${MEASURES.join(' | ')} |`, `|---|${MEASURES.map(() => '---').join('|')}|`, ...rows].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const scores = await measureDevSet();
  if (process.argv.includes('--json')) console.log(JSON.stringify(scores, null, 2));
  else {
    console.log(table(scores));
    if (process.argv.includes('--details')) {
      for (const s of scores) {
        const misses = MEASURES.flatMap((m) => s.counts[m].misses.map((x) => `  ${m}: ${x}`));
        if (misses.length > 0) console.log(`\n${s.file}\n${misses.join('\n')}`);
      }
    }
  }
}
