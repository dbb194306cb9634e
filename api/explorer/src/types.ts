/** The shapes the explorer reads from the GraphQL API (see api/schema.graphql and ./queries.ts). */

// The theme, party-kind and role vocabularies are the domain's own (bundled with the client by esbuild).
import type { PartyKind, Theme } from '../../../domain/records.ts';
export { PARTY_KINDS, THEMES, type PartyKind, type Theme } from '../../../domain/records.ts';

import type { Role } from '../../../domain/roles.ts';
export { ROLES, type Role } from '../../../domain/roles.ts';

/**
 * One page of a list that can be longer, as the API gives it: the items asked for and how many the
 * whole list holds. A plain array in these shapes is a whole list (the client walked its pages).
 */
export interface Page<T> {
  totalCount: number;
  items: T[];
}

export interface Evidence {
  document: string;
  page: number;
  pageEnd?: number | null;
  quote: string;
  url?: string;
  /** TEXT_LAYER, or OCR for a quote read from a page without a text layer. */
  method?: 'TEXT_LAYER' | 'OCR' | null;
  /** With OCR: the page's mean word confidence, 0–100. */
  confidence?: number | null;
}

/** When an agreement holds (dates as YYYY-MM-DD, or a year). */
export interface Validity {
  from: string | null;
  until: string | null;
  evidence: Evidence | null;
}

export interface PilotInfo {
  id: string;
  name: string;
  cohort: number | null;
  otherNames: string[];
  agreements: { id: string; title: string; scheme: string }[];
}

export interface AgreementInfo {
  id: string;
  title: string;
  scheme: string;
  language: string;
  source: string;
  validFrom: string | null;
  validUntil: string | null;
  validity: Validity | null;
  pilot: { id: string; name: string };
}

/** A party with the pilot and themes of each of its roles (for filtering the network). */
export interface PartyInfo {
  id: string;
  name: string;
  kind: PartyKind;
  aliases: string[];
  roles: { role: Role; themes: Theme[]; agreement: { pilot: { id: string } } }[];
}

export interface SubGoalInfo {
  id: string;
  number: string;
  title: string;
  themes: Theme[];
  agreement: { id: string; title: string; pilot: { id: string } };
  partners: { party: { id: string; name: string }; role: Role; evidence: Evidence }[];
  mayInvite: { party: { id: string; name: string } }[];
  evidence: Evidence;
}

export interface NetworkData {
  nodes: { id: string; name: string; kind: PartyKind; degree: number; betweenness: number; pilots: { id: string }[] }[];
  edges: { source: string; target: string; weight: number; pilots: { id: string }[] }[];
}

export interface PartyRole {
  role: Role;
  themes: Theme[];
  agreement: { id: string; title: string; pilot: { id: string; name: string } };
  subGoal: { id: string; number: string; title: string; themes: Theme[] } | null;
  evidence: Evidence;
}

/** A party with the first page of its roles. */
export interface PartyDetail {
  id: string;
  name: string;
  kind: PartyKind;
  aliases: string[];
  roles: Page<PartyRole>;
}

export interface Involvement {
  pilot: { id: string; name: string };
  subGoals: { id: string; themes: Theme[] }[];
  roles: Role[];
}

export interface Comparison {
  a: { id: string; title: string };
  b: { id: string; title: string };
  sharedParties: { id: string; name: string; kind: PartyKind }[];
  sharedMunicipalities: { id: string; name: string }[];
  sharedThemes: Theme[];
  sharedPlanAnchors: { name: string; exact: boolean; a: { name: string }; b: { name: string } }[];
  crossReferences: { from: { id: string; title: string }; to: { id: string; title: string }; document: string; page: number; quote: string }[];
  similarSubGoals: { a: { number: string; title: string; evidence: Evidence }; b: { number: string; title: string; evidence: Evidence }; score: number }[];
}

/** A stored document, the agreements it holds, and its quality report: what it should hold by its kind and does not. */
export interface DocumentInfo {
  file: string;
  warnings: string[];
  agreements: { id: string; title: string; source: string }[];
}

export interface Obligation {
  id: string;
  modality: string;
  action: string;
  section: string | null;
  parties: { id: string; name: string }[];
  subGoal: { number: string; title: string } | null;
  evidence: Evidence;
}

/** An agreement as its own view shows it, with the first page of its obligations (the newer sub-goal fields come in `SubGoalExtras`). */
export interface AgreementDetail {
  id: string;
  title: string;
  validity: Validity | null;
  obligations: Page<Obligation>;
  planAnchors: { anchor: { id: string; name: string; type: string }; evidence: Evidence }[];
  subGoals: { id: string; number: string; title: string; themes: Theme[]; partnerGroups: string[]; mayInviteGroups: string[]; evidence: Evidence }[];
}

export interface SubGoalExtras {
  id: string;
  groups: { group: { id: string; name: string }; role: Role; evidence: Evidence }[];
  themeReasons: { theme: Theme; words: string[]; evidence: Evidence }[];
}

export interface MeasureInfo {
  id: string;
  text: string;
  pilot: { id: string; name: string };
  subGoal: { number: string; title: string; agreement: { id: string; title: string } };
  evidence: Evidence;
}

/** A cluster with the first page of its pilots and of its measures. */
export interface MeasureCluster {
  label: string;
  cohesion: number;
  pilots: Page<{ id: string; name: string }>;
  measures: Page<MeasureInfo>;
  /** Newer fields: absent until the API gives them. */
  sharedTerms?: string[];
  themes?: Theme[];
}

export interface ScoredMeasure {
  score: number;
  text: string;
  pilot: { id: string; name: string };
  measure: { id: string; subGoal: { number: string; title: string; agreement: { id: string; title: string } } };
  evidence: Evidence;
  sharedTerms?: string[];
}

export interface SearchHit {
  kind: 'SUBGOAL' | 'MEASURE' | 'OBLIGATION' | 'PASSAGE';
  id: string;
  text: string;
  score: number;
  section: string | null;
  agreement?: { id: string; title: string } | null;
  pilot?: { id: string; name: string } | null;
  evidence: Evidence;
}

export interface SearchGroup {
  agreement: { id: string; title: string } | null;
  pilot: { id: string; name: string } | null;
  document: string;
  score: number;
  hits: SearchHit[];
}

export interface ExplorerData {
  documents: DocumentInfo[];
  pilots: PilotInfo[];
  agreements: AgreementInfo[];
  parties: PartyInfo[];
  subGoals: SubGoalInfo[];
  network: NetworkData;
}
