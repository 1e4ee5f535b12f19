/** Component status: counts per component, the messages counted, and resetting counts (docs/api.md "Summaries"). */
import type { SummaryWindow } from '@sitrep/core'
import { ROLLING_WINDOW_NAMES, SUMMARY_STATUSES, TALLY_INTERVAL_NAMES, parseTallyToken } from '@sitrep/core'
import { SEVERITY_NAMES } from '@sitrep/protocol'
import { z } from 'zod'
import { defineRoute } from '../define-route.ts'
import { IsoTime } from '../fields.ts'
import { MessageViewSchema } from './messages.ts'

/** A tally interval token or name, `last-hour` or `last-24-hours`. */
export const SummaryWindowParam = z.string().transform((text, ctx): SummaryWindow => {
  const lower = text.toLowerCase()
  const named = [...TALLY_INTERVAL_NAMES, ...ROLLING_WINDOW_NAMES].find((n) => n === lower)
  const window = named ?? parseTallyToken(text)
  if (window === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a tally interval token or name, last-hour or last-24-hours',
    })
    return z.NEVER
  }
  return window
})

/** A three-character site code, in any case; read upper-case. */
export const SiteCodeParam = z
  .string()
  .regex(/^[A-Za-z0-9]{3}$/, 'must be a three-character site code')
  .transform((s) => s.toUpperCase())

const name = z.string().min(1).max(255)
const count = z.number().int()

/** OK, warning or critical. */
export const SummaryStatusSchema = z.enum(SUMMARY_STATUSES)

/** The interval a summary counted over. */
export const SummaryIntervalSchema = z.object({
  /** The tally interval token; `null` for a rolling window. */
  token: z.string().nullable(),
  name: z.string(),
  since: IsoTime,
  /** Start of the first whole hour counted. */
  countedFrom: IsoTime,
})

/** One component's counts and status over the interval. */
export const ComponentSummaryViewSchema = z
  .object({
    siteCode: z.string(),
    machine: z.string(),
    component: z.string(),
    infos: count,
    warnings: count,
    errors: count,
    status: SummaryStatusSchema,
    silent: z.boolean(),
    thresholds: z.object({
      IW: z.number(),
      IE: z.number(),
      WW: z.number(),
      WE: z.number(),
      EW: z.number(),
      EE: z.number(),
    }),
    lastMessageAt: IsoTime.nullable(),
  })
  .meta({ id: 'ComponentSummary' })
/** One component's counts and status. */
export type ComponentSummaryView = z.output<typeof ComponentSummaryViewSchema>

/** `GET /api/v1/summaries/components` */
export const listComponentSummaries = defineRoute({
  method: 'GET',
  url: '/api/v1/summaries/components',
  summary: 'Component status per site, machine and component over a tally interval',
  auth: { minRole: 'read-only-analyst' },
  query: z.strictObject({ interval: SummaryWindowParam.optional(), siteCode: SiteCodeParam.optional() }),
  replies: {
    200: z.object({ interval: SummaryIntervalSchema, components: z.array(ComponentSummaryViewSchema) }),
  },
  errors: [],
})

/** `GET /api/v1/summaries/components/messages` */
export const listComponentMessages = defineRoute({
  method: 'GET',
  url: '/api/v1/summaries/components/messages',
  summary: 'The stored messages a component count is made of',
  auth: { minRole: 'read-only-analyst' },
  query: z.strictObject({
    siteCode: SiteCodeParam,
    machine: name,
    component: name,
    interval: SummaryWindowParam.optional(),
    severity: z.enum(SEVERITY_NAMES).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: z.coerce.number().int().min(1).optional(),
  }),
  replies: {
    200: z.object({
      interval: SummaryIntervalSchema,
      /** Messages the counters counted. */
      counted: count,
      /** Messages still stored in the window. */
      listed: count,
      /** Counted but not stored (not kept by the rules, or aged out). */
      notStored: count,
      messages: z.array(MessageViewSchema),
      nextCursor: z.number().int().nullable(),
    }),
  },
  errors: [],
})

/** `POST /api/v1/summaries/components/reset` */
export const resetComponentCounts = defineRoute({
  method: 'POST',
  url: '/api/v1/summaries/components/reset',
  summary: 'Reset the counts of a site, a machine or a component',
  auth: { minRole: 'operations-administrator' },
  body: z.strictObject({
    siteCode: SiteCodeParam,
    machine: name.optional(),
    component: name.optional(),
    interval: z.union([SummaryWindowParam, z.literal('all')]).optional(),
  }),
  replies: {
    200: z.object({
      reset: z.literal(true),
      at: IsoTime,
      /** The catalogue message IDs raised for the reset. */
      messageIds: z.array(z.number().int()),
    }),
  },
  errors: [],
})
