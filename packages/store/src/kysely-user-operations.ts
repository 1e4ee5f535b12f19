/**
 * Users, sessions and API tokens ({@link UserStore}), shared by both engines. The guard that
 * keeps one full administrator runs inside a transaction that, on PostgreSQL, locks every
 * full administrator's row first, so two concurrent demotions cannot both pass the count.
 */
import type { Kysely, Selectable } from 'kysely'
import type { KyselySiteStoreOptions } from './kysely-store-options.ts'
import { toMember, toNullableSafeInteger, toSafeInteger } from './message-rows.ts'
import type { ApiTokensTable, Database, UsersTable } from './schema.ts'
import { USER_ROLES } from './user-records.ts'
import type { ApiTokenRecord, GuardedUserOutcome, UserRecord, UserStore } from './user-records.ts'

const FULL: (typeof USER_ROLES)[number] = 'full-administrator'

/** Returns the user operations over the store's database. */
export function createKyselyUserOperations(options: KyselySiteStoreOptions): UserStore {
  const { db, dialect } = options
  const keyOf = (username: string): string => username.toLowerCase()

  /** Runs `work` in a transaction after checking that `username` may stop being a full administrator. */
  const guarded = (
    username: string,
    stillFull: boolean,
    work: (executor: Kysely<Database>) => Promise<UserRecord>,
  ): Promise<GuardedUserOutcome> =>
    options.transaction(async (executor) => {
      const admins = await executor
        .selectFrom('users')
        .select('username_key')
        .where('role', '=', FULL)
        .$if(dialect === 'postgres', (qb) => qb.forUpdate())
        .execute()
      const row = await executor
        .selectFrom('users')
        .selectAll()
        .where('username_key', '=', keyOf(username))
        .executeTakeFirst()
      if (row === undefined) return { outcome: 'not_found' }
      if (row.role === FULL && !stillFull && admins.length <= 1) {
        return { outcome: 'last_full_administrator' }
      }
      return { outcome: 'done', user: await work(executor) }
    })

  return {
    async countUsers() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
      return toSafeInteger(row.n, 'count(users)')
    },

    async createUser(user) {
      const row = await db
        .insertInto('users')
        .values({
          username_key: keyOf(user.username),
          username: user.username,
          password_hash: user.passwordHash,
          role: user.role,
          created_at: user.createdAt,
          updated_at: user.createdAt,
        })
        .onConflict((oc) => oc.column('username_key').doNothing())
        .returningAll()
        .executeTakeFirst()
      return row === undefined ? undefined : userRowToRecord(row)
    },

    async getUser(username) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('username_key', '=', keyOf(username))
        .executeTakeFirst()
      return row === undefined ? undefined : userRowToRecord(row)
    },

    async listUsers() {
      const rows = await db.selectFrom('users').selectAll().orderBy('username_key').execute()
      return rows.map(userRowToRecord)
    },

    updateUser: (username, change) =>
      guarded(username, change.role === undefined || change.role === FULL, async (executor) => {
        const row = await executor
          .updateTable('users')
          .set({
            updated_at: change.updatedAt,
            ...(change.role === undefined ? {} : { role: change.role }),
            ...(change.passwordHash === undefined ? {} : { password_hash: change.passwordHash }),
          })
          .where('username_key', '=', keyOf(username))
          .returningAll()
          .executeTakeFirstOrThrow()
        return userRowToRecord(row)
      }),

    deleteUser: (username) =>
      guarded(username, false, async (executor) => {
        const key = keyOf(username)
        await executor.deleteFrom('sessions').where('username_key', '=', key).execute()
        await executor.deleteFrom('api_tokens').where('username_key', '=', key).execute()
        const row = await executor
          .deleteFrom('users')
          .where('username_key', '=', key)
          .returningAll()
          .executeTakeFirstOrThrow()
        return userRowToRecord(row)
      }),

    async createSession(session) {
      await db
        .insertInto('sessions')
        .values({
          id_hash: session.idHash,
          username_key: keyOf(session.username),
          csrf_token: session.csrfToken,
          created_at: session.createdAt,
          last_used_at: session.createdAt,
          expires_at: session.expiresAt,
        })
        .execute()
    },

    async getSession(idHash) {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.username_key', 'sessions.username_key')
        .selectAll('users')
        .select([
          'sessions.id_hash',
          'sessions.csrf_token',
          'sessions.created_at as session_created_at',
          'sessions.last_used_at',
          'sessions.expires_at',
        ])
        .where('sessions.id_hash', '=', idHash)
        .executeTakeFirst()
      if (row === undefined) return undefined
      return {
        idHash: row.id_hash,
        user: userRowToRecord(row),
        csrfToken: row.csrf_token,
        createdAt: toSafeInteger(row.session_created_at, 'sessions.created_at'),
        lastUsedAt: toSafeInteger(row.last_used_at, 'sessions.last_used_at'),
        expiresAt: toSafeInteger(row.expires_at, 'sessions.expires_at'),
      }
    },

    async touchSession(idHash, times) {
      await db
        .updateTable('sessions')
        .set({ last_used_at: times.lastUsedAt, expires_at: times.expiresAt })
        .where('id_hash', '=', idHash)
        .execute()
    },

    async deleteSession(idHash) {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute()
    },

    async deleteUserSessions(username, deleteOptions = {}) {
      await db
        .deleteFrom('sessions')
        .where('username_key', '=', keyOf(username))
        .$if(deleteOptions.keep !== undefined, (qb) => qb.where('id_hash', '<>', deleteOptions.keep ?? ''))
        .execute()
    },

    async deleteExpiredSessions(now) {
      const rows = await db
        .deleteFrom('sessions')
        .where('expires_at', '<=', now)
        .returning('id_hash')
        .execute()
      return rows.length
    },

    async createApiToken(token) {
      const inserted = await db
        .insertInto('api_tokens')
        .columns(['id', 'name', 'username_key', 'token_hash', 'created_at'])
        .expression((eb) =>
          eb
            .selectFrom('users')
            .select([
              eb.val(token.id).as('id'),
              eb.val(token.name).as('name'),
              'username_key',
              eb.val(token.tokenHash).as('token_hash'),
              eb.val(token.createdAt).as('created_at'),
            ])
            .where('username_key', '=', keyOf(token.username)),
        )
        .returning('id')
        .execute()
      return inserted.length === 1
    },

    async getApiTokenByHash(tokenHash) {
      const row = await db
        .selectFrom('api_tokens')
        .innerJoin('users', 'users.username_key', 'api_tokens.username_key')
        .selectAll('users')
        .select([
          'api_tokens.id',
          'api_tokens.name',
          'api_tokens.created_at as token_created_at',
          'api_tokens.last_used_at',
        ])
        .where('api_tokens.token_hash', '=', tokenHash)
        .executeTakeFirst()
      if (row === undefined) return undefined
      const user = userRowToRecord(row)
      const token: ApiTokenRecord = {
        id: row.id,
        name: row.name,
        username: user.username,
        createdAt: toSafeInteger(row.token_created_at, 'api_tokens.created_at'),
        lastUsedAt: toNullableSafeInteger(row.last_used_at, 'api_tokens.last_used_at'),
      }
      return { token, user }
    },

    async listApiTokens() {
      const rows = await db
        .selectFrom('api_tokens')
        .innerJoin('users', 'users.username_key', 'api_tokens.username_key')
        .select([
          'api_tokens.id',
          'api_tokens.name',
          'users.username',
          'api_tokens.created_at',
          'api_tokens.last_used_at',
        ])
        .orderBy('api_tokens.created_at')
        .orderBy('api_tokens.id')
        .execute()
      return rows.map((r) => tokenRowToRecord(r))
    },

    async deleteApiToken(id) {
      const rows = await db.deleteFrom('api_tokens').where('id', '=', id).returning('id').execute()
      return rows.length > 0
    },

    async touchApiToken(id, lastUsedAt) {
      await db.updateTable('api_tokens').set({ last_used_at: lastUsedAt }).where('id', '=', id).execute()
    },
  }
}

function userRowToRecord(row: Selectable<UsersTable>): UserRecord {
  return {
    username: row.username,
    passwordHash: row.password_hash,
    role: toMember(USER_ROLES, row.role, `user ${row.username}: role`),
    createdAt: toSafeInteger(row.created_at, 'users.created_at'),
    updatedAt: toSafeInteger(row.updated_at, 'users.updated_at'),
  }
}

function tokenRowToRecord(
  row: Pick<Selectable<ApiTokensTable>, 'id' | 'name' | 'created_at' | 'last_used_at'> & {
    readonly username: string
  },
): ApiTokenRecord {
  return {
    id: row.id,
    name: row.name,
    username: row.username,
    createdAt: toSafeInteger(row.created_at, 'api_tokens.created_at'),
    lastUsedAt: toNullableSafeInteger(row.last_used_at, 'api_tokens.last_used_at'),
  }
}
