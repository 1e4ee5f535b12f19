/**
 * Users, console sessions and API tokens as the store keeps them (migration 0004), and the
 * {@link UserStore} operations the site's login and role checks use. Secrets never reach the
 * store in the clear: passwords arrive as scrypt hashes, session IDs and tokens as SHA-256.
 */

/** The roles of the REST API, least first (docs/security.md). */
export const USER_ROLES = [
  'reporter',
  'read-only-analyst',
  'operations-administrator',
  'full-administrator',
] as const
export type UserRole = (typeof USER_ROLES)[number]

/** A user as stored. `username` keeps its spelling; lookups ignore case. */
export interface UserRecord {
  readonly username: string
  /** `scrypt$<N>$<r>$<p>$<salt>$<hash>` (base64url), parameters stored with the hash. */
  readonly passwordHash: string
  readonly role: UserRole
  /** Epoch ms. */
  readonly createdAt: number
  readonly updatedAt: number
}

/** A new user for {@link UserStore.createUser}. */
export interface NewUser {
  readonly username: string
  readonly passwordHash: string
  readonly role: UserRole
  readonly createdAt: number
}

/** A change to a user; absent fields stay as they are. */
export interface UserChange {
  readonly passwordHash?: string
  readonly role?: UserRole
  readonly updatedAt: number
}

/** Outcome of a change that must leave at least one full administrator. */
export type GuardedUserOutcome =
  | { readonly outcome: 'done'; readonly user: UserRecord }
  | { readonly outcome: 'not_found' }
  | { readonly outcome: 'last_full_administrator' }

/** A console session; `idHash` is the SHA-256 (hex) of the cookie value. */
export interface SessionRecord {
  readonly idHash: string
  readonly user: UserRecord
  readonly csrfToken: string
  readonly createdAt: number
  readonly lastUsedAt: number
  /** The session ends here unless used again (sliding), never after the absolute limit. */
  readonly expiresAt: number
}

/** A new session for {@link UserStore.createSession}. */
export interface NewSession {
  readonly idHash: string
  readonly username: string
  readonly csrfToken: string
  readonly createdAt: number
  readonly expiresAt: number
}

/** An issued API token; the token itself is only ever shown once, at creation. */
export interface ApiTokenRecord {
  readonly id: string
  readonly name: string
  /** The user whose role the token carries. */
  readonly username: string
  readonly createdAt: number
  readonly lastUsedAt: number | null
}

/** A new API token for {@link UserStore.createApiToken}; `tokenHash` is SHA-256 (hex). */
export interface NewApiToken {
  readonly id: string
  readonly name: string
  readonly username: string
  readonly tokenHash: string
  readonly createdAt: number
}

/** What the store keeps for logins, sessions and tokens. */
export interface UserStore {
  countUsers(): Promise<number>
  /** Creates a user; resolves `undefined` when the name is taken (ignoring case). */
  createUser(user: NewUser): Promise<UserRecord | undefined>
  /** The user of that name, ignoring case. */
  getUser(username: string): Promise<UserRecord | undefined>
  /** Every user, by name. */
  listUsers(): Promise<readonly UserRecord[]>
  /**
   * Changes a user's password or role. Refuses (atomically, also against concurrent changes) to
   * demote the last full administrator.
   */
  updateUser(username: string, change: UserChange): Promise<GuardedUserOutcome>
  /**
   * Deletes a user with their sessions and tokens. Refuses to delete the last full
   * administrator; `user` in the outcome is the deleted user.
   */
  deleteUser(username: string): Promise<GuardedUserOutcome>

  createSession(session: NewSession): Promise<void>
  /** The session with its user (as the user is now), or `undefined`; expiry is the caller's check. */
  getSession(idHash: string): Promise<SessionRecord | undefined>
  touchSession(
    idHash: string,
    times: { readonly lastUsedAt: number; readonly expiresAt: number },
  ): Promise<void>
  deleteSession(idHash: string): Promise<void>
  /** Deletes a user's sessions except `keep` (after a password change). */
  deleteUserSessions(username: string, options?: { readonly keep?: string }): Promise<void>
  /** Deletes sessions whose `expiresAt` has passed; returns how many. */
  deleteExpiredSessions(now: number): Promise<number>

  /** Stores a token; resolves `false` when the user does not exist. */
  createApiToken(token: NewApiToken): Promise<boolean>
  /** The token with that hash and its user (as the user is now). */
  getApiTokenByHash(
    tokenHash: string,
  ): Promise<{ readonly token: ApiTokenRecord; readonly user: UserRecord } | undefined>
  /** Every token, oldest first. */
  listApiTokens(): Promise<readonly ApiTokenRecord[]>
  /** Revokes a token; resolves `false` when there was none. */
  deleteApiToken(id: string): Promise<boolean>
  touchApiToken(id: string, lastUsedAt: number): Promise<void>
}
