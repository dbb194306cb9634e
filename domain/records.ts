/**
 * What extraction produces: one record per document with the agreements it describes,
 * every fact carrying the evidence (document, page, quote) it rests on.
 */

/** Bokmål or nynorsk. */
export const LANGUAGES = ['nb', 'nn'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The growth-agreement schemes: Bygdevekst and Tromsvekst. */
export const SCHEMES = ['BYGDEVEKST', 'TROMSVEKST'] as const;
export type Scheme = (typeof SCHEMES)[number];
export const DOCUMENT_KINDS = ['BYGDEVEKST_AGREEMENT', 'TROMSVEKST_AGREEMENT', 'EVALUATION_REPORT', 'UNKNOWN'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const PARTY_KINDS = [
  'MUNICIPALITY',
  'COUNTY',
  'MINISTRY',
  'STATE_AGENCY',
  'GOVERNOR',
  'INTERMUNICIPAL',
  'EDUCATION_RESEARCH',
  'BUSINESS',
  'NGO',
  'OTHER',
] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const THEMES = [
  'HOUSING',
  'WORKFORCE',
  'COMPETENCE_EDUCATION',
  'MOBILITY',
  'PLANNING',
  'BUSINESS',
  'ENERGY',
  'NATURE_LAND',
  'CLIMATE',
  'AGRICULTURE',
  'FISHERIES',
  'PUBLIC_SERVICES',
  'HEALTH_CARE',
  'ATTRACTIVENESS_SETTLEMENT',
  'CENTRE_DEVELOPMENT',
  'CULTURE_IDENTITY',
] as const;
export type Theme = (typeof THEMES)[number];

export const MODALITIES = ['FORPLIKTER', 'SKAL', 'VIL', 'KAN', 'BOR'] as const;
export type Modality = (typeof MODALITIES)[number];

export type PlanAnchorType =
  | 'WHITE_PAPER'
  | 'PROPOSITION'
  | 'OFFICIAL_REPORT'
  | 'GOVERNMENT_PLATFORM'
  | 'POLITICAL_DECISION'
  | 'MUNICIPAL_PLAN'
  | 'REGIONAL_PLAN'
  | 'STRATEGY'
  | 'OTHER';

/** How a page's text was read: from the PDF's text layer, or by OCR of its image (a scan, an image page). */
export const READ_METHODS = ['text layer', 'ocr'] as const;
export type ReadMethod = (typeof READ_METHODS)[number];
/** The GraphQL enum value of each read method. */
export const READ_METHOD_NAMES: Record<ReadMethod, string> = { 'text layer': 'TEXT_LAYER', ocr: 'OCR' };

/** How one page was read; `confidence` is Tesseract's mean word confidence on it (0–100), for OCR only. */
export interface PageRead {
  number: number;
  method: ReadMethod;
  confidence?: number;
}

export interface Evidence {
  /** Source file name. */
  document: string;
  /** 1-based page where the quote starts. */
  page: number;
  /** The page where the quote ends, when that is a later page. */
  pageEnd?: number;
  /** The words as they read in the document (line and page breaks folded to spaces). */
  quote: string;
  /** Set when the quote was read by OCR (a page without a text layer); absent: the text layer. */
  method?: ReadMethod;
  /** With `method: 'ocr'`: the mean word confidence (0–100) of the page the quote stands on (the lowest, over several pages). */
  confidence?: number;
}

export interface Party {
  /** Stable id derived from the canonical name, e.g. `party:husbanken`. */
  id: string;
  name: string;
  kind: PartyKind;
  /** Every form the documents used for this party (including the canonical name when seen). */
  aliases: string[];
}

export interface PartyLink {
  party: string;
  evidence: Evidence;
}

export interface MainPartyFact extends PartyLink {
  /** KDD, the coordinating main party on behalf of the state. */
  coordinating: boolean;
}

export interface SpecialRoleFact extends PartyLink {
  /** Themes of what the role is about (Husbanken: housing). */
  themes: Theme[];
}

/** Why a text is about a theme: the words of its vocabulary found there, and the sentence they stand in. */
export interface ThemeReason {
  theme: Theme;
  words: string[];
  evidence: Evidence;
}

/** A kind of actor named as partner or invitee, not one organisation, with the sentence that names it. */
export interface GroupLink {
  name: string;
  role: 'PARTNER' | 'MAY_INVITE';
  evidence: Evidence;
}

export const PASSAGE_KINDS = ['HEADING', 'PARAGRAPH', 'ITEM', 'ROW', 'FOOTNOTE'] as const;
export type PassageKind = (typeof PASSAGE_KINDS)[number];

/** A paragraph, list item, table row, heading or footnote of a document: what search reads. */
export interface Passage {
  id: string;
  kind: PassageKind;
  text: string;
  /** The heading of the section it stands under. */
  section?: string;
  /** The agreement whose part of the document it stands in, when the document describes one there. */
  agreement?: string;
  evidence: Evidence;
}

export interface Measure {
  id: string;
  /** "a", "b", … for the report's tiltak; "1", "2", … for Tromsvekst strategies. */
  label: string;
  kind: 'TILTAK' | 'STRATEGY';
  text: string;
  themes: Theme[];
  /** The words of its text that gave each theme (filled when the document is finished). */
  themeReasons?: ThemeReason[];
  evidence: Evidence;
}

export interface FocusArea {
  id: string;
  number: number;
  title: string;
  evidence: Evidence;
}

export interface SubGoal {
  id: string;
  /** "3" in a Bygdevekst agreement or a report summary, "1.2" in a Tromsvekst agreement. */
  number: string;
  title: string;
  focusArea?: number;
  themes: Theme[];
  partners: PartyLink[];
  mayInvite: PartyLink[];
  /** Kinds of actor named among the partners or invitees, not one organisation ("lokale sparebankar"). */
  partnerGroups: string[];
  mayInviteGroups: string[];
  /** The groups with the sentences that name them (filled when the sub-goal is finished). */
  groups?: GroupLink[];
  /** The text under its heading (paragraphs, items, rows), as one string. */
  body?: string;
  /** One reason per theme: from the title when it gives the theme, else the first sentence of the body that does. */
  themeReasons?: ThemeReason[];
  measures: Measure[];
  evidence: Evidence;
}

export interface Obligation {
  id: string;
  parties: string[];
  modality: Modality;
  /** What the parties commit to: the clause after the modal verb. */
  action: string;
  /** A sub-goal id, or the agreement id when the sentence sits outside any sub-goal. */
  under: string;
  /** Number of the agreement's section the sentence is in ("2", "6.1", …), when known. */
  section?: string;
  evidence: Evidence;
}

export interface PlanAnchor {
  /** Stable id from the normalised name, shared by the same anchor in two documents. */
  id: string;
  name: string;
  type: PlanAnchorType;
  evidence: Evidence;
}

export interface CrossReference {
  /** The other agreement as named ("Bygdevekstavtalen for Nord-Troms"). */
  targetName: string;
  /** Its scheme and area, for matching to an agreement id. */
  targetScheme: 'BYGDEVEKST' | 'TROMSVEKST' | 'OTHER';
  targetArea: string;
  evidence: Evidence;
}

export interface Signatory {
  person: string;
  office: string;
  party: string;
  evidence: Evidence;
}

export interface Pilot {
  id: string;
  name: string;
  otherNames: string[];
  /** Party ids of the municipalities. */
  municipalities: string[];
  county?: string;
  governor?: string;
  /** 1 or 2 when the document says so. */
  cohort?: number;
}

/** When an agreement holds: dates as YYYY-MM-DD, or a year (YYYY) where the text gives only the period. */
export interface Validity {
  from?: string;
  until?: string;
  evidence: Evidence;
}

export interface Agreement {
  id: string;
  scheme: 'BYGDEVEKST' | 'TROMSVEKST';
  /** AGREEMENT for the agreement's own text, REPORT_SUMMARY for a pilot summarised in a report. */
  source: 'AGREEMENT' | 'REPORT_SUMMARY';
  title: string;
  language: Language;
  pilot: Pilot;
  mainGoal?: Evidence;
  mainParties: MainPartyFact[];
  specialRoles: SpecialRoleFact[];
  focusAreas: FocusArea[];
  subGoals: SubGoal[];
  obligations: Obligation[];
  planAnchors: PlanAnchor[];
  crossReferences: CrossReference[];
  signatories: Signatory[];
  validity?: Validity;
}

export interface ExtractedDocument {
  document: {
    file: string;
    sha256: string;
    kind: DocumentKind;
    language: Language;
    pages: number;
    /** The pages read by OCR, each with its mean word confidence (0–100); absent when every page had a text layer. */
    ocrPages?: { number: number; confidence: number }[];
  };
  parties: Party[];
  agreements: Agreement[];
  /** Every paragraph, list item, table row and heading, in reading order. */
  passages?: Passage[];
  /** What the document should hold by its kind and does not (the quality report), one sentence each. */
  warnings: string[];
}
