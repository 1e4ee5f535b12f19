/**
 * The roles of the REST API and how a route declares the least role it needs
 * (`{ config: { minRole: 'read-only-analyst' } }`). The auth hooks in `auth/` enforce it; a route
 * under `/api/v1` that declares neither `minRole` nor `public` is refused with 500, so nothing
 * ships unguarded (docs/security.md).
 */
import { USER_ROLES } from '@sitrep/store'
import type { UserRole } from '@sitrep/store'

/** The roles, least first: read-only analyst < operations administrator < full administrator. */
export const ROLES = USER_ROLES
export type Role = UserRole

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role that may call the route. */
    minRole?: Role
    /** Roles below `minRole` that may call the route too (the narrow `reporter`). */
    alsoRoles?: readonly Role[]
    /** True for the few routes anyone may call without credentials (logging in). */
    public?: boolean
  }
}

/** True when `role` is `min` or above it. */
export function roleAtLeast(role: Role, min: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(min)
}
