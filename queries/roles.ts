/** The role a party's tie to an agreement or sub-goal stands for, by the one rule in domain/roles.ts. */
import { roleOf, type Role } from '../domain/roles.ts';
import type { AgreementRole, SubGoalRole } from '../graph/properties.ts';

/** Only MAIN_PARTY_OF reads its properties (coordinating or not); every other type is its role. */
export function roleIn(tie: AgreementRole | SubGoalRole): Role {
  return roleOf(tie.type, tie.type === 'MAIN_PARTY_OF' ? tie.props : undefined);
}
