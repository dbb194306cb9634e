/**
 * "Which pilots involve <party> (on <theme>)?" — per pilot: the agreements, the sub-goals the
 * party is tied to, its roles, and the sentences they rest on. With a theme, a sub-goal role
 * counts when the sub-goal is about the theme, and a special role when its task is.
 *
 * Who is tied to what is read once per store version into a role index (the warm-up builds it):
 * a question's pilots, roles and sub-goals come from it, and the sentences are read only for the
 * pilots of the page asked, from their agreements and sub-goals, so a question costs its party's
 * ties and its page, never the corpus.
 */
import type { Evidence, Theme } from '../domain/records.ts';
import { inRoleOrder, roleOf, type Role } from '../domain/roles.ts';
import { defineCypher } from '../graph/cypher-registry.ts';
import type { AgreementRole, SubGoalRole } from '../graph/properties.ts';
import type { QueryContext } from './context.ts';
import { sentenceOf } from './evidence.ts';
import type { Page, PageOf } from './page.ts';
import { partiesNamed } from './party-resolution.ts';
import { roleIn } from './roles.ts';

export interface PilotInvolvement {
  pilot: string;
  agreements: string[];
  subGoals: string[];
  roles: Role[];
  evidence: Evidence[];
}

/** One tie of a party, without its sentence: where it is, the role, and the themes it counts for. */
interface Tie {
  pilot: string;
  agreement: string;
  role: Role;
  /** A special role's task's themes, or a sub-goal's; none for the other agreement roles. */
  themes: readonly Theme[];
  subGoal?: string;
}

interface RoleIndex {
  byParty: Map<string, Tie[]>;
  pilotNames: Map<string, string>;
}

const AGREEMENT_TIES = defineCypher<{ party: string; pilot: string; pilotName: string; agreement: string; type: AgreementRole['type']; coordinating: boolean | null; themes: Theme[] | null }>(
  'question.pilots-involving.agreement-ties',
  'read',
  `MATCH (p:Party)-[r:MAIN_PARTY_OF|SPECIAL_ROLE_IN|SIGNED]->(a:Agreement)-[:FOR_PILOT]->(pilot:Pilot)
   RETURN p.id AS party, pilot.id AS pilot, pilot.name AS pilotName, a.id AS agreement, type(r) AS type, r.coordinating AS coordinating, r.themes AS themes`,
);

const SUBGOAL_TIES = defineCypher<{ party: string; pilot: string; pilotName: string; agreement: string; subGoal: string; themes: Theme[] | null; type: SubGoalRole['type'] }>(
  'question.pilots-involving.subgoal-ties',
  'read',
  `MATCH (p:Party)-[r:PARTNER_IN|MAY_INVITE]->(s:SubGoal)<-[:HAS_SUBGOAL]-(a:Agreement)-[:FOR_PILOT]->(pilot:Pilot)
   RETURN p.id AS party, pilot.id AS pilot, pilot.name AS pilotName, a.id AS agreement, s.id AS subGoal, s.themes AS themes, type(r) AS type`,
);

/** The sentences of the parties' ties to these agreements: from the page's agreements, never from all of a party's ties. */
const AGREEMENT_SENTENCES = defineCypher<{ agreement: string } & AgreementRole>(
  'question.pilots-involving.agreement-sentences',
  'read',
  `UNWIND $agreements AS id
   MATCH (a:Agreement {id: id})<-[r:MAIN_PARTY_OF|SPECIAL_ROLE_IN|SIGNED]-(p:Party)
   WHERE p.id IN $parties
   RETURN a.id AS agreement, type(r) AS type, properties(r) AS props`,
);

