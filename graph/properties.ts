/**
 * The property maps of the graph's nodes and relationships as the store gives them back
 * (`properties(n)`): what write-plan.ts writes for each label and relationship of model.ts,
 * plus `id` and `docs`. A property written from an optional value is absent, never null.
 */
import type { Agreement, DocumentKind, Evidence, Language, Measure, Modality, PartyKind, PlanAnchorType, Scheme, Theme } from '../domain/records.ts';

/** The documents that contributed it: on every relationship and on every node but the linked ones (LINKED_NODES in model.ts). */
interface Contributed {
  docs?: string[];
}

interface Node extends Contributed {
  id: string;
}

export interface DocumentProperties extends Node {
  file: string;
  sha256: string;
  kind: DocumentKind;
  language: Language;
  pages: number;
  version: number;
  /** The quality report: what the document should hold by its kind and does not. */
  warnings?: string[];
  /** The pages read by OCR (absent: every page from the text layer), and beside them each one's mean word confidence (0–100). */
  ocrPages?: number[];
  ocrConfidence?: number[];
}

export interface AgreementProperties extends Node {
  title: string;
  scheme: Scheme;
  source: Agreement['source'];
  language: Language;
  area: string;
  /** The main goal's sentence, and its page. */
  mainGoal?: string;
  mainGoalPage?: number;
  /** When the agreement holds (YYYY-MM-DD or YYYY), and the sentence that says so, with its page. */
  validFrom?: string;
  validUntil?: string;
  validityQuote?: string;
  validityPage?: number;
}

export interface PilotProperties extends Node {
  name: string;
  otherNames?: string[];
  cohort?: number;
}

export interface PartyProperties extends Node {
  name: string;
  kind: PartyKind;
  aliases?: string[];
}

export interface FocusAreaProperties extends Node {
  number: number;
  title: string;
}

export interface SubGoalProperties extends Node {
  number: string;
  title: string;
  themes?: Theme[];
  /** The agreement's id. */
  agreement: string;
  /** Kinds of actor among the partners or invitees ("lokale sparebankar"), not parties. */
  partnerGroups?: string[];
  mayInviteGroups?: string[];
  /** The text of its body (paragraphs, items, rows under its heading), for comparison. */
  body?: string;
}

export interface MeasureProperties extends Node {
  label: string;
  kind: Measure['kind'];
  text: string;
  themes?: Theme[];
  /** Ids of the sub-goal and the agreement. */
  subGoal: string;
  agreement: string;
}

export interface ObligationProperties extends Node {
  modality: Modality;
  action: string;
  section?: string;
  quote: string;
  /** The agreement's id, and the id of what the obligation sits under: a sub-goal, or the agreement. */
  agreement: string;
  under: string;
}

export interface PlanAnchorProperties extends Node {
  name: string;
  type: PlanAnchorType;
}

export interface EvidenceProperties extends Node, Evidence {}

export interface PartnerGroupProperties extends Node {
  name: string;
}

/** A document's passages: their JSON list (read with stored-passages.ts); the file they quote is the Document's. */
export interface DocumentTextProperties extends Node {
  passages: string;
}

/** ABOUT: the words that made the text about the theme, and their sentence (absent on graphs written before reasons were kept). */
export interface AboutProperties extends Contributed, Partial<Evidence> {
  words?: string[];
}

/** GROUP_IN: whether the group is partner or invitee, and the sentence that names it. */
export interface GroupInProperties extends Contributed, Evidence {
  role: 'PARTNER' | 'MAY_INVITE';
}

/** The properties of each node label the questions read as a whole. */
export interface NodeProperties {
  Document: DocumentProperties;
  Agreement: AgreementProperties;
  Pilot: PilotProperties;
  Party: PartyProperties;
  FocusArea: FocusAreaProperties;
  SubGoal: SubGoalProperties;
  Measure: MeasureProperties;
  Obligation: ObligationProperties;
  PlanAnchor: PlanAnchorProperties;
  PartnerGroup: PartnerGroupProperties;
}

/** MAIN_PARTY_OF: the sentence, and whether the party coordinates on behalf of the state. */
interface MainPartyOfProperties extends Contributed, Evidence {
  coordinating: boolean;
}

/** SPECIAL_ROLE_IN: the sentence, and the themes of the role's task. */
interface SpecialRoleInProperties extends Contributed, Evidence {
  themes?: Theme[];
}

interface SignedProperties extends Contributed, Evidence {
  person: string;
  office: string;
}

/** PARTNER_IN and MAY_INVITE: the sentence only. */
interface SubGoalLinkProperties extends Contributed, Evidence {}

export interface AnchoredInProperties extends Contributed, Evidence {
  name: string;
  type: PlanAnchorType;
}

/** A party's tie to an agreement, by relationship type. */
export type AgreementRole =
  | { type: 'MAIN_PARTY_OF'; props: MainPartyOfProperties }
  | { type: 'SPECIAL_ROLE_IN'; props: SpecialRoleInProperties }
  | { type: 'SIGNED'; props: SignedProperties };

/** A party's tie to a sub-goal, by relationship type. */
export type SubGoalRole = { type: 'PARTNER_IN' | 'MAY_INVITE'; props: SubGoalLinkProperties };
