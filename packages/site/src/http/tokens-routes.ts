/**
 * API tokens (full administrators only): `POST /api/v1/tokens` `{ name, username? }` issues a
 * token for a user (the caller by default) and shows it once; `GET /api/v1/tokens` lists them
 * without the secret; `DELETE /api/v1/tokens/:id` revokes one. A token carries its user's role
 * as it is at each request.
 */
import { randomUUID } from 'node:crypto'
import { formatIsoTime } from '@sitrep/protocol'
import type { ApiTokenRecord, SiteStore } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { MpError } from '../mp/mp-error.ts'
import { safeText } from '../mp/safe-text.ts'
import { parseBody } from './auth/parse-body.ts'
import { requestUser } from './auth/register-auth.ts'
import { API_TOKEN_PREFIX, randomSecret, sha256Hex } from './auth/secrets.ts'
import { Username } from './auth/user-fields.ts'

const CreateBody = z.strictObject({ name: safeText(1, 128), username: Username.optional() })
const FULL = { config: { minRole: 'full-administrator' } } as const

/** Registers the token routes on the API scope. */
export function registerTokensRoutes(
  api: FastifyInstance,
  deps: { readonly store: SiteStore; readonly clock: () => number },
): void {
  api.get('/api/v1/tokens', FULL, async () => ({
    tokens: (await deps.store.listApiTokens()).map(toTokenView),
  }))

  api.post('/api/v1/tokens', FULL, async (request, reply) => {
    const body = parseBody(CreateBody, request.body)
    const username = body.username ?? requestUser(request).username
    const token = `${API_TOKEN_PREFIX}${randomSecret()}`
    const record = { id: randomUUID(), name: body.name, username, createdAt: deps.clock() }
    const created = await deps.store.createApiToken({ ...record, tokenHash: sha256Hex(token) })
    if (!created) throw new MpError('not_found', `no user named ${username}; create the user first`)
    const user = await deps.store.getUser(username)
    return reply
      .code(201)
      .send({ token, ...toTokenView({ ...record, username: user?.username ?? username, lastUsedAt: null }) })
  })

  api.delete<{ Params: { id: string } }>('/api/v1/tokens/:id', FULL, async (request, reply) => {
    if (!(await deps.store.deleteApiToken(request.params.id))) {
      throw new MpError('not_found', `no token ${request.params.id.slice(0, 64)}`)
    }
    return reply.code(204).send()
  })
}

function toTokenView(token: ApiTokenRecord) {
  return {
    id: token.id,
    name: token.name,
    username: token.username,
    createdAt: formatIsoTime(token.createdAt),
    lastUsedAt: token.lastUsedAt === null ? null : formatIsoTime(token.lastUsedAt),
  }
}
