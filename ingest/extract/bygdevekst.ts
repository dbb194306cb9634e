/**
 * Bygdevekst agreements (bokmål and nynorsk), read by the genre: sections and their roles from
 * the layout and the meaning of their titles, main parties and special roles in any list or prose
 * form, sub-goals in any heading form (or as the rows of a table), each with its partners and
 * invitations, plan anchors and obligations wherever they stand, and the validity.
 */
import cues from '../lexicon/extraction-cues.json' with { type: 'json' };
import { agreementId, documentId, pilotId, subGoalId, unnamedAgreementIds } from '../../domain/ids.ts';
import { countyOfAuthority } from '../../domain/party-catalogue.ts';
import type { ExtractedDocument, SubGoal } from '../../domain/records.ts';
import type { ParsedDocument } from '../read-document.ts';
import { addCrossReferences, addObligations, addPlanAnchors, documentSummary, newAgreement } from './agreement-parts.ts';
import { sentencesOf, unitEvidence } from './evidence.ts';
import { readMainParties, readSpecialRoles } from './party-sections.ts';
import { PartyRegister } from './party-register.ts';
import { readLinks } from './partners.ts';
import { sectionsOf, unitsOfRole } from './structure.ts';
import { finishSubGoal } from './sub-goal-details.ts';
import { subGoalParts, type SubGoalPart } from './sub-goals.ts';
import { tableSubGoals, type TableSubGoal } from './tables.ts';
import { themesOf } from './themes.ts';
import { buildUnits, type Unit } from './units.ts';
import { readSignatories } from './signatories.ts';
import { readValidity } from './validity.ts';

/** "Signert 3. mars 2025", "Avtala er underskriven i Lærdal …": where the signing date stands. */
const SIGNED = new RegExp(cues.signed, 'iu');
/** A line that can only be a signature: "Party v/ office Name", "For Party: Name, office". */
const SIGNATURE_LINE = new RegExp(cues.signatureLine, 'u');

