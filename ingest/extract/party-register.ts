/**
 * The parties of one document: resolves names as written (lists of partners, headings,
 * sentence subjects) to one canonical party each, folding spelling variants, nynorsk forms
 * and abbreviations together, and expands the words that stand for the pilot's own parties
 * ("avtalekommunene", "fylkeskommunen", "Statsforvalter").
 */
import cues from '../lexicon/extraction-cues.json' with { type: 'json' };
import type { Language } from '../classify.ts';
import { catalogueEntries, catalogueEntry, isGenericActor, kindFromName } from '../../domain/party-catalogue.ts';
import { longestFirstAlternation } from '../../domain/longest-alternation.ts';
import { bokmaalName, nameKey, nearestSpelling } from '../../domain/names.ts';
import type { Party, PartyKind } from '../../domain/records.ts';
import { partyId } from '../../domain/ids.ts';

export interface PilotContext {
  /** Party ids of the pilot's municipalities. */
  municipalities: string[];
  /** Party ids of the main parties: what "partene" / "partane" in a list stands for. */
  parties?: string[];
  county?: string;
  governor?: string;
  /** The ministry among the main parties: what "departementet" stands for. */
  ministry?: string;
  /** The inter-municipal council among the main parties: what "regionrådet" stands for. */
  council?: string;
}

export interface Mention {
  start: number;
  end: number;
  written: string;
  parties: string[];
}

type Collective = 'agreementMunicipalities' | 'county' | 'governor' | 'ministry' | 'council';
const COLLECTIVE = new Map<string, Collective>([
  ['avtalekommunene', 'agreementMunicipalities'],
  ['avtalekommunane', 'agreementMunicipalities'],
  ...cues.collectiveSubjects.county.map((w) => [w, 'county'] as [string, Collective]),
  ...cues.collectiveSubjects.governor.map((w) => [w, 'governor'] as [string, Collective]),
  ...cues.collectiveSubjects.ministry.map((w) => [w, 'ministry'] as [string, Collective]),
  ...cues.collectiveSubjects.council.map((w) => [w, 'council'] as [string, Collective]),
]);
// "partene" in a list of partners: all main parties (only in lists, not as a name found in running text)
const ALL_PARTIES = new Set(cues.collectiveSubjects.parties);
const LIST_ENDINGS = new RegExp(`\\s*,?\\s*\\b(?:${cues.listEndings.join('|')})\\s*$`, 'iu');
const LEADING_FILLERS = new RegExp(`^(?:${cues.listLeadingFillers.join('|')})\\s+`, 'iu');

export class PartyRegister {
  context: PilotContext = { municipalities: [] };
  private readonly byId = new Map<string, Party>();
  /** Parties the context refers to that the document has not named yet (the county's governor). */
  private readonly pending = new Map<string, Party>();
  /** Name key → party id: every form seen in this document, and abbreviations it defines. */
  private readonly localKeys = new Map<string, string>();
  private mentionPatterns: MentionPatterns | undefined;

  constructor(private readonly language: Language) {}

  get parties(): Party[] {
    return [...this.byId.values()];
  }

  get(id: string): Party {
    const party = this.byId.get(id);
    if (!party) throw new Error(`unknown party ${id}`);
    return party;
  }

  /** The party ids a name as written stands for: one, several (a collective word), or none (a generic group). */
  resolveName(written: string, options: { allowNew?: boolean } = {}): string[] {
    const name = cleanName(written);
    if (!name) return [];
    const collective = COLLECTIVE.get(name.toLowerCase());
    if (collective) return this.expand(collective);
    if (ALL_PARTIES.has(name.toLowerCase()) && this.context.parties) return [...this.context.parties];
    const key = nameKey(name);
    const local = this.localKeys.get(key);
    if (local) return [this.seen(local, name)];
    const known = catalogueEntry(name) ?? this.fuzzyCatalogueMatch(key);
    if (known) return [this.register(known.name, known.kind, name)];
    const fuzzyLocal = this.fuzzyLocalMatch(key);
    if (fuzzyLocal) return [this.seen(fuzzyLocal, name)];
    if (options.allowNew === false || !looksLikeOrganisation(name)) return [];
    const canonical = this.language === 'nn' ? bokmaalName(name) : name;
    return [this.register(canonical, kindFromName(canonical), name)];
  }

