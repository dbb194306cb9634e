/**
 * The cue families of extraction, one by one and in both written standards: what a section's
 * title means, what a table's column holds, when an agreement holds, obligations clause by
 * clause, party lists and the groups in them.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../ingest/read-document.ts';
import { findObligations } from '../ingest/extract/obligations.ts';
import { PartyRegister } from '../ingest/extract/party-register.ts';
import { roleOfTitle } from '../ingest/extract/structure.ts';
import { columnRole } from '../ingest/extract/tables.ts';
import { readValidity } from '../ingest/extract/validity.ts';

describe('section roles from the meaning of their titles', () => {
  it.each([
    ['Hovedparter i avtalen', 'mainParties'],
    ['Hovudpartar i avtala', 'mainParties'],
    ['PARTER I AVTALEN', 'mainParties'],
    ['Kven er partar i avtala', 'mainParties'],
    ['Avtalens parter og deres forpliktelser', 'mainParties'],
    ['Andre aktører med særlige roller i avtalen', 'specialRoles'],
    ['Andre aktørar med særlege rollar i avtala', 'specialRoles'],
    ['Statlege aktørar med eigne oppdrag', 'specialRoles'],
    ['Aktører med særskilte oppgaver', 'specialRoles'],
    ['Delmål og samarbeidspartnarar', 'subGoals'],
    ['Innsatsområder, samarbeidsparter og forpliktelser', 'subGoals'],
    ['Forankring', 'anchoring'],
    ['Kva avtala byggjer på', 'anchoring'],
    ['Avtaleperiode', 'validity'],
    ['Kor lenge avtala gjeld', 'validity'],
    ['Gyldigheit, oppfølging og endringar', 'validity'],
    ['Avtalepartenes oppfølging av avtalen', 'followUp'],
    ['Underskrifter', 'signatures'],
    ['Signaturer', 'signatures'],
    ['Referanser', 'references'],
    ['Innleiing', 'background'],
    ['Bakgrunn for avtala', 'background'],
  ])('%s → %s', (title, role) => {
    expect(roleOfTitle(title)).toBe(role);
  });

  it('gives no role to a title that names none', () => {
    expect(roleOfTitle('Utviklingsbilde for regionen')).toBeUndefined();
  });
});

describe('table columns from their headings', () => {
  it.each([
    ['Delmål', 'subGoal'],
    ['Samarbeidspartnarar', 'partners'],
    ['Samarbeidsparter', 'partners'],
    ['Kan inviterast', 'mayInvite'],
    ['Kan inviteres', 'mayInvite'],
    ['Strategier', 'strategies'],
    ['Skildring', 'description'],
  ])('%s → %s', (heading, role) => {
    expect(columnRole(heading)).toBe(role);
  });
});

describe('validity', () => {
  const doc = { file: 'a.pdf', pages: [] } as unknown as ParsedDocument;
  const read = (text: string, signatures: string[] = []) => {
    const v = readValidity(doc, [{ text, page: 1 } as never], signatures.map((s) => ({ text: s, page: 2 }) as never));
    return v && { from: v.from, until: v.until };
  };

  it.each([
    ['Avtalen gjelder fra 1. mars 2025 til 31. desember 2028.', { from: '2025-03-01', until: '2028-12-31' }],
    ['Avtala gjeld frå 1. juni 2025 til 1. juni 2029.', { from: '2025-06-01', until: '2029-06-01' }],
    ['Avtalen gjelder i perioden 1. januar 2025 – 31. desember 2027.', { from: '2025-01-01', until: '2027-12-31' }],
    ['Avtala gjeld for perioden 2025–2028.', { from: '2025', until: '2028' }],
    ['Avtalen skal gjelde fra den er formelt godkjent av alle hovedparter og frem til 30. desember 2028.', { from: undefined, until: '2028-12-30' }],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('takes the signing date for "frå signeringsdato"', () => {
    expect(read('Avtala gjeld frå signeringsdato og til og med 31.12.2028.', ['Avtala er underskriven i Lærdal 12. mai 2025.'])).toEqual({ from: '2025-05-12', until: '2028-12-31' });
  });

  it('reads no validity from a sentence that only names years', () => {
    expect(read('Tilskotet for 2025 blir fordelt etter handlingsplanen.')).toBeUndefined();
  });
});

describe('obligations clause by clause', () => {
  const r = new PartyRegister('nb');
  const kdd = r.resolveName('Kommunal- og distriktsdepartementet')[0]!;
  const county = r.resolveName('Nordland fylkeskommune')[0]!;
  const husbanken = r.resolveName('Husbanken')[0]!;
  r.context = { municipalities: [], county, ministry: kdd };
  const scope = { collectiveParties: [], municipalities: [] };
  const found = (sentence: string) => findObligations(sentence, r, scope).map((o) => `${o.modality} ${o.parties.join(',')}`);

  it('binds each subject of a sentence to its own clause', () => {
    expect(found('Nordland fylkeskommune skal se avtalen i sammenheng med regional planstrategi, og KDD vil ta opp spørsmål på statlig nivå.')).toEqual([
      `SKAL ${county}`,
      `VIL ${kdd}`,
    ]);
  });

  it('makes an obligation of each modal verb of one subject', () => {
    expect(found('Husbanken kan gi råd om boligfinansiering og bør delta i arbeidet under delmål 1.')).toEqual([`KAN ${husbanken}`, `BOR ${husbanken}`]);
  });

  it('keeps one clause that only goes on ("…, og bidra til …")', () => {
    expect(found('Fylkeskommunen skal støtte kommunene i arbeidet, og bidra til gjennomføring av handlingsplanen.')).toEqual([`SKAL ${county}`]);
  });

  it('reads "departementet" as the coordinating ministry', () => {
    expect(found('Departementet vil også koordinere dialogen mellom piloten og andre departementer.')).toEqual([`VIL ${kdd}`]);
  });

  it('makes no obligation of what a party has ("Husbanken sine ordningar kan vere lite kjende")', () => {
    expect(found('Husbanken sine låne- og tilskotsordningar kan vere lite kjende i små kommunar.')).toEqual([]);
  });
});

describe('party lists', () => {
  it('keeps generic groups apart from parties', () => {
    const r = new PartyRegister('nn');
    const groups: string[] = [];
    const parties = r.parseList('Husbanken, Helse Førde og vidaregåande skular i Sogn, lokale sparebankar', groups);
    expect(parties.map((id) => r.get(id).name)).toEqual(['Husbanken', 'Helse Førde']);
    expect(groups).toEqual(['vidaregåande skular i Sogn', 'lokale sparebankar']);
  });

  it('keeps a name with lower-case words of its own whole', () => {
    const r = new PartyRegister('nb');
    expect(r.parseList('Utviklingssenter for sykehjem og hjemmetjenester').map((id) => r.get(id).name)).toEqual(['Utviklingssenter for sykehjem og hjemmetjenester']);
  });

  it('reads "partene" in a list as all main parties', () => {
    const r = new PartyRegister('nn');
    const main = ['Bygland kommune', 'Agder fylkeskommune'].flatMap((n) => r.resolveName(n));
    r.context = { municipalities: [main[0]!], parties: main };
    expect(r.parseList('partane og Universitetet i Agder').map((id) => r.get(id).name)).toEqual(['Bygland kommune', 'Agder fylkeskommune', 'Universitetet i Agder']);
  });
});
