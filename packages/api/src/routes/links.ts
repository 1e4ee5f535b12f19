/** Site links: each link's state, and approving or rejecting a child site (docs/hierarchy.md). */
import { z } from 'zod'
import { defineRoute } from '../define-route.ts'
import { IsoTime, safeText } from '../fields.ts'

/** Approval states of a site link. */
export const SITE_LINK_STATUSES = ['pending', 'approved', 'rejected'] as const

/** One link of `GET /api/v1/links`. */
export const SiteLinkViewSchema = z
  .object({
    direction: z.enum(['parent', 'child']),
    siteCode: z.string(),
    url: z.string(),
    /** `enrolling`, `pending`, `rejected`, `connected`, `retrying` or `unknown`. */
    state: z.string(),
    approval: z.enum(SITE_LINK_STATUSES),
    backlog: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() }),
    lastAckedSeq: z.number().int(),
    lastContactAt: IsoTime.nullable(),
    throughputPerMinute: z.number(),
    sent: z.number().int(),
    deferredOverBudget: z.number().int(),
    unknownSince: IsoTime.nullable(),
    subtree: z.array(z.string()),
  })
  .meta({ id: 'SiteLink' })
/** One link of `GET /api/v1/links`. */
export type SiteLinkView = z.output<typeof SiteLinkViewSchema>

/** `GET /api/v1/links` */
export const listLinks = defineRoute({
  method: 'GET',
  url: '/api/v1/links',
  summary: 'Each link to the parent and the child sites, with backlog and throughput',
  auth: { minRole: 'read-only-analyst' },
  replies: { 200: z.object({ links: z.array(SiteLinkViewSchema) }) },
  errors: [],
})

const ChildParams = z.object({ siteCode: safeText(0, 8) })
const LinkReply = z.object({ link: SiteLinkViewSchema })

/** `POST /api/v1/links/:siteCode/approve` */
export const approveLink = defineRoute({
  method: 'POST',
  url: '/api/v1/links/:siteCode/approve',
  summary: 'Approve a child site that enrolled',
  auth: { minRole: 'operations-administrator' },
  params: ChildParams,
  replies: { 200: LinkReply },
  errors: ['not_found'],
})

/** `POST /api/v1/links/:siteCode/reject` */
export const rejectLink = defineRoute({
  method: 'POST',
  url: '/api/v1/links/:siteCode/reject',
  summary: 'Reject a child site that enrolled',
  auth: { minRole: 'operations-administrator' },
  params: ChildParams,
  replies: { 200: LinkReply },
  errors: ['not_found'],
})
