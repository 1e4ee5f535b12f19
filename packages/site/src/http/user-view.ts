/** Users as the REST API shows them (docs/security.md); their fields are `@sitrep/api`'s. */
import type { UserView } from '@sitrep/api'
import { formatIsoTime } from '@sitrep/protocol'
import type { UserRecord } from '@sitrep/store'

/** Turns a stored user into its API view. */
export function toUserView(user: UserRecord): UserView {
  return {
    username: user.username,
    role: user.role,
    createdAt: formatIsoTime(user.createdAt),
    updatedAt: formatIsoTime(user.updatedAt),
  }
}
