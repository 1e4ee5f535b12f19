/** `GET /api/v1/loss`: the loss ledger, messages that left the pipeline without being stored. */
import { z } from 'zod'
import { defineRoute } from '../define-route.ts'
import { IsoTime } from '../fields.ts'

/** Why a message was not stored (docs/operations.md). */
export const LOSS_REASONS = [
  'not_kept',
  'refused',
  'quarantined',
  'expired',
  'sink_unavailable',
  'sink_failed',
] as const

/** One row of the ledger: totals per site, origin and reason. */
export const LossRowSchema = z
  .object({
    siteCode: z.string(),
    origin: z.string(),
    reason: z.enum(LOSS_REASONS),
    count: z.number().int(),
    firstAt: IsoTime,
    lastAt: IsoTime,
  })
  .meta({ id: 'LossRow' })
/** One row of the ledger. */
export type LossRow = z.output<typeof LossRowSchema>

/** `GET /api/v1/loss` */
export const getLossLedger = defineRoute({
  method: 'GET',
  url: '/api/v1/loss',
  summary: 'The loss ledger: messages not stored, per site, origin and reason',
  auth: { minRole: 'read-only-analyst' },
  replies: { 200: z.object({ rows: z.array(LossRowSchema) }) },
  errors: [],
})
