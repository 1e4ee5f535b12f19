/**
 * Users (full administrators only): `GET /api/v1/users`, `POST /api/v1/users`,
 * `PATCH /api/v1/users/:username`, `DELETE /api/v1/users/:username`. The last full
 * administrator can be neither demoted nor deleted (409 `last_full_administrator`).
 */
import { createUser, deleteUser, listUsers, updateUser } from '@sitrep/api'
import type { GuardedUserOutcome, SiteStore, UserRecord } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { hashPassword } from './auth/password-hash.ts'
import { requestUser } from './auth/register-auth.ts'
import { toUserView } from './user-view.ts'
import { mountRoute } from './mount-route.ts'
import { RequestError } from './request-error.ts'

/** Registers the user routes on the API scope. */
export function registerUsersRoutes(
  api: FastifyInstance,
  deps: { readonly store: SiteStore; readonly clock: () => number },
): void {
  mountRoute(api, listUsers, async () => ({ users: (await deps.store.listUsers()).map(toUserView) }))

  mountRoute(api, createUser, async (request, reply) => {
    const body = request.body
    const user = await deps.store.createUser({
      username: body.username,
      passwordHash: await hashPassword(body.password),
      role: body.role,
      createdAt: deps.clock(),
    })
    if (user === undefined)
      throw new RequestError('conflict', `a user named ${body.username} exists (names ignore case)`)
    return reply.code(201).send({ user: toUserView(user) })
  })

  mountRoute(api, updateUser, async (request) => {
    const body = request.body
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

  mountRoute(api, deleteUser, async (request, reply) => {
    settle(await deps.store.deleteUser(request.params.username), request.params.username, 'delete')
    return reply.code(204).send()
  })
}

function settle(outcome: GuardedUserOutcome, username: string, verb: 'demote' | 'delete'): UserRecord {
  switch (outcome.outcome) {
    case 'done':
      return outcome.user
    case 'not_found':
      throw new RequestError('not_found', `no user named ${username.slice(0, 64)}`)
    case 'last_full_administrator':
      throw new RequestError(
        'last_full_administrator',
        `${username.slice(0, 64)} is the last full administrator; make another user full administrator before you ${verb} this one`,
      )
  }
}
