/**
 * The bodies of site-link transfers, parsed once with zod at each edge (docs/hierarchy.md
 * "Wire format").
 */
import { z } from 'zod'

const siteCode = z
  .string()
  .regex(/^[A-Za-z0-9]{3}$/)
  .transform((s) => s.toUpperCase())

/** `POST /link/v1/enrol` request. */
export const EnrolRequest = z.object({
  siteCode,
  url: z.string().max(2048),
  publicKey: z.string().max(100),
  secret: z.string().max(256).optional(),
})

/** `POST /link/v1/enrol` reply (signed by the parent). */
export const EnrolReply = z.object({
  status: z.enum(['pending', 'approved', 'rejected']),
  siteCode,
  publicKey: z.string().max(100),
})
export type EnrolReply = z.infer<typeof EnrolReply>

/** Outcome of one message at the parent. */
export const LINK_OUTCOMES = ['accepted', 'duplicate', 'refused'] as const

/** `POST /link/v1/messages` reply (signed by the parent): one result per message, in order. */
export const MessagesReply = z.object({
  results: z.array(z.object({ index: z.number().int().min(0), outcome: z.enum(LINK_OUTCOMES) })),
})
export type MessagesReply = z.infer<typeof MessagesReply>

/** A site in the subtree a child reports. */
export const SubtreeSiteJson = z.object({ siteCode, parentSiteCode: siteCode })

/** `POST /link/v1/summaries` request. */
export const SummariesRequest = z.object({
  sites: z.array(SubtreeSiteJson).max(10_000),
  componentCounts: z
    .array(
      z.object({
        siteCode,
        machine: z.string().max(256),
        component: z.string().max(256),
        hourStart: z.number().int().min(0),
        severity: z.enum(['informational', 'warning', 'error']),
        count: z.number().int().min(0),
      }),
    )
    .max(200_000),
})
export type SummariesRequest = z.infer<typeof SummariesRequest>

/** Most messages the parent takes in one upload. */
export const MAX_LINK_BATCH = 1000