/** The sentences of the parties' ties to these sub-goals. */
const SUBGOAL_SENTENCES = defineCypher<{ subGoal: string } & SubGoalRole>(
  'question.pilots-involving.subgoal-sentences',
  'read',
  `UNWIND $subGoals AS id
   MATCH (s:SubGoal {id: id})<-[r:PARTNER_IN|MAY_INVITE]-(p:Party)
   WHERE p.id IN $parties
   RETURN s.id AS subGoal, type(r) AS type, properties(r) AS props`,
);

/** Every party's ties, once per store version. */
export function roleIndex(ctx: QueryContext): Promise<RoleIndex> {
  return ctx.cached('role-index', async () => {
    const byParty = new Map<string, Tie[]>();
    const pilotNames = new Map<string, string>();
    // the same id is one string however many rows carry it
    const interned = new Map<string, string>();
    const intern = (s: string) => interned.get(s) ?? (interned.set(s, s), s);
    const add = (party: string, tie: Tie) => {
      const ties = byParty.get(party) ?? [];
      ties.push(tie);
      byParty.set(intern(party), ties);
    };
    for (const r of await ctx.read(AGREEMENT_TIES)) {
      pilotNames.set(intern(r.pilot), r.pilotName);
      add(r.party, { pilot: intern(r.pilot), agreement: intern(r.agreement), role: roleOf(r.type, { coordinating: r.coordinating }), themes: r.type === 'SPECIAL_ROLE_IN' ? (r.themes ?? []) : [] });
    }
    for (const r of await ctx.read(SUBGOAL_TIES)) {
      pilotNames.set(intern(r.pilot), r.pilotName);
      add(r.party, { pilot: intern(r.pilot), agreement: intern(r.agreement), role: roleOf(r.type, undefined), themes: r.themes ?? [], subGoal: intern(r.subGoal) });
    }
    return { byParty, pilotNames };
  });
}

/** An involvement before its sentences are read: the ties it rests on. */
type Involvement = Omit<PilotInvolvement, 'evidence'> & { ties: Tie[] };

/** Answers held at once: each can list every pilot of the corpus. */
const PER_PARTY = { name: 'pilots-involving', max: 64 };

/** Every pilot involving the parties a name stands for, by pilot name (then id), without the sentences: once per store version, party and theme. */
async function involvements(ctx: QueryContext, party: string, theme: Theme | undefined): Promise<{ parties: string[]; list: Involvement[] }> {
  const parties = (await partiesNamed(ctx, party)).map((p) => p.id).sort();
  const list = await ctx.cached(`pilots-involving\u0000${parties.join(',')}\u0000${theme ?? ''}`, async () => involvementsOf(await roleIndex(ctx), parties, theme), PER_PARTY);
  return { parties, list };
}

// as String.localeCompare with these arguments, made once: a thousand pilots are sorted in a few ms
const BY_NAME = new Intl.Collator('nb');
const BY_NUMBER = new Intl.Collator('nb', { numeric: true });

function involvementsOf(index: RoleIndex, parties: string[], theme: Theme | undefined): Involvement[] {
  const byPilot = new Map<string, { agreements: Set<string>; subGoals: Set<string>; roles: Set<Role>; ties: Tie[] }>();
  for (const party of parties) {
    for (const tie of index.byParty.get(party) ?? []) {
      if (theme && !tie.themes.includes(theme)) continue;
      const found = byPilot.get(tie.pilot) ?? { agreements: new Set(), subGoals: new Set(), roles: new Set(), ties: [] };
      byPilot.set(tie.pilot, found);
      found.agreements.add(tie.agreement);
      if (tie.subGoal) found.subGoals.add(tie.subGoal);
      found.roles.add(tie.role);
      found.ties.push(tie);
    }
  }
  const name = (pilot: string) => index.pilotNames.get(pilot) ?? pilot;
  return [...byPilot]
    .sort(([a], [b]) => BY_NAME.compare(name(a), name(b)) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([pilot, e]) => ({
      pilot,
      agreements: [...e.agreements].sort(),
      subGoals: [...e.subGoals].sort(BY_NUMBER.compare),
      roles: inRoleOrder(e.roles),
      ties: e.ties,
    }));
}

