/**
 * Synthetic Bygdevekst agreements for the scaling runs, made by recombining real parts of the
 * corpus: the text of a real agreement (bokmål or nynorsk) with another county, its governor and
 * other municipalities, sub-goal sections taken from other agreements in the same written
 * standard, and partner lists drawn from the partners the corpus names. Rendered to PDF the way
 * corpus/ is. The same index always gives the same agreement (seeded random choices).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPdf } from '../corpus/build/pdf-layout.ts';
import { sourceToBlocks } from '../corpus/build/source-blocks.ts';
import { extractDocument } from '../ingest/extract/extract.ts';
import type { ExtractedDocument } from '../domain/records.ts';
import counties from '../domain/lexicon/counties.json' with { type: 'json' };
import { readDocument, readDocumentFile } from '../ingest/read-document.ts';
import { buildUnits } from '../ingest/extract/units.ts';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

interface Template {
  language: 'nb' | 'nn';
  /** Paragraphs before the first sub-goal, the sub-goal sections, and what follows them. */
  head: string[];
  subGoals: string[][];
  tail: string[];
  names: { pilot: string; county: string; governor: string[]; municipalities: string[][] };
}

const SUB_GOAL = /^\d{1,2}\.\d{1,2}\s+Delmål\s+\d+\s+/u;
const TAIL = /^\d{1,2}\.?\s+Overordn/u;

export class SyntheticCorpus {
  private constructor(
    private readonly templates: Template[],
    private readonly partners: string[],
  ) {}

  static async load(root: string): Promise<SyntheticCorpus> {
    const sources = [
      join(root, 'corpus/bygdevekstavtale-nord-troms.pdf'),
      join(root, 'corpus/bygdevekstavtale-smola-aure.pdf'),
      join(root, 'corpus/bygdevekstavtale-vest-telemark.pdf'),
    ];
    const docs = await Promise.all(sources.map((s) => readDocumentFile(s)));
    const fjellbygd = await renderText(readFileSync(join(root, 'tests/golden/generalisation/bygdevekstavtale-fjellbygd.txt'), 'utf8'), 'nn');
    docs.push(await readDocument(fjellbygd, 'bygdevekstavtale-fjellbygd.pdf'));
    const templates: Template[] = [];
    const partners = new Set<string>();
    for (const doc of docs) {
      const x = extractDocument(doc);
      templates.push(template(doc.language, buildUnits(doc).filter((u) => u.kind !== 'footnote').map((u) => u.text), x));
      const kinds = new Map(x.parties.map((p) => [p.id, p]));
      for (const s of x.agreements[0]!.subGoals) {
        for (const l of s.partners) {
          const p = kinds.get(l.party)!;
          if (!['MUNICIPALITY', 'COUNTY', 'GOVERNOR'].includes(p.kind)) partners.add(p.aliases[0] ?? p.name);
        }
      }
    }
    return new SyntheticCorpus(templates, [...partners].sort());
  }

  /** The text of synthetic agreement number `index` (one paragraph per line, empty lines between). */
  text(index: number): { text: string; language: 'nb' | 'nn'; pilot: string } {
    const rng = xoroshiro128plus(index + 1);
    const random = () => uniformFloat64(rng);
    const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
    const language = index % 2 === 0 ? 'nb' : 'nn';
    const same = this.templates.filter((t) => t.language === language);
    const host = pick(same);
    const county = pick(counties.counties.filter((c) => c.municipalities.length >= 6 && c.authority.endsWith('fylkeskommune')));
    const governor = counties.governors.find((g) => g.name === county.governor)!;
    const pool = [...county.municipalities];
    const municipalities = Array.from({ length: host.names.municipalities.length }, () => pool.splice(Math.floor(random() * pool.length), 1)[0]!);
    // a distinct pilot name for every index: two municipality names and a running letter pair
    const pilot = `${municipalities[0]}-${municipalities[1] ?? county.name}${suffix(index)}`;
    const target = { pilot, county: county.name, governor: language === 'nn' ? governor.nynorsk : governor.name, municipalities };

    const sections = Array.from({ length: 2 + Math.floor(random() * 3) }, () => {
      const donor = pick(same);
      return donor.subGoals.length > 0 ? { donor, section: pick(donor.subGoals) } : undefined;
    }).filter((s) => s !== undefined);
    const body: string[] = [];
    sections.forEach(({ donor, section }, i) => {
      const [heading, ...rest] = section.map((p) => substitute(p, donor.names, target));
      body.push(heading!.replace(SUB_GOAL, `6.${i + 1} Delmål ${i + 1} `));
      for (const paragraph of rest) body.push(this.swapPartners(paragraph, random));
    });
    const lines = [...host.head.map((p) => substitute(p, host.names, target)), ...body, ...host.tail.map((p) => substitute(p, host.names, target))];
    return { text: `${lines.join('\n\n')}\n`, language, pilot };
  }

