/** The fields of users as the REST API takes them: names, passwords and roles (docs/security.md). */
import { formatIsoTime } from '@sitrep/protocol'
import type { UserRecord } from '@sitrep/store'
import { z } from 'zod'
import { safeText } from '../../mp/safe-text.ts'
import { ROLES } from '../route-roles.ts'
import type { Role } from '../route-roles.ts'

/** 1–64 characters: a letter or digit, then letters, digits, `.`, `_`, `@`, `-`. */
export const Username = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/,
    'must be 1–64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit',
  )

/** New passwords: 12–1024 characters. */
export const NewPassword = safeText(12, 1024)

/** One of the three roles. */
export const RoleName = z.enum(ROLES)

/** A user as the API shows it: never the password hash. */
export interface UserView {
  readonly username: string
  readonly role: Role
  readonly createdAt: string
  readonly updatedAt: string
}

/** Turns a stored user into its API view. */
export function toUserView(user: UserRecord): UserView {
  return {
    username: user.username,
    role: user.role,
    createdAt: formatIsoTime(user.createdAt),
    updatedAt: formatIsoTime(user.updatedAt),
  }
}
