/**
 * The notification record (migration 0019): every message queued for an export target is a
 * notification, recorded in the same transaction that queued it, with one row per delivery
 * attempt. Settling an attempt (delivered, retry later, given up) records it and moves the
 * outbox entry in one transaction, so a crash can neither lose an attempt's record nor record
 * one twice. A notification that is given up is a dead letter: it keeps the payload that was
 * not delivered, and the loss ledger counts it.
 */
import type { OutboxKind } from './pipeline-records.ts'

/** Outbox kinds whose entries are recorded as notifications. */
export const NOTIFIED_KINDS: readonly OutboxKind[] = ['export']

/** Whether entries of `kind` are recorded as notifications. */
export function isNotifiedKind(kind: OutboxKind): boolean {
  return NOTIFIED_KINDS.includes(kind)
}

/**
 * Where a notification stands: waiting for its first attempt, failed and waiting for the next,
 * delivered, or given up (a dead letter).
 */
export const NOTIFICATION_STATES = ['queued', 'retrying', 'delivered', 'dead_letter'] as const
export type NotificationState = (typeof NOTIFICATION_STATES)[number]

/**
 * The loss-ledger reasons a dead letter is counted under (a subset of the ledger's reasons; the
 * store's `addLoss` takes them, which the compiler checks).
 */
export const DEAD_LETTER_REASONS = ['expired', 'sink_unavailable', 'sink_failed'] as const
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number]

/** How one delivery attempt went. */
export const ATTEMPT_OUTCOMES = ['delivered', 'failed'] as const
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number]

/** One delivery attempt of a notification. */
export interface NotificationAttempt {
  /** 1 for the first attempt. */
  readonly attempt: number
  /** When the attempt ended, epoch ms. */
  readonly at: number
  readonly outcome: AttemptOutcome
  /** What went wrong (`export target "hooks" answered HTTP 503`); null when delivered. */
  readonly error: string | null
  readonly durationMs: number
}

/** A notification: one message queued for one export target, and what became of it. */
export interface NotificationRecord {
  /** The notification's number (the outbox sequence number it was queued under). */
  readonly id: number
  readonly kind: OutboxKind
  /** The export target's name. */
  readonly target: string
  /** The status message's `id` (UUIDv7). */
  readonly messageId: string
  /** When it was queued, epoch ms. */
  readonly createdAt: number
  readonly state: NotificationState
  readonly attempts: number
  readonly lastAttemptAt: number | null
  /** The last attempt's error, or why it became a dead letter. */
  readonly lastError: string | null
  /** When it was delivered or given up, epoch ms. */
  readonly finishedAt: number | null
  /** The loss-ledger reason of a dead letter. */
  readonly lossReason: DeadLetterReason | null
}

/** A notification with its attempts, oldest first, and a dead letter's undelivered payload. */
export interface NotificationDetail extends NotificationRecord {
  readonly attemptLog: readonly NotificationAttempt[]
  /** What was to be delivered (JSON text); kept for dead letters only, else null. */
  readonly payload: string | null
}

/** Filter for {@link NotificationStore.listNotifications}; every field narrows. */
export interface NotificationQuery {
  readonly target?: string | undefined
  readonly state?: NotificationState | undefined
  readonly messageId?: string | undefined
  /** Only notifications numbered below this (the next page, newest first). */
  readonly beforeId?: number | undefined
  readonly limit?: number | undefined
}

/** The loss-ledger increment of an entry given up. */
export interface DeadLetterLoss {
  readonly siteCode: string
  /** `outbox:export:<target>`, `outbox:os-log`, `outbox:program`. */
  readonly origin: string
  readonly reason: DeadLetterReason
  readonly count: number
  readonly at: number
}

/** How an outbox entry is settled after a delivery attempt. */
export type OutboxNext =
  | { readonly kind: 'complete' }
  | { readonly kind: 'retry'; readonly notBefore: number }
  /** Given up: removed from the outbox and counted in the loss ledger. */
  | {
      readonly kind: 'drop'
      readonly loss: DeadLetterLoss
      readonly reason: string
    }

/** One attempt at an outbox entry and what follows from it. */
export interface OutboxSettlement {
  readonly seq: number
  readonly kind: OutboxKind
  /** The attempt's number, 1-based (the entry's attempts so far plus one). */
  readonly attempt: number
  readonly at: number
  readonly outcome: AttemptOutcome
  readonly error: string | null
  readonly durationMs: number
  readonly next: OutboxNext
}

/** The notification record and the outbox moves that go with it. */
export interface NotificationStore {
  /**
   * Records an attempt at an outbox entry (for a notified kind) and completes, reschedules or
   * drops the entry, in one transaction. A drop adds its loss to the ledger in the same one.
   */
  settleOutboxAttempt(settlement: OutboxSettlement): Promise<void>
  /** Notifications matching `query`, newest first. */
  listNotifications(query?: NotificationQuery): Promise<readonly NotificationRecord[]>
  /** One notification with its attempts, or undefined. */
  getNotification(id: number): Promise<NotificationDetail | undefined>
}
