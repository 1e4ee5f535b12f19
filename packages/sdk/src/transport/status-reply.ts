/** The reply of `POST /mp/v1/status` and `/mp/v1/relay` (docs/protocol.md), parsed once. */
import type { FieldIssue } from '@sitrep/protocol'
import { SitrepError } from '../errors.ts'

export const STATUS_RESULTS = ['accepted', 'duplicate', 'rejected'] as const
export type StatusResultName = (typeof STATUS_RESULTS)[number]

/** The MP's verdict on one message of a batch. */
export interface StatusResult {
  readonly index: number
  readonly id?: string
  readonly status: StatusResultName
  readonly issues: readonly FieldIssue[]
}

/** A parsed status reply. `accepted` and `duplicate` both acknowledge the message. */
export interface StatusReply {
  readonly trackingId: string
  readonly results: readonly StatusResult[]
}

/** Parses a status reply body; throws `invalid_reply` when it is not the documented shape. */
export function parseStatusReply(body: unknown): StatusReply {
  const fail = (why: string): never => {
    throw new SitrepError('invalid_reply', `the status reply is not the documented shape: ${why}`)
  }
  if (typeof body !== 'object' || body === null) return fail('not an object')
  const trackingId = 'trackingId' in body ? body.trackingId : undefined
  const results = 'results' in body ? body.results : undefined
  if (typeof trackingId !== 'string') return fail('trackingId is missing')
  if (!Array.isArray(results)) return fail('results is not an array')
  return {
    trackingId,
    results: results.map((item: unknown, i): StatusResult => {
      if (typeof item !== 'object' || item === null) return fail(`results[${i}] is not an object`)
      const index = 'index' in item ? item.index : undefined
      const status = 'status' in item ? item.status : undefined
      const id = 'id' in item ? item.id : undefined
      const issues = 'issues' in item && Array.isArray(item.issues) ? item.issues : []
      if (typeof index !== 'number') return fail(`results[${i}].index is not a number`)
      if (typeof status !== 'string' || !(STATUS_RESULTS as readonly string[]).includes(status)) {
        return fail(`results[${i}].status is ${JSON.stringify(status)}`)
      }
      return {
        index,
        // Checked against STATUS_RESULTS just above.
        status: status as StatusResultName,
        ...(typeof id === 'string' ? { id } : {}),
        // The MP's issues have the FieldIssue shape; they are shown and stored, never trusted.
        issues: issues as FieldIssue[],
      }
    }),
  }
}
