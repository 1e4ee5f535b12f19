/** API tokens (full administrators only): issue one for a user, list them, revoke one. */
import { z } from 'zod'
import { NO_CONTENT, defineRoute } from '../define-route.ts'
import { IsoTime, Username, safeText } from '../fields.ts'

const FULL = { minRole: 'full-administrator' } as const

/** An API token as the API lists it: never the secret. */
export const TokenViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    username: z.string(),
    createdAt: IsoTime,
    lastUsedAt: IsoTime.nullable(),
  })
  .meta({ id: 'Token' })
/** An API token as the API lists it. */
export type TokenView = z.output<typeof TokenViewSchema>

/** `GET /api/v1/tokens` */
export const listTokens = defineRoute({
  method: 'GET',
  url: '/api/v1/tokens',
  summary: 'List the API tokens (without their secrets)',
  auth: FULL,
  replies: { 200: z.object({ tokens: z.array(TokenViewSchema) }) },
  errors: [],
})

/** `POST /api/v1/tokens` */
export const createToken = defineRoute({
  method: 'POST',
  url: '/api/v1/tokens',
  summary: 'Issue an API token for a user (the caller by default); the secret is shown only here',
  auth: FULL,
  body: z.strictObject({ name: safeText(1, 128), username: Username.optional() }),
  replies: { 201: TokenViewSchema.extend({ token: z.string() }) },
  errors: ['invalid_body', 'not_found'],
})

/** `DELETE /api/v1/tokens/:id` */
export const deleteToken = defineRoute({
  method: 'DELETE',
  url: '/api/v1/tokens/:id',
  summary: 'Revoke an API token',
  auth: FULL,
  params: z.object({ id: safeText(1, 256) }),
  replies: { 204: NO_CONTENT },
  errors: ['not_found'],
})
