/** Users (full administrators only): list, create, change role or password, delete. */
import { z } from 'zod'
import { NO_CONTENT, defineRoute } from '../define-route.ts'
import { IsoTime, NewPassword, RoleName, Username, safeText } from '../fields.ts'

const FULL = { minRole: 'full-administrator' } as const

/** A user as the API shows it: never the password hash. */
export const UserViewSchema = z
  .object({ username: z.string(), role: RoleName, createdAt: IsoTime, updatedAt: IsoTime })
  .meta({ id: 'User' })
/** A user as the API shows it. */
export type UserView = z.output<typeof UserViewSchema>

const UserReply = z.object({ user: UserViewSchema })
const UserParams = z.object({ username: safeText(1, 256) })

/** `GET /api/v1/users` */
export const listUsers = defineRoute({
  method: 'GET',
  url: '/api/v1/users',
  summary: 'List the users',
  auth: FULL,
  replies: { 200: z.object({ users: z.array(UserViewSchema) }) },
  errors: [],
})

/** `POST /api/v1/users` */
export const createUser = defineRoute({
  method: 'POST',
  url: '/api/v1/users',
  summary: 'Create a user',
  auth: FULL,
  body: z.strictObject({ username: Username, password: NewPassword, role: RoleName }),
  replies: { 201: UserReply },
  errors: ['conflict'],
})

/** `PATCH /api/v1/users/:username` */
export const updateUser = defineRoute({
  method: 'PATCH',
  url: '/api/v1/users/:username',
  summary: "Change a user's role or password (a new password ends their other sessions)",
  auth: FULL,
  params: UserParams,
  body: z
    .strictObject({ password: NewPassword.optional(), role: RoleName.optional() })
    .refine((b) => b.password !== undefined || b.role !== undefined, { message: 'give password or role' }),
  replies: { 200: UserReply },
  errors: ['not_found', 'last_full_administrator'],
})

/** `DELETE /api/v1/users/:username` */
export const deleteUser = defineRoute({
  method: 'DELETE',
  url: '/api/v1/users/:username',
  summary: 'Delete a user (never the last full administrator)',
  auth: FULL,
  params: UserParams,
  replies: { 204: NO_CONTENT },
  errors: ['not_found', 'last_full_administrator'],
})
