/**
 * The roles a party plays, and the one rule that reads a role from the relationship that
 * stores it: MAIN_PARTY_OF (coordinating or not), SPECIAL_ROLE_IN, SIGNED, PARTNER_IN, MAY_INVITE.
 */

/** In the order answers list them: the strongest tie first. */
export const ROLES = ['COORDINATING_MAIN_PARTY', 'MAIN_PARTY', 'SPECIAL_ROLE', 'PARTNER', 'MAY_INVITE', 'SIGNATORY'] as const;
export type Role = (typeof ROLES)[number];

/** The relationship types that carry a role. */
const ROLE_RELATIONSHIPS = ['MAIN_PARTY_OF', 'SPECIAL_ROLE_IN', 'SIGNED', 'PARTNER_IN', 'MAY_INVITE'] as const;
type RoleRelationship = (typeof ROLE_RELATIONSHIPS)[number];

const BY_RELATIONSHIP: Record<Exclude<RoleRelationship, 'MAIN_PARTY_OF'>, Role> = {
  SPECIAL_ROLE_IN: 'SPECIAL_ROLE',
  SIGNED: 'SIGNATORY',
  PARTNER_IN: 'PARTNER',
  MAY_INVITE: 'MAY_INVITE',
};

/** The role a relationship of `type` stands for; a main party is coordinating when the relationship says so. */
export function roleOf(type: string, properties: { coordinating?: unknown } | undefined): Role {
  if (type === 'MAIN_PARTY_OF') return properties?.coordinating ? 'COORDINATING_MAIN_PARTY' : 'MAIN_PARTY';
  const role = BY_RELATIONSHIP[type as keyof typeof BY_RELATIONSHIP];
  if (!role) throw new Error(`relationship ${type} carries no role`);
  return role;
}

/** Roles sorted in answer order, each once. */
export function inRoleOrder(roles: Iterable<Role>): Role[] {
  const present = new Set(roles);
  return ROLES.filter((r) => present.has(r));
}