  /** Is this name one the lexicons or this document already know? */
  isKnown(written: string): boolean {
    const name = cleanName(written);
    if (!name) return false;
    const key = nameKey(name);
    return (
      COLLECTIVE.has(name.toLowerCase()) ||
      (ALL_PARTIES.has(name.toLowerCase()) && this.context.parties !== undefined) ||
      this.localKeys.has(key) ||
      catalogueEntry(name) !== undefined ||
      this.fuzzyCatalogueMatch(key) !== undefined
    );
  }

  /**
   * The parties of a list as written: "avtalekommunene, Husbanken og Nord-Troms Plan og Eiendom".
   * Commas separate items; "og"/"eller"/"samt" separate two items only where a known name stands
   * on one side, so that names containing "og" stay whole.
   */
  parseList(text: string, groups?: string[]): string[] {
    const body = text.replace(LIST_ENDINGS, '').replace(/\.$/, '');
    const ids: string[] = [];
    for (const item of splitTopLevel(body, ',')) {
      for (const part of this.splitConjunctions(item.replace(/\([^)]*\)/g, ' ').trim())) {
        const found = this.resolveSlashed(part);
        for (const id of found) if (!ids.includes(id)) ids.push(id);
        // "lokale sparebankar", "ungdomsråda": a kind of actor, kept by the caller as a group
        if (groups && found.length === 0) for (const group of groupsIn(cleanName(part))) if (!groups.includes(group)) groups.push(group);
      }
    }
    return ids;
  }

  /** Registers abbreviations the document defines: "Kommunal- og distriktsdepartementet (KDD)", "USN (Universitetet i …)". */
  defineAbbreviations(text: string): void {
    for (const m of text.matchAll(/\(([\p{Lu}][\p{L}\p{N}-]{1,24})\)/gu)) {
      const abbreviation = m[1]!;
      const before = text.slice(0, m.index).trimEnd();
      const named = this.mentions(before).filter((x) => x.end === before.length && x.parties.length === 1).pop();
      if (named) {
        this.define(abbreviation, named.parties[0]!);
        continue;
      }
      const short = /([\p{Lu}][\p{L}\p{N}-]{1,12})\s*$/u.exec(before)?.[1];
      const inside = this.resolveName(abbreviation, { allowNew: false });
      if (short && inside.length === 1 && /^\p{Lu}{2,}$/u.test(short)) this.define(short, inside[0]!);
    }
  }

  /** Where a text names parties the document or the lexicons know, without taking any of them in as a party of the document. */
  namedSpans(text: string): { start: number; end: number; written: string }[] {
    const found: { start: number; end: number; written: string }[] = [];
    for (const { written, start } of this.namesIn(text)) if (this.isKnown(written)) found.push({ start, end: start + written.length, written });
    return keptLongestFirst(found);
  }

  /** Parties named in a text, in order, longest names first where they overlap. */
  mentions(text: string): Mention[] {
    const found: Mention[] = [];
    for (const { written, start } of this.namesIn(text)) {
      const parties = this.resolveName(written.replace(/s$/u, (s) => (this.isKnown(written) ? s : '')), { allowNew: false });
      if (parties.length > 0) found.push({ start, end: start + written.length, written, parties });
    }
    return keptLongestFirst(found);
  }

  /**
   * The known forms a text writes, as two scans would find them: one ignoring case (names), one
   * heeding it (acronyms and short forms), each the longest form at the first place it fits and
   * on after it. Each scan is two patterns: the lexicons' forms, compiled once, and this
   * document's own, compiled again when it names a new party.
   */
  private namesIn(text: string): { written: string; start: number }[] {
    const own = this.ownPatterns();
    const lexicons = lexiconPatterns();
    return [...scan(text, [lexicons.insensitive, own.insensitive]), ...scan(text, [lexicons.sensitive, own.sensitive])];
  }

  private splitConjunctions(item: string): string[] {
    const text = item.replace(LEADING_FILLERS, '').trim();
    if (!text) return [];
    if (this.isKnown(text)) return [text];
    const conjunctions = [...text.matchAll(/\s(?:og|eller|samt)\s/gu)];
    for (const c of conjunctions) {
      const left = text.slice(0, c.index).trim();
      const right = text.slice(c.index! + c[0].length).trim();
      if (this.isKnown(left) || this.isKnown(right)) return [...this.splitConjunctions(left), ...this.splitConjunctions(right)];
    }
    // "Helse Førde og vidaregåande skular i Sogn": a name of capitalised words, then a group in lower
    // case; a name with lower-case words of its own ("Senter for sykehjem og hjemmetjenester") stays whole
    for (const c of conjunctions) {
      const left = text.slice(0, c.index).trim();
      const right = text.slice(c.index! + c[0].length).trim();
      if (/^\p{Ll}/u.test(right) && /^(?:[\p{Lu}\p{N}][\p{L}\p{N}-]*\s*)+$/u.test(left) && looksLikeOrganisation(left)) {
        return [...this.splitConjunctions(left), ...this.splitConjunctions(right)];
      }
    }
    return [text];
  }

  /** "Fortidsminneforeninga/Ljos i gamle hus": an organisation and its project; keep what is known. */
  private resolveSlashed(part: string): string[] {
    const sides = part.split('/');
    if (sides.length === 2 && sides.every((s) => /^\s*\p{Lu}/u.test(s))) {
      const known = sides.filter((s) => this.isKnown(s));
      if (known.length > 0) return known.flatMap((s) => this.resolveName(s));
    }
    return this.resolveName(part);
  }

  /** An id for a party the lexicons know, to put in the context; it joins the parties once a text refers to it. */
  contextParty(name: string): string | undefined {
    const entry = catalogueEntry(name);
    if (!entry) return undefined;
    const id = partyId(entry.name);
    if (!this.byId.has(id)) this.pending.set(id, { id, name: entry.name, kind: entry.kind, aliases: [] });
    return id;
  }

  private expand(collective: Collective): string[] {
    if (collective === 'agreementMunicipalities') return [...this.context.municipalities];
    const id = this.context[collective];
    if (!id) return [];
    const pending = this.pending.get(id);
    if (pending) {
      this.byId.set(id, pending);
      this.pending.delete(id);
    }
    return [id];
  }

  private define(written: string, id: string): void {
    this.localKeys.set(nameKey(written), id);
    this.mentionPatterns = undefined;
  }

  private seen(id: string, written: string): string {
    const party = this.get(id);
    if (!party.aliases.includes(written)) party.aliases.push(written);
    // of two spellings differing only in case, the one with fewer capitals is the name ("Namdal regionråd")
    if (written.toLowerCase() === party.name.toLowerCase() && capitals(written) < capitals(party.name) && !catalogueEntry(party.name)) {
      party.name = written;
    }
    return id;
  }

  private register(name: string, kind: PartyKind, written: string): string {
    const id = partyId(name);
    if (!this.byId.has(id)) {
      this.byId.set(id, this.pending.get(id) ?? { id, name, kind, aliases: [] });
      this.pending.delete(id);
      this.mentionPatterns = undefined;
    }
    this.localKeys.set(nameKey(written), id);
    this.localKeys.set(nameKey(name), id);
    return this.seen(id, written);
  }

  private fuzzyCatalogueMatch(key: string) {
    return nearestSpelling(key, catalogueEntries(), (entry) => [entry.name, ...entry.aliases].map(nameKey));
  }

  private fuzzyLocalMatch(key: string): string | undefined {
    return nearestSpelling(key, this.localKeys, ([k]) => [k])?.[1];
  }

  /** The patterns of the forms this document knows besides the lexicons': its parties' names and aliases. */
  private ownPatterns(): MentionPatterns {
    if (this.mentionPatterns) return this.mentionPatterns;
    const forms = new Set<string>();
    for (const party of this.byId.values()) for (const f of [party.name, ...party.aliases]) if (!lexiconForms().has(f)) forms.add(f);
    this.mentionPatterns = mentionPatterns(forms);
    return this.mentionPatterns;
  }
}

