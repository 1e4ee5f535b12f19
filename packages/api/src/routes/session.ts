/** Logging in and out of the console, and who the caller is. */
import { z } from 'zod'
import { NO_CONTENT, defineRoute } from '../define-route.ts'
import { RoleName, safeText } from '../fields.ts'

/** The user of a session or token. */
export const SessionUserSchema = z
  .object({ username: z.string(), role: RoleName })
  .meta({ id: 'SessionUser' })

/** `POST /api/v1/session` */
export const logIn = defineRoute({
  method: 'POST',
  url: '/api/v1/session',
  summary: 'Log in: sets the sitrep_session cookie and answers the CSRF token for changes',
  auth: { public: true },
  body: z.strictObject({ username: safeText(1, 256), password: safeText(1, 1024) }),
  replies: { 200: z.object({ user: SessionUserSchema, csrfToken: z.string() }) },
  errors: ['invalid_credentials', 'rate_limited'],
})

/** `GET /api/v1/session` */
export const getSession = defineRoute({
  method: 'GET',
  url: '/api/v1/session',
  summary: 'Who is calling, how (session or token), and the CSRF token of a session',
  auth: { minRole: 'read-only-analyst' },
  replies: {
    200: z.object({
      user: SessionUserSchema,
      via: z.enum(['session', 'token']),
      csrfToken: z.string().nullable(),
    }),
  },
  errors: [],
})

/** `DELETE /api/v1/session` */
export const logOut = defineRoute({
  method: 'DELETE',
  url: '/api/v1/session',
  summary: 'Log out: ends the session and clears the cookie',
  auth: { minRole: 'read-only-analyst' },
  replies: { 204: NO_CONTENT },
  errors: [],
})