  /** Where synthetic agreement `index` is cached. */
  path(index: number, cacheDir: string): string {
    return join(cacheDir, `bygdevekstavtale-syntetisk-${String(index).padStart(5, '0')}.pdf`);
  }

  /** Renders agreement `index` to PDF, cached in `cacheDir`. */
  async pdf(index: number, cacheDir: string): Promise<string> {
    const path = this.path(index, cacheDir);
    if (existsSync(path)) return path;
    mkdirSync(cacheDir, { recursive: true });
    const { text, language } = this.text(index);
    writeFileSync(path, await renderText(text, language));
    return path;
  }

  /** "Samarbeidsparter … omfatter avtalekommunene, A og B." with partners drawn from the corpus. */
  private swapPartners(paragraph: string, random: () => number): string {
    return paragraph.replace(/(omfatt(?:er|ar) avtalekommun(?:ene|ane))(, [^.]*)?\./u, (_, lead: string) => {
      const chosen = new Set<string>();
      const count = 1 + Math.floor(random() * 3);
      while (chosen.size < count) chosen.add(this.partners[Math.floor(random() * this.partners.length)]!);
      const list = [...chosen];
      return `${lead}, ${list.slice(0, -1).join(', ')}${list.length > 1 ? ' og ' : ''}${list[list.length - 1]}.`;
    });
  }
}

function template(language: 'nb' | 'nn', paragraphs: string[], x: ExtractedDocument): Template {
  const a = x.agreements[0]!;
  const party = (id: string | undefined) => x.parties.find((p) => p.id === id);
  const first = paragraphs.findIndex((p) => SUB_GOAL.test(p));
  const tailAt = paragraphs.findIndex((p, i) => i > first && TAIL.test(p));
  const subGoals: string[][] = [];
  for (const p of paragraphs.slice(first, tailAt)) {
    if (SUB_GOAL.test(p)) subGoals.push([p]);
    else subGoals[subGoals.length - 1]!.push(p);
  }
  const governor = party(a.pilot.governor);
  return {
    language,
    head: paragraphs.slice(0, first),
    subGoals,
    tail: paragraphs.slice(tailAt),
    names: {
      pilot: a.pilot.name,
      county: party(a.pilot.county)!.name.replace(/ fylkeskommune$/, ''),
      governor: governor ? [governor.name, ...governor.aliases] : [],
      municipalities: a.pilot.municipalities.map((id) => [...new Set([party(id)!.name, ...party(id)!.aliases])].map((n) => n.replace(/ kommune$/, ''))),
    },
  };
}

/** Puts the target's names where the template's stand; placeholders first, so no name is replaced twice. */
function substitute(text: string, from: Template['names'], to: { pilot: string; county: string; governor: string; municipalities: string[] }): string {
  const pairs: [string, string][] = [
    ...from.governor.map((g) => [g, to.governor] as [string, string]),
    [from.pilot, to.pilot],
    ...from.municipalities.flatMap((forms, i) => forms.map((f) => [f, to.municipalities[i] ?? to.municipalities[0]!] as [string, string])),
    [from.county, to.county],
  ];
  pairs.sort((a, b) => b[0].length - a[0].length);
  let out = text;
  pairs.forEach(([name], i) => {
    out = out.replace(new RegExp(`(?<![\\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu'), `\u0000${i}\u0000`);
  });
  return out.replace(/\u0000(\d+)\u0000/g, (_, i: string) => pairs[Number(i)]![1]);
}

async function renderText(text: string, language: 'nb' | 'nn'): Promise<Buffer> {
  const blocks = sourceToBlocks(text, { artefactLines: [], footnotes: [], emptyLineIsGap: true });
  return renderPdf(blocks, { title: 'Bygdevekstavtale', language, header: 'Bygdevekstavtale', footer: 'Side {page} av {pages}', created: new Date('2025-01-01T00:00:00Z') });
}

function suffix(index: number): string {
  // letters only, so that the pilot name reads as a name ("Lesja-Dovre" + "ab")
  const a = 'abcdefghijklmnopqrstuvwxyz';
  return ` ${a[Math.floor(index / 26) % 26]!.toUpperCase()}${a[index % 26]}`;
}
