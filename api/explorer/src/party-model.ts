/** A party's roles grouped by pilot, for the detail panel of the network view. Pure (no DOM). */
import type { Evidence, PartyDetail, Role, Theme } from './types.ts';
import { ROLES } from './types.ts';

export interface PartyRoleEntry {
  role: Role;
  agreement: { id: string; title: string };
  subGoal: { number: string; title: string } | null;
  themes: Theme[];
  evidence: Evidence;
}

export interface PartyPilotGroup {
  pilot: { id: string; name: string };
  roles: Role[];
  entries: PartyRoleEntry[];
}

/**
 * One group per pilot, pilots by name; in a group the roles in the model's order (coordinating
 * main party … signatory), agreement-level roles before sub-goal roles, sub-goals by number. Of the
 * roles the party detail holds (the first page of them).
 */
export function groupPartyRoles(party: PartyDetail): PartyPilotGroup[] {
  const groups = new Map<string, PartyPilotGroup>();
  for (const r of party.roles.items) {
    const pilot = r.agreement.pilot;
    const group = groups.get(pilot.id) ?? { pilot: { id: pilot.id, name: pilot.name }, roles: [], entries: [] };
    groups.set(pilot.id, group);
    if (!group.roles.includes(r.role)) group.roles.push(r.role);
    group.entries.push({
      role: r.role,
      agreement: { id: r.agreement.id, title: r.agreement.title },
      subGoal: r.subGoal ? { number: r.subGoal.number, title: r.subGoal.title } : null,
      themes: r.themes,
      evidence: r.evidence,
    });
  }
  const roleOrder = (role: Role) => ROLES.indexOf(role);
  const list = [...groups.values()].sort((a, b) => a.pilot.name.localeCompare(b.pilot.name, 'nb'));
  for (const g of list) {
    g.roles.sort((a, b) => roleOrder(a) - roleOrder(b));
    g.entries.sort(
      (a, b) =>
        a.agreement.title.localeCompare(b.agreement.title, 'nb') ||
        Number(a.subGoal !== null) - Number(b.subGoal !== null) ||
        (a.subGoal?.number ?? '').localeCompare(b.subGoal?.number ?? '', 'nb', { numeric: true }) ||
        roleOrder(a.role) - roleOrder(b.role),
    );
  }
  return list;
}
