/**
 * What the status pipeline queues and counts in the batch transaction: outbox entries (side
 * effects carried out after the commit) and the component counters the summaries read.
 */
import type { ReplicationPriority } from '@sitrep/core'
import type { Severity } from '@sitrep/protocol'

/** Kinds of work the outbox carries out after the batch commits. */
export const OUTBOX_KINDS = ['replicate', 'export', 'os-log', 'program'] as const
export type OutboxKind = (typeof OUTBOX_KINDS)[number]

/** Side effect chosen by a rule, queued in the same transaction as the decision. */
export interface OutboxEntryInput {
  readonly kind: OutboxKind
  /** Replication: parent site code; export: target name; program: command line; os-log: `local`. */
  readonly target: string
  /** Replication lane; other kinds use `medium`. */
  readonly priority: ReplicationPriority
  readonly messageId: string
  /** What the action needs, as JSON text (the message, the rendered text, …). */
  readonly payload: string
  readonly createdAt: number
}

/** An outbox entry as stored. */
export interface OutboxEntry extends OutboxEntryInput {
  /** Outbox order within the whole site. */
  readonly seq: number
  readonly attempts: number
  /** Not to be retried before this time, epoch ms. */
  readonly notBefore: number
}

/** One increment of the component counters that summaries read (never a scan of messages). */
export interface ComponentCountDelta {
  readonly siteCode: string
  readonly machine: string
  readonly component: string
  /** Start of the hour the messages fall in, epoch ms UTC; summaries fold hours into intervals. */
  readonly hourStart: number
  readonly severity: Severity
  readonly count: number
}

/** A stored component counter row. */
export type ComponentCountRow = ComponentCountDelta
