/**
 * What the parent asks the load process to do, and what it answers. Plans are plain data so
 * they cross the IPC channel; every plan is bounded by a request count AND a duration.
 */
import type { LatencySummary } from '../lib/percentiles.ts'

/** The bodies a plan sends: JSON batches of `batch` messages, or one XML `Status` per request. */
export type BodySpec = { readonly format: 'json'; readonly batch: number } | { readonly format: 'xml' }

/** How requests reach the MP: signed by registered clients, or to the unsigned fallback. */
export type AuthSpec =
  | { readonly kind: 'none' }
  | { readonly kind: 'signed'; readonly clients: number }
  | { readonly kind: 'unsigned' }

/** A closed loop: `connections` clients each send the next request as soon as the last is answered. */
export interface ClosedLoopPlan {
  readonly kind: 'closed-loop'
  readonly url: string
  readonly path: string
  readonly body: BodySpec
  readonly auth: AuthSpec
  readonly connections: number
  readonly maxRequests: number
  readonly maxDurationMs: number
  /** Requests answered in the first `warmupMs` are not counted. */
  readonly warmupMs: number
  /** `mp-results` counts `accepted`/`duplicate` results in a 202 reply; `batch-size` counts a 200 as the whole batch. */
  readonly acks: 'mp-results' | 'batch-size'
}

/** An open loop: one-message JSON requests at a fixed rate, each message's send and ack time recorded. */
export interface FixedRatePlan {
  readonly kind: 'fixed-rate'
  readonly url: string
  readonly path: string
  readonly auth: AuthSpec
  readonly ratePerSecond: number
  readonly count: number
  readonly maxDurationMs: number
  /** Component of the sent messages, so the observer can tell them from anything else. */
  readonly component: string
}

/** RFC 5424 lines over TCP (LF framing) to a syslog daemon, as fast as it takes them. */
export interface SyslogPlan {
  readonly kind: 'syslog-tcp'
  readonly port: number
  readonly connections: number
  readonly count: number
  readonly maxDurationMs: number
}

export type LoadPlan = ClosedLoopPlan | FixedRatePlan | SyslogPlan

/** Result of a closed loop. */
export interface ClosedLoopResult {
  readonly type: 'result'
  readonly kind: 'closed-loop'
  /** Requests answered within the measured window. */
  readonly requests: number
  /** Answered with the expected status (202 for the MP, 200 for baselines). */
  readonly okRequests: number
  readonly ackedMessages: number
  readonly windowMs: number
  readonly latency: LatencySummary
  readonly statuses: Readonly<Record<string, number>>
  readonly firstFailure: string | null
  readonly bodyBytes: number
}

/** One message of a fixed-rate run: when it was sent and acknowledged, epoch ms (fractional). */
export interface SentMessage {
  readonly id: string
  readonly sentAtMs: number
  readonly ackedAtMs: number | null
}

/** Result of a fixed-rate run. */
export interface FixedRateResult {
  readonly type: 'result'
  readonly kind: 'fixed-rate'
  readonly sent: readonly SentMessage[]
  readonly failures: number
  readonly firstFailure: string | null
}

/** Result of a syslog run: when the load process started and finished writing, epoch ms. */
export interface SyslogResult {
  readonly type: 'result'
  readonly kind: 'syslog-tcp'
  readonly startedAtMs: number
  readonly writtenAtMs: number
  readonly lines: number
  readonly bytes: number
}

/** What the load process sends: `measuring` when the measured window starts, then one result. */
export type LoadMessage =
  { readonly type: 'measuring'; readonly atMs: number } | ClosedLoopResult | FixedRateResult | SyslogResult
