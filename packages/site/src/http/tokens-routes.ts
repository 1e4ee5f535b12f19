/**
 * API tokens (full administrators only), as `@sitrep/api`'s `routes/tokens.ts` declares them:
 * `POST /api/v1/tokens` `{ name, username? }` issues a token for a user (the caller by default)
 * and shows it once; `GET /api/v1/tokens` lists them without the secret;
 * `DELETE /api/v1/tokens/:id` revokes one. A token carries its user's role as it is at each request.
 */
import { randomUUID } from 'node:crypto'
import { createToken, deleteToken, listTokens } from '@sitrep/api'
import type { TokenView } from '@sitrep/api'
import { formatIsoTime } from '@sitrep/protocol'
import type { ApiTokenRecord, SiteStore } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { requestUser } from './auth/register-auth.ts'
import { API_TOKEN_PREFIX, randomSecret, sha256Hex } from './auth/secrets.ts'
import { mountRoute } from './mount-route.ts'
import { RequestError } from './request-error.ts'

/** Registers the token routes on the API scope. */
export function registerTokensRoutes(
  api: FastifyInstance,
  deps: { readonly store: SiteStore; readonly clock: () => number },
): void {
  mountRoute(api, listTokens, async () => ({
    tokens: (await deps.store.listApiTokens()).map(toTokenView),
  }))

  mountRoute(api, createToken, async (request, reply) => {
    const username = request.body.username ?? requestUser(request).username
    const token = `${API_TOKEN_PREFIX}${randomSecret()}`
    const record = { id: randomUUID(), name: request.body.name, username, createdAt: deps.clock() }
    const created = await deps.store.createApiToken({ ...record, tokenHash: sha256Hex(token) })
    if (!created) throw new RequestError('not_found', `no user named ${username}; create the user first`)
    const user = await deps.store.getUser(username)
    return reply
      .code(201)
      .send({ token, ...toTokenView({ ...record, username: user?.username ?? username, lastUsedAt: null }) })
  })

  mountRoute(api, deleteToken, async (request, reply) => {
    if (!(await deps.store.deleteApiToken(request.params.id))) {
      throw new RequestError('not_found', `no token ${request.params.id.slice(0, 64)}`)
    }
    return reply.code(204).send()
  })
}

function toTokenView(token: ApiTokenRecord): TokenView {
  return {
    id: token.id,
    name: token.name,
    username: token.username,
    createdAt: formatIsoTime(token.createdAt),
    lastUsedAt: token.lastUsedAt === null ? null : formatIsoTime(token.lastUsedAt),
  }
}