interface MentionPatterns {
  insensitive: RegExp;
  sensitive: RegExp;
}

let lexiconFormSet: Set<string> | undefined;
let lexiconMentionPatterns: MentionPatterns | undefined;

/** Every form the lexicons name a party by: the collective words and the catalogue's names and aliases. */
function lexiconForms(): Set<string> {
  return (lexiconFormSet ??= new Set([...COLLECTIVE.keys(), ...catalogueEntries().flatMap((entry) => [entry.name, ...entry.aliases])]));
}

function lexiconPatterns(): MentionPatterns {
  return (lexiconMentionPatterns ??= mentionPatterns(lexiconForms()));
}

/**
 * Patterns that find a form (two letters or more) at every place it begins as a word, followed by
 * an optional genitive s: acronyms and forms of three letters or less heeding case, the rest not.
 * A lookahead, so that a scan sees every place and picks among them (scan).
 */
function mentionPatterns(forms: Set<string>): MentionPatterns {
  const acronym = (f: string) => f.length <= 3 || /^[\p{Lu}\p{N}-]+$/u.test(f);
  const all = [...forms].filter((f) => f.length >= 2);
  const build = (list: string[], ignoreCase: boolean) =>
    new RegExp(`(?<![\\p{L}\\p{N}])(?=((${longestFirstAlternation(list, { ignoreCase })})s?)(?![\\p{L}\\p{N}]))`, ignoreCase ? 'giu' : 'gu');
  return { insensitive: build(all.filter((f) => !acronym(f)), true), sensitive: build(all.filter(acronym), false) };
}

