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
  let columns: string[] | undefined;
  units.forEach((unit, i) => {
    if (unit.kind === 'row') {
      // a table whose column headings are the parties ("For Troms fylkeskommune | For …"): names and offices below them
      const headings = unit.header ? (unit.cells ?? []).map((c) => c.replace(/^For\s+/u, '')) : undefined;
      if (headings) columns = headings.length > 0 && headings.every((h) => namesParty(h, register)) ? headings : undefined;
      if (unit.header) return;
      if (columns && unit.columns) {
        (unit.cells ?? []).forEach((cell, c) => {
          const party = columns![c] && isPerson(cell, register) ? partyOf(columns![c]!, register) : undefined;
          if (party) add({ person: cell, office: officeBelow(units, i, c), party, evidence: unitEvidence(doc, unit) });
        });
        return;
      }
    }
    const inLine = signatoryInLine(unit.text, register);
    if (inLine) {
      add({ ...inLine, evidence: unitEvidence(doc, unit) });
      return;
    }
    // signature lines the layout ran together: one per party named ("… v/ ordførar A B Sauda kommune v/ …")
    const starts = register.namedSpans(unit.text).map((m) => m.start);
    if (starts.length >= 2) {
      const found = starts.map((start, n) => signatoryInLine(unit.text.slice(start, starts[n + 1]).trim(), register)).filter((x) => x !== undefined);
      if (found.length >= 2) {
        for (const signatory of found) add({ ...signatory, evidence: unitEvidence(doc, unit) });
        return;
      }
    }
    // a name alone, its office (and so its party) on the next line
    const office = units[i + 1];
    if (!office || !isPerson(unit.text, register) || office.text.length > 80) return;
    const party = register.mentions(office.text)[0]?.parties[0] ?? officeParty(office.text, register);
    if (party) add({ person: unit.text, office: office.text, party, evidence: evidenceOf(doc, { text: `${unit.text} ${office.text}`, page: unit.page, end: office.end }) });
  });
  return signatories;
}

/** The office in the same column of the next table row ("fylkesordførar"), if it is one. */
function officeBelow(units: Unit[], at: number, column: number): string {
  const next = units[at + 1];
  const cell = next?.kind === 'row' ? next.cells?.[column] ?? '' : '';
  return /^\p{Ll}/u.test(cell) ? cell : '';
}

/**
 * "Kari Hansen Olsen, ordfører, Lurøy kommune", "For Aurland kommune: Kari Vassbotn, ordførar",
 * "Suldal kommune v/ ordførar Astrid Fjelde", a table row "Party | Name | office".
 */
function signatoryInLine(text: string, register: PartyRegister): Omit<Signatory, 'evidence'> | undefined {
  const parts = text
    .replace(/^For\s+/u, '')
    .split(/\s*(?:[,:|]|\bv\/|\bved\b)\s*/u)
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap(splitOfficeAndName);
  if (parts.length < 2 || parts.length > 4) return undefined;
  const partyAt = parts.findIndex((p) => namesParty(p, register));
  const personAt = parts.findIndex((p, i) => i !== partyAt && isPerson(p, register));
  if (partyAt < 0 || personAt < 0) return undefined;
  const office = parts.find((p, i) => i !== partyAt && i !== personAt) ?? '';
  const party = partyOf(parts[partyAt]!, register);
  return party ? { person: parts[personAt]!, office, party } : undefined;
}

/** "ordførar Astrid Fjelde" → office and name; "Henrik Aas Moldjord statssekretær" → name and office. */
function splitOfficeAndName(part: string): string[] {
  const before = /^(\p{Ll}[\p{Ll}-]*(?: \p{Ll}[\p{Ll}-]*)*) (\p{Lu}.*)$/u.exec(part);
  if (before && PERSON.test(before[2]!)) return [before[1]!, before[2]!];
  const after = /^(\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){1,3}) (\p{Ll}[\p{Ll}-]*(?: \p{Ll}[\p{Ll}-]*)*)$/u.exec(part);
  if (after) return [after[1]!, after[2]!];
  return [part];
}

/** Does a text name a party the document or the lexicons know? Asking registers nothing. */
function namesParty(text: string, register: PartyRegister): boolean {
  return register.isKnown(text);
}

/** The one party a text names; only called for a signatory that is kept, since it registers the party. */
function partyOf(text: string, register: PartyRegister): string | undefined {
  const found = register.resolveName(text, { allowNew: false });
  return found.length === 1 ? found[0] : undefined;
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
