/**
 * Users (full administrators only): `GET /api/v1/users`, `POST /api/v1/users`,
 * `PATCH /api/v1/users/:username`, `DELETE /api/v1/users/:username`. The last full
 * administrator can be neither demoted nor deleted (409 `last_full_administrator`).
 */
import type { GuardedUserOutcome, SiteStore, UserRecord } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { MpError } from '../mp/mp-error.ts'
import { parseBody } from './auth/parse-body.ts'
import { hashPassword } from './auth/password-hash.ts'
import { requestUser } from './auth/register-auth.ts'
import { NewPassword, RoleName, Username, toUserView } from './auth/user-fields.ts'

const CreateBody = z.strictObject({ username: Username, password: NewPassword, role: RoleName })
const PatchBody = z
  .strictObject({ password: NewPassword.optional(), role: RoleName.optional() })
  .refine((b) => b.password !== undefined || b.role !== undefined, { message: 'give password or role' })
const FULL = { config: { minRole: 'full-administrator' } } as const

/** Registers the user routes on the API scope. */
export function registerUsersRoutes(
  api: FastifyInstance,
  deps: { readonly store: SiteStore; readonly clock: () => number },
): void {
  api.get('/api/v1/users', FULL, async () => ({ users: (await deps.store.listUsers()).map(toUserView) }))

  api.post('/api/v1/users', FULL, async (request, reply) => {
    const body = parseBody(CreateBody, request.body)
    const user = await deps.store.createUser({
      username: body.username,
      passwordHash: await hashPassword(body.password),
      role: body.role,
      createdAt: deps.clock(),
    })
    if (user === undefined)
      throw new MpError('conflict', `a user named ${body.username} exists (names ignore case)`)
    return reply.code(201).send({ user: toUserView(user) })
  })

  api.patch<{ Params: { username: string } }>('/api/v1/users/:username', FULL, async (request) => {
    const body = parseBody(PatchBody, request.body)
    const { username } = request.params
    const outcome = await deps.store.updateUser(username, {
      updatedAt: deps.clock(),
      ...(body.role === undefined ? {} : { role: body.role }),
      ...(body.password === undefined ? {} : { passwordHash: await hashPassword(body.password) }),
    })
    const user = settle(outcome, username, 'demote')
    if (body.password !== undefined) {
      // A new password ends the user's other sessions; the caller's own session stays.
      const caller = requestUser(request)
      const keep = caller.via === 'session' ? caller.session.idHash : undefined
      await deps.store.deleteUserSessions(user.username, keep === undefined ? {} : { keep })
    }
    return { user: toUserView(user) }
  })

  api.delete<{ Params: { username: string } }>('/api/v1/users/:username', FULL, async (request, reply) => {
    settle(await deps.store.deleteUser(request.params.username), request.params.username, 'delete')
    return reply.code(204).send()
  })
}

function settle(outcome: GuardedUserOutcome, username: string, verb: 'demote' | 'delete'): UserRecord {
  switch (outcome.outcome) {
    case 'done':
      return outcome.user
    case 'not_found':
      throw new MpError('not_found', `no user named ${username.slice(0, 64)}`)
    case 'last_full_administrator':
      throw new MpError(
        'last_full_administrator',
        `${username.slice(0, 64)} is the last full administrator; make another user full administrator before you ${verb} this one`,
      )
  }
}