/**
 * What one pattern of all the patterns' forms would find scanning the text: at the first place a
 * form fits, the longest form there, and on from its end.
 */
function scan(text: string, patterns: RegExp[]): { written: string; start: number }[] {
  const candidates: { written: string; start: number; end: number }[] = [];
  for (const re of patterns) {
    for (const m of text.matchAll(re)) candidates.push({ written: m[2]!, start: m.index!, end: m.index! + m[1]!.length });
  }
  candidates.sort((a, b) => a.start - b.start || b.written.length - a.written.length);
  const found: { written: string; start: number }[] = [];
  let from = 0;
  for (const c of candidates) {
    if (c.start < from) continue;
    found.push(c);
    from = c.end;
  }
  return found;
}

/** Of overlapping finds, the one that begins first, and of those the longest. */
function keptLongestFirst<T extends { start: number; end: number }>(found: T[]): T[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: T[] = [];
  for (const m of found) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  return kept;
}

function cleanName(written: string): string {
  return written
    .replace(/\s+/g, ' ')
    .replace(LIST_ENDINGS, '')
    .replace(/^[\s,.;:«»"]+|[\s,;:«»"]+$/g, '')
    .replace(/\.$/, '')
    .trim();
}

/** A proper name of an organisation: starts upper case, is no generic group, and is not a clause. */
function looksLikeOrganisation(name: string): boolean {
  if (!/^[\p{Lu}\p{N}]/u.test(name)) return false;
  if (isGenericActor(name)) return false;
  const words = name.split(/\s+/);
  return words.length <= 8 && !/\b(?:som|skal|kan|vil|er|har)\b/u.test(name);
}

/**
 * "lokale boligbyggelag og private utbyggere" is two groups; "frivillige lag og organisasjonar" and
 * "private utbyggere og næringsliv" are one (the bare noun after "og" shares the words before it).
 */
/** "andre aktører", "øvrige aktørar", "fleire partar": no kind of actor, only "others". */
const UNNAMED_ACTORS = new RegExp(`^(?:${cues.unnamedActors.determiners.join('|')})\\s+(?:${cues.unnamedActors.heads.join('|')})`, 'u');

function groupsIn(listed: string): string[] {
  // the lead of a list ("Andre som kan inviterast: næringshagane …") is no part of its first item
  const text = listed.replace(/^[^:]*:\s*/u, '');
  if (!isGroupName(text) || UNNAMED_ACTORS.test(text)) return [];
  const sides = text.split(/\s+(?:og|eller)\s+/u);
  if (sides.length === 2 && sides.every((side) => side.split(/\s+/).length >= 2 && isGroupName(side))) return sides;
  return [text];
}

/** A generic group named in a list: a few words in lower case ("lokale sparebankar"), or a known generic head ("Ungdomsråd"). */
function isGroupName(name: string): boolean {
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 7 || /\b(?:som|skal|kan|vil|er|har)\b/u.test(name)) return false;
  return /^\p{Ll}/u.test(name) || isGenericActor(name);
}

function capitals(text: string): number {
  return [...text].filter((c) => /\p{Lu}/u.test(c)).length;
}

/** Splits on a separator outside parentheses. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === separator && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}
