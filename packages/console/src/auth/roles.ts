/** What each role may do in the console (docs/api.md); the site enforces the same rules. */
import { ROLES } from '../api/api-types.ts'
import type { Role } from '../api/api-types.ts'

/** True when `role` is `least` or a role with more rights. */
export function hasRole(role: Role, least: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(least)
}

/** May change rules, approve clients, reset counts: operations or full administrators. */
export function canOperate(role: Role): boolean {
  return hasRole(role, 'operations-administrator')
}

/** People's names for the roles. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  reporter: 'Reporter (raises status messages only)',
  'read-only-analyst': 'Read-only analyst',
  'operations-administrator': 'Operations administrator',
  'full-administrator': 'Full administrator',
}
