/**
 * What the lexicons know about organisations: national bodies (organisations.json), county
 * authorities, county governors and municipalities (counties.json), and the rules that give
 * an unknown organisation its kind (party-kinds.json).
 */
import counties from './lexicon/counties.json' with { type: 'json' };
import organisations from './lexicon/organisations.json' with { type: 'json' };
import partyKinds from './lexicon/party-kinds.json' with { type: 'json' };
import { nameKey } from './names.ts';
import type { PartyKind } from './records.ts';

export interface CatalogueEntry {
  name: string;
  kind: PartyKind;
  aliases: string[];
}

export interface County {
  name: string;
  authority: string;
  governor: string;
}

const entries: CatalogueEntry[] = [];
const byKey = new Map<string, CatalogueEntry>();
const countyByMunicipality = new Map<string, County>();
const countyByName = new Map<string, County>();
const countyByAuthority = new Map<string, County>();

function add(entry: CatalogueEntry): void {
  entries.push(entry);
  for (const form of [entry.name, ...entry.aliases]) if (!byKey.has(nameKey(form))) byKey.set(nameKey(form), entry);
}

for (const o of organisations.organisations) add({ name: o.name, kind: o.kind as PartyKind, aliases: o.aliases });
for (const g of counties.governors) add({ name: g.name, kind: 'GOVERNOR', aliases: [g.nynorsk] });
for (const c of counties.counties) {
  const county: County = { name: c.name, authority: c.authority, governor: c.governor };
  countyByName.set(c.name.toLowerCase(), county);
  countyByAuthority.set(nameKey(c.authority), county);
  if (c.authority.endsWith('fylkeskommune')) add({ name: c.authority, kind: 'COUNTY', aliases: c.authorityAliases });
  for (const m of c.municipalities) {
    if (!countyByMunicipality.has(m.toLowerCase())) countyByMunicipality.set(m.toLowerCase(), county);
    add({ name: `${m} kommune`, kind: 'MUNICIPALITY', aliases: [] });
  }
}

export function catalogueEntry(name: string): CatalogueEntry | undefined {
  return byKey.get(nameKey(name));
}

export function catalogueEntries(): readonly CatalogueEntry[] {
  return entries;
}

/** A municipality's place name: "Lesja" for "Lesja kommune" (texts name it either way). */
export function placeNameOf(municipality: string): string {
  return municipality.replace(/\s+kommune$/i, '');
}

/** The county a municipality ("Lesja" or "Lesja kommune") belongs to. */
export function countyOfMunicipality(name: string): County | undefined {
  return countyByMunicipality.get(placeNameOf(name).toLowerCase());
}

export function countyByCountyName(name: string): County | undefined {
  return countyByName.get(name.toLowerCase());
}

export function countyOfAuthority(authority: string): County | undefined {
  return countyByAuthority.get(nameKey(authority));
}

const kindRules = partyKinds.kindRules.map((r) => ({ pattern: new RegExp(r.pattern, 'iu'), kind: r.kind as PartyKind }));
const genericHeads = new Set(partyKinds.genericHeads);

/** The kind of an organisation the lexicons do not know, from the words of its name. */
export function kindFromName(name: string): PartyKind {
  return kindRules.find((r) => r.pattern.test(name))?.kind ?? 'OTHER';
}

/** "Universitet og faginstanser …", "Ungdomsråd": a kind of actor, not one organisation. */
export function isGenericActor(name: string): boolean {
  const first = name.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return genericHeads.has(first);
}
