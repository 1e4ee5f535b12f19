/**
 * The bodies of site-link transfers, parsed once with zod at each edge (docs/hierarchy.md
 * "Wire format").
 */
import { z } from 'zod'
import { safeText } from '../mp/safe-text.ts'

const siteCode = z
  .string()
  .regex(/^[A-Za-z0-9]{3}$/)
  .transform((s) => s.toUpperCase())

/** `POST /link/v1/enrol` request. */
export const EnrolRequest = z.object({
  siteCode,
  // Kept in the parent's store as text: NUL is refused here, not by PostgreSQL.
  url: safeText(0, 2048),
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

const status = z.enum(['ok', 'warning', 'critical'])
const count = z.number().int().min(0)

/** A storage object's state as a child sends it up (docs/hierarchy.md "Summaries up"). */
export const StorageSummaryJson = z.object({
  reading: z.object({
    siteSystem: z.string().max(256),
    object: z.string().max(1024),
    role: z.string().max(256),
    kind: z.enum(['database', 'directory', 'log']),
    accessible: z.boolean(),
    bytesFree: z.number().min(0).nullable(),
    bytesTotal: z.number().min(0).nullable(),
  }),
  checkedAt: z.number().int().min(0),
  status,
  thresholds: z.object({ warningFreeKb: z.number().min(0), criticalFreeKb: z.number().min(0) }),
})
export type StorageSummaryJson = z.infer<typeof StorageSummaryJson>

/** One deployment's counts at one site (`notYetReported` as a count). */
export const DeploymentSummaryJson = z.object({
  deploymentId: z.string().min(1).max(256),
  targeted: count,
  accepted: count,
  running: count,
  waiting: count,
  retrying: count,
  succeeded: count,
  failed: count,
  rebootPending: count,
  noStatus: count,
  notYetReported: count,
})
export type DeploymentSummaryJson = z.infer<typeof DeploymentSummaryJson>

/** `POST /link/v1/summaries` request. */
export const SummariesRequest = z.object({
  sites: z.array(SubtreeSiteJson).max(10_000),
  /** Storage objects per site: the child's own and those of the sites under it. */
  storage: z
    .array(z.object({ siteCode, objects: z.array(StorageSummaryJson).max(10_000) }))
    .max(10_000)
    .default([]),
  /** Deployment counts per site: each site's own, never a sum. */
  deployments: z
    .array(z.object({ siteCode, deployments: z.array(DeploymentSummaryJson).max(100_000) }))
    .max(10_000)
    .default([]),
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
export type SummariesRequest = z.input<typeof SummariesRequest>

/** Most messages the parent takes in one upload. */
export const MAX_LINK_BATCH = 1000
