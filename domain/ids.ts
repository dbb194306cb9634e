/**
 * Every id of the graph, made in one place. Ids are stable strings derived from content
 * (`agreement:bygdevekst-nord-troms`, `party:husbanken`, `subgoal:bygdevekst-nord-troms:3`), so
 * the same input always yields the same graph; no other module builds an id from a template.
 */
import { createHash } from 'node:crypto';
import { slug } from './names.ts';
import type { Evidence, Scheme } from './records.ts';

/**
 * `document:<file stem>` when the stem's slug spells the file name exactly (`bygdevekstavtale-nord-troms.pdf`);
 * otherwise `document:<slug>~<hash of the name>`, so that names which slug alike (`Avtale.pdf`,
 * `avtale.PDF`, `avtale-😀.pdf`) are different documents. `~` is never in a slug: the two forms cannot meet.
 */
export function documentId(file: string): string {
  const name = (file.split(/[\\/]/).pop() ?? file).normalize('NFC');
  const key = slug(name.replace(/\.pdf$/i, ''));
  if (key && name === `${key}.pdf`) return `document:${key}`;
  return `document:${key}~${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
}

/** A document id given as is (`document:…`), or the id of a file name. */
export function documentIdOf(fileOrId: string): string {
  return fileOrId.startsWith('document:') ? fileOrId : documentId(fileOrId);
}

/** `agreement:bygdevekst-<area>` or `agreement:tromsvekst-<area>[-<period>]`. */
export function agreementId(scheme: Scheme, area: string, period?: string): string {
  return `agreement:${scheme.toLowerCase()}-${slug(area)}${period ? `-${slug(period)}` : ''}`;
}

/**
 * The agreement and pilot of a document that does not say whose agreement it is (no pilot or
 * region name was found): `agreement:<scheme>-ukjent@<document key>`, `pilot:ukjent@<document key>`.
 * They belong to that document alone, so two such agreements never merge into one. `@` is in no
 * slug and no document key: these cannot meet an id made from a name.
 */
export function unnamedAgreementIds(scheme: Scheme, document: string): { agreement: string; pilot: string } {
  const key = document.replace(/^document:/, '');
  return { agreement: `agreement:${scheme.toLowerCase()}-ukjent@${key}`, pilot: `pilot:ukjent@${key}` };
}

/** The part of an agreement id after `agreement:`, which the ids of its parts start with. */
function agreementKey(agreement: string): string {
  return agreement.replace(/^agreement:/, '');
}

export function pilotId(name: string): string {
  return `pilot:${slug(name)}`;
}

export function partyId(canonicalName: string): string {
  return `party:${slug(canonicalName)}`;
}

export function focusAreaId(agreement: string, number: number | string): string {
  return `focusarea:${agreementKey(agreement)}:${number}`;
}

export function subGoalId(agreement: string, number: string): string {
  return `subgoal:${agreementKey(agreement)}:${number}`;
}

/** A measure by its label within a sub-goal: `measure:<agreement>:<label>` or, with a sub-goal number, `measure:<agreement>:<number>:<label>`. */
export function measureId(agreement: string, label: string, subGoalNumber?: string): string {
  return `measure:${agreementKey(agreement)}:${subGoalNumber ? `${subGoalNumber}:` : ''}${label}`;
}

/** The n-th (1-based) obligation of an agreement. */
export function obligationId(agreement: string, n: number): string {
  return `obligation:${agreementKey(agreement)}:${n}`;
}

/** The n-th (1-based) cross-reference of an agreement. */
export function crossReferenceId(agreement: string, n: number): string {
  return `crossref:${agreementKey(agreement)}:${n}`;
}

/** A plan anchor by its key: the same key in two documents is the same anchor. */
export function planAnchorId(key: string): string {
  return `anchor:${slug(key)}`;
}

export function themeId(theme: string): string {
  return `theme:${theme}`;
}

/** Evidence by document, page and quote: the same sentence cited twice is one node. */
export function evidenceId(e: Evidence): string {
  return `evidence:${createHash('sha1').update(`${e.document}\u0000${e.page}\u0000${e.quote}`).digest('hex').slice(0, 20)}`;
}

/** A kind of actor named as partner ("lokale sparebankar"): one node per folded name, shared across agreements. */
export function partnerGroupId(name: string): string {
  return `group:${slug(name)}`;
}

/** The n-th (1-based) searchable passage (paragraph or list item) of a document. */
export function passageId(document: string, n: number): string {
  return `passage:${document.replace(/^document:/, '')}:${n}`;
}

/** The node that holds a document's passages (graph/stored-passages.ts). */
export function documentTextId(document: string): string {
  return `text:${document.replace(/^document:/, '')}`;
}