export function extractBygdevekst(doc: ParsedDocument): ExtractedDocument {
  const units = buildUnits(doc).filter((u) => u.kind !== 'footnote');
  const sections = sectionsOf(units);
  const register = new PartyRegister(doc.language);
  for (const unit of units) register.defineAbbreviations(unit.text);

  const mainParties = readMainParties(doc, sections, register);
  const mainIds = mainParties.map((m) => m.party);
  const municipalities = mainIds.filter((id) => register.get(id).kind === 'MUNICIPALITY');
  const county = mainIds.find((id) => register.get(id).kind === 'COUNTY');
  const governorName = county ? countyOfAuthority(register.get(county).name)?.governor : undefined;
  const ministry = mainParties.find((m) => m.coordinating)?.party ?? mainIds.find((id) => register.get(id).kind === 'MINISTRY');
  const council = mainIds.find((id) => register.get(id).kind === 'INTERMUNICIPAL');
  register.context = {
    municipalities,
    parties: mainIds,
    ...(ministry ? { ministry } : {}),
    ...(council ? { council } : {}),
    ...(county ? { county } : {}),
    ...(governorName ? { governor: register.contextParty(governorName) } : {}),
  };

  const named = pilotNameOf(units);
  const pilotName = named ?? UNKNOWN_PILOT;
  // a pilot the document does not name is that document's own: never merged with another
  const unnamed = named ? undefined : unnamedAgreementIds('BYGDEVEKST', documentId(doc.file));
  const id = unnamed?.agreement ?? agreementId('BYGDEVEKST', pilotName);
  const agreement = newAgreement({
    id,
    scheme: 'BYGDEVEKST',
    source: 'AGREEMENT',
    title: `Bygdevekstavtale for ${pilotName}`,
    language: doc.language,
    pilot: {
      id: unnamed?.pilot ?? pilotId(pilotName),
      name: pilotName,
      otherNames: [],
      municipalities,
      ...(county ? { county } : {}),
      ...(register.context.governor ? { governor: register.context.governor } : {}),
    },
    mainParties,
    specialRoles: readSpecialRoles(doc, sections, register, mainParties),
  });
  const scope = { collectiveParties: mainIds, municipalities };

  // sections in document order, so that obligations are numbered as they stand in the text
  const parts = new Map(subGoalParts(sections).map((p) => [p.heading, p]));
  for (const s of sections) {
    const part = parts.get(s.heading);
    if (part) {
      readSubGoal(part);
      continue;
    }
    if (s.role === 'references' || s.role === 'signatures') continue;
    for (const row of tableSubGoals(s.units)) readTableSubGoal(row);
    const sentences = sentencesOf(doc, s.units.filter((u) => u.kind !== 'heading' && u.kind !== 'row'));
    addCrossReferences(doc, agreement, sentences);
    // a background tells the story of the scheme: its sentences bind no party and anchor nothing
    if (s.role === 'background') continue;
    addObligations(doc, agreement, sentences, register, scope, { under: id, ...(s.number ? { section: s.number } : {}) });
    addPlanAnchors(doc, agreement, sentences, { needsSubject: s.role !== 'anchoring' });
  }

  const validity = readValidity(
    doc,
    [...sections.filter((s) => s.role === 'validity'), ...sections.filter((s) => s.role !== 'validity')].flatMap((s) => sentencesOf(doc, s.units)),
    sentencesOf(doc, [...unitsOfRole(sections, 'signatures'), ...units.filter((u) => SIGNED.test(u.text))]),
  );
  if (validity) agreement.validity = validity;
  // without a section of signatures, the signature lines may stand anywhere ("Suldal kommune v/ ordførar …")
  const signatureUnits = unitsOfRole(sections, 'signatures');
  agreement.signatories = readSignatories(doc, signatureUnits.length > 0 ? signatureUnits : units.filter((u) => SIGNATURE_LINE.test(u.text)), register);

  const warnings = unnamed ? [`the pilot's name was not found, so the agreement is kept apart from every other as ${id}`] : [];
  return { document: documentSummary(doc), parties: register.parties, agreements: [agreement], warnings };

  /** A row of a table of sub-goals: its partners and invitees from their cells. */
  function readTableSubGoal(row: TableSubGoal): void {
    const evidence = unitEvidence(doc, row.row);
    const partnerGroups: string[] = [];
    const mayInviteGroups: string[] = [];
    const link = (ids: string[]) => ids.map((party) => ({ party, evidence }));
    const themes = themesOf(row.title);
    const subGoal: SubGoal = {
      id: subGoalId(id, row.number),
      number: row.number,
      title: row.title,
      themes: themes.length > 0 ? themes : themesOf(row.row.text),
      partners: link(register.parseList(row.partners, partnerGroups)),
      mayInvite: link(register.parseList(row.mayInvite, mayInviteGroups)),
      partnerGroups,
      mayInviteGroups,
      measures: [],
      evidence,
    };
    finishSubGoal(doc, subGoal, [row.row]);
    agreement.subGoals.push(subGoal);
  }

  function readSubGoal(part: SubGoalPart): void {
    const links = readLinks(doc, part.units, register);
    const body = sentencesOf(doc, part.units);
    const themes = themesOf(part.title);
    const subGoal: SubGoal = {
      id: subGoalId(id, part.number),
      number: part.number,
      title: part.title,
      themes: themes.length > 0 ? themes : themesOf(`${part.title} ${body[1]?.text ?? ''}`),
      ...links,
      measures: [],
      evidence: unitEvidence(doc, part.heading),
    };
    finishSubGoal(doc, subGoal, part.units);
    agreement.subGoals.push(subGoal);
    addObligations(doc, agreement, body, register, { collectiveParties: links.partners.map((p) => p.party), municipalities }, { under: subGoal.id, ...(part.section ? { section: part.section } : {}) });
    addPlanAnchors(doc, agreement, body, { needsSubject: true });
    addCrossReferences(doc, agreement, body);
  }
}

const UNKNOWN_PILOT = 'ukjent pilot';

/** The pilot's name: "Bygdevekstavtale for Vest-Telemark", "bygdevekst for Numedal", "kommunene i Nord-Troms", "kommunene Smøla og Aure"; undefined when the document names none. */
function pilotNameOf(units: Unit[]): string | undefined {
  // words of a name are separated by spaces only: the line after a title is no part of the name
  const name = String.raw`\p{Lu}[\p{L}-]*`;
  const names = String.raw`${name}(?: (?:og )?${name})*`;
  const patterns = [
    new RegExp(String.raw`[Bb]ygdevekst(?:avtal(?:e|en|a))?(?: for| i| –| —| -|:) (${names})`, 'u'),
    new RegExp(String.raw`kommun(?:ene|ane) i (${names})`, 'u'),
    new RegExp(String.raw`kommun(?:ene|ane) ((?:${name}(?:, | og ))+${name})`, 'u'),
  ];
  // the title first, then the running text
  for (const source of [units[0]?.text ?? '', units.map((u) => u.text).join('\n')]) {
    for (const re of patterns) {
      const m = re.exec(source);
      if (m) return m[1]!.replace(/\s+og$/u, '');
    }
  }
  return undefined;
}
