/**
 * The signatories of an agreement, in the forms signature pages take: "Name, office, Party",
 * "For Party: Name, office", a table of party, name and office, or a name on one line with its
 * office on the next ("Fylkesordfører i Troms"). The party is one the register knows by name.
 */
import { countyByCountyName } from '../../domain/party-catalogue.ts';
import type { Signatory } from '../../domain/records.ts';
import type { ParsedDocument } from '../read-document.ts';
import { unitEvidence } from './evidence.ts';
import type { PartyRegister } from './party-register.ts';
import { evidenceOf } from './sentences.ts';
import type { Unit } from './units.ts';

/** A person's name: two to four capitalised words ("Kari Hansen Olsen", "Jon-Arne Solbakken"). */
const PERSON = /^\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){1,3}$/u;

export function readSignatories(doc: ParsedDocument, units: Unit[], register: PartyRegister): Signatory[] {
  const signatories: Signatory[] = [];
  const add = (s: Signatory) => {
    if (!signatories.some((x) => x.person === s.person && x.party === s.party)) signatories.push(s);
  };
  units.forEach((unit, i) => {
    if ((unit.kind as string) === 'row' && (unit as { header?: boolean }).header) return;
    const inLine = signatoryInLine(unit.text, register);
    if (inLine) {
      add({ ...inLine, evidence: unitEvidence(doc, unit) });
      return;
    }
    // a name alone, its office (and so its party) on the next line
    const office = units[i + 1];
    if (!office || !isPerson(unit.text, register) || office.text.length > 60) return;
    const party = register.mentions(office.text)[0]?.parties[0] ?? officeParty(office.text, register);
    if (party) add({ person: unit.text, office: office.text, party, evidence: evidenceOf(doc, { text: `${unit.text} ${office.text}`, page: unit.page }) });
  });
  return signatories;
}

/** "Kari Hansen Olsen, ordfører, Lurøy kommune", "For Aurland kommune: Kari Vassbotn, ordførar", a table row "Party | Name | office". */
function signatoryInLine(text: string, register: PartyRegister): Omit<Signatory, 'evidence'> | undefined {
  const parts = text
    .replace(/^For\s+/u, '')
    .split(/\s*(?:[,:|])\s*/u)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2 || parts.length > 4) return undefined;
  const partyAt = parts.findIndex((p) => register.isKnown(p) && register.resolveName(p, { allowNew: false }).length === 1);
  const personAt = parts.findIndex((p, i) => i !== partyAt && isPerson(p, register));
  if (partyAt < 0 || personAt < 0) return undefined;
  const office = parts.find((p, i) => i !== partyAt && i !== personAt) ?? '';
  return { person: parts[personAt]!, office, party: register.resolveName(parts[partyAt]!, { allowNew: false })[0]! };
}

function isPerson(text: string, register: PartyRegister): boolean {
  return PERSON.test(text) && !register.isKnown(text);
}

/** "Fylkesordfører i Troms" → Troms fylkeskommune; "Ordfører i Lyngen" → Lyngen kommune. */
function officeParty(office: string, register: PartyRegister): string | undefined {
  const county = /fylkesordfør(?:er|ar)\s+i\s+(\p{Lu}[\p{L} ]+)/iu.exec(office);
  if (county) {
    const authority = countyByCountyName(county[1]!.trim())?.authority;
    return authority ? register.resolveName(authority)[0] : undefined;
  }
  const mayor = /^ordfør(?:er|ar)\s+i\s+(\p{Lu}\p{L}+)/iu.exec(office);
  return mayor ? register.resolveName(`${mayor[1]} kommune`, { allowNew: false })[0] : undefined;
}