/** Pilots whose sentences are read in one go, so that a statement's list of ids stays short. */
const SENTENCES_PER_READ = 100;

/** The involvements with their sentences: the parties' ties to the involvements' agreements and sub-goals that count. */
async function withEvidence(ctx: QueryContext, parties: string[], theme: Theme | undefined, list: Involvement[]): Promise<PilotInvolvement[]> {
  const answers: PilotInvolvement[] = [];
  for (let i = 0; i < list.length; i += SENTENCES_PER_READ) {
    const chunk = list.slice(i, i + SENTENCES_PER_READ);
    const agreementTies = chunk.flatMap((e) => e.ties.filter((t) => !t.subGoal));
    const subGoalTies = chunk.flatMap((e) => e.ties.filter((t) => t.subGoal));
    const agreements = [...new Set(agreementTies.map((t) => t.agreement))];
    const subGoals = [...new Set(subGoalTies.map((t) => t.subGoal!))];
    const sentences = new Map<string, Evidence[]>();
    const keep = (place: string, props: Evidence) => {
      const found = sentences.get(place) ?? [];
      found.push(sentenceOf(props));
      sentences.set(place, found);
    };
    if (agreements.length > 0) {
      for (const row of await ctx.read(AGREEMENT_SENTENCES, { agreements, parties })) {
        // as the index counts it: with a theme, only a special role whose task is about it
        if (theme && !(row.type === 'SPECIAL_ROLE_IN' && (row.props.themes ?? []).includes(theme))) continue;
        keep(`${row.agreement}\u0000${roleIn(row)}`, row.props);
      }
    }
    if (subGoals.length > 0) for (const row of await ctx.read(SUBGOAL_SENTENCES, { subGoals, parties })) keep(`${row.subGoal}\u0000${roleIn(row)}`, row.props);
    for (const { ties, ...e } of chunk) {
      const evidence: Evidence[] = [];
      for (const place of new Set(ties.map((t) => `${t.subGoal ?? t.agreement}\u0000${t.role}`))) {
        for (const x of sentences.get(place) ?? []) {
          if (!evidence.some((y) => y.document === x.document && y.page === x.page && y.quote === x.quote)) evidence.push(x);
        }
      }
      evidence.sort((a, b) => a.document.localeCompare(b.document) || a.page - b.page || a.quote.localeCompare(b.quote));
      answers.push({ ...e, evidence });
    }
  }
  return answers;
}

/** A page of the pilots involving the party, by pilot name, with the sentences of the page's pilots. */
export async function pilotsInvolvingPage(ctx: QueryContext, party: string, theme: Theme | undefined, page: Page): Promise<PageOf<PilotInvolvement>> {
  const { parties, list } = await involvements(ctx, party, theme);
  return { totalCount: list.length, items: await withEvidence(ctx, parties, theme, list.slice(page.offset, page.offset + page.limit)) };
}

/** Every pilot involving the party, by pilot name, each with its sentences (the downloads). */
export async function pilotsInvolving(ctx: QueryContext, party: string, theme?: Theme): Promise<PilotInvolvement[]> {
  const { parties, list } = await involvements(ctx, party, theme);
  return withEvidence(ctx, parties, theme, list);
}

/**
 * The role index, and the sentences of one page of the party with the most ties: an engine may
 * load the ties' properties on their first read (a few hundred ms at a thousand agreements), which
 * is then done before the first question rather than in it.
 */
export async function warmPilotsInvolving(ctx: QueryContext): Promise<void> {
  const index = await roleIndex(ctx);
  let most: string | undefined;
  for (const [party, ties] of index.byParty) if (!most || ties.length > index.byParty.get(most)!.length) most = party;
  if (most) await withEvidence(ctx, [most], undefined, involvementsOf(index, [most], undefined).slice(0, 20));
}
