/** `GET /api/v1/health`: whether the site is up, and which site it is. */
import { z } from 'zod'
import { defineRoute } from '../define-route.ts'

/** `GET /api/v1/health` */
export const getHealth = defineRoute({
  method: 'GET',
  url: '/api/v1/health',
  summary: 'The site is up: its code, name, version and roles',
  auth: { public: true },
  replies: {
    200: z.object({
      status: z.literal('ok'),
      siteCode: z.string(),
      siteName: z.string(),
      version: z.string(),
      roles: z.array(z.string()),
    }),
  },
  errors: [],
})
