/** Site status: storage objects, the roll-up per site and the severity histogram (docs/api.md "Summaries"). */
import { STORAGE_KINDS } from '@sitrep/core'
import { z } from 'zod'
import { defineRoute } from '../define-route.ts'
import { IsoTime } from '../fields.ts'
import { SiteCodeParam, SummaryStatusSchema } from './component-summaries.ts'

const count = z.number().int()
const tally = z.object({ ok: count, warning: count, critical: count })

/** One storage object of a site system with its free space against thresholds. */
export const StorageObjectViewSchema = z
  .object({
    siteCode: z.string(),
    siteSystem: z.string(),
    object: z.string(),
    kind: z.enum(STORAGE_KINDS),
    bytesFree: z.number().nullable(),
    bytesTotal: z.number().nullable(),
    percentFree: z.number().nullable(),
    status: SummaryStatusSchema,
    accessible: z.boolean(),
    thresholds: z.object({ warningBytes: z.number(), criticalBytes: z.number() }),
    checkedAt: IsoTime,
  })
  .meta({ id: 'StorageObject' })
/** One storage object. */
export type StorageObjectView = z.output<typeof StorageObjectViewSchema>

/** `GET /api/v1/summaries/site-systems` */
export const listSiteSystems = defineRoute({
  method: 'GET',
  url: '/api/v1/summaries/site-systems',
  summary: 'Storage objects of this site and of the sites below it',
  auth: { minRole: 'read-only-analyst' },
  replies: { 200: z.object({ objects: z.array(StorageObjectViewSchema) }) },
  errors: [],
})

/** One site of the roll-up. */
export const SiteSummaryViewSchema = z
  .object({
    siteCode: z.string(),
    parentSiteCode: z.string().nullable(),
    status: SummaryStatusSchema,
    /** Worst status of the site and every site below it. */
    rolledUpStatus: SummaryStatusSchema,
    infos: count,
    warnings: count,
    errors: count,
    components: tally,
    storage: tally,
    unknownSince: IsoTime.nullable(),
  })
  .meta({ id: 'SiteSummary' })
/** One site of the roll-up. */
export type SiteSummaryView = z.output<typeof SiteSummaryViewSchema>

/** `GET /api/v1/summaries/sites` */
export const listSiteSummaries = defineRoute({
  method: 'GET',
  url: '/api/v1/summaries/sites',
  summary: 'Status per site, rolled up over the hierarchy',
  auth: { minRole: 'read-only-analyst' },
  replies: { 200: z.object({ sites: z.array(SiteSummaryViewSchema) }) },
  errors: [],
})

/** Messages of one hour by severity. */
export const HistogramBucketSchema = z
  .object({ hourStart: IsoTime, informational: count, warning: count, error: count })
  .meta({ id: 'HistogramBucket' })
/** Messages of one hour by severity. */
export type HistogramBucket = z.output<typeof HistogramBucketSchema>

/** `GET /api/v1/summaries/severity-histogram` */
export const getSeverityHistogram = defineRoute({
  method: 'GET',
  url: '/api/v1/summaries/severity-histogram',
  summary: 'Messages per hour by severity, from the component counters',
  auth: { minRole: 'read-only-analyst' },
  query: z.strictObject({
    hours: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 31)
      .default(24),
    siteCode: SiteCodeParam.optional(),
  }),
  replies: { 200: z.object({ buckets: z.array(HistogramBucketSchema) }) },
  errors: [],
})
