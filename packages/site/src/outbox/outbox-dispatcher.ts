/**
 * Carries out the side effects that rules queued in the outbox (OS log, programs, exports)
 * after their batch committed. An entry leaves the outbox only once its handler has finished,
 * so a crash repeats an action rather than losing it (at least once). Failures are retried
 * with backoff; an entry that keeps failing is given up and counted in the loss ledger.
 *
 * Each sink (the OS log, one export target, one rule's program) has a health: the first
 * failure after success is announced once (a warning line and `onSinkChange`), and so is the
 * first success after failures; the failures in between are logged at debug level only, with
 * a reminder line at most once per `sinkReminderMs`.
 */
import type { DeadLetterReason, LossReason, OutboxEntry, OutboxKind, SiteStore } from '@sitrep/store'
import type { Severity } from '@sitrep/protocol'
import type { Logger } from 'pino'
import { nextAttemptAt } from './retry-delay.ts'
import type { RetryBackoff } from './retry-delay.ts'
import type { SinkHealth } from './sink-health.ts'
import { SINK_OK, nextSinkHealth } from './sink-health.ts'

/** A status message that describes a failure, raised when it makes a working sink fail. */
export interface SinkFailureReport {
  readonly messageId: number
  readonly severity: Severity
  readonly insertionStrings: readonly string[]
}

/**
 * What a handler says about one entry: finished (delivered), try again later (the sink
 * failed), not delivered and not worth retrying (the sink is missing or failed for good;
 * counted in the loss ledger under `loss`), or give up now (the entry itself can never
 * succeed; counted as `expired`, the sink is not blamed).
 */
export type HandlerOutcome =
  | { readonly kind: 'done' }
  | {
      readonly kind: 'retry'
      readonly reason: string
      readonly report?: SinkFailureReport
      /** The receiver asked to wait this long (`Retry-After`); it wins over the backoff. */
      readonly retryAfterMs?: number
    }
  | {
      readonly kind: 'undelivered'
      readonly reason: string
      readonly loss: Extract<LossReason, 'sink_unavailable' | 'sink_failed'>
      readonly report?: SinkFailureReport
    }
  | { readonly kind: 'give_up'; readonly reason: string }

/** A sink that started failing or works again, for the site to raise its own status message. */
export type SinkNotice =
  | {
      readonly kind: 'failing'
      /** `os-log`, `export:<target>` or `program:<program line>`. */
      readonly sink: string
      readonly outboxKind: OutboxKind
      readonly reason: string
      readonly report?: SinkFailureReport
    }
  | {
      readonly kind: 'recovered'
      readonly sink: string
      readonly outboxKind: OutboxKind
      /** When it started failing, epoch ms. */
      readonly since: number
      /** Deliveries that failed meanwhile (retried ones included). */
      readonly failures: number
    }

/** Carries out one outbox entry. */
export type OutboxHandler = (entry: OutboxEntry) => Promise<HandlerOutcome>

/** Settings and collaborators of a dispatcher. */
export interface OutboxDispatcherDeps {
  readonly store: SiteStore
  readonly handlers: Partial<Record<OutboxKind, OutboxHandler>>
  readonly siteCode: string
  readonly clock: () => number
  readonly logger: Logger
  readonly pollMs: number
  readonly maxAttempts: number
  readonly batchSize?: number
  /** Called once per sink state change (failing, recovered); a rejection is logged. */
  readonly onSinkChange?: (notice: SinkNotice) => Promise<void>
  /** While a sink keeps failing, a reminder line at most this often; default one hour. */
  readonly sinkReminderMs?: number
  /** An entry's own attempts and backoff (an export target's `retry`); default `maxAttempts`, 1 s … 10 min. */
  readonly retryPolicyOf?: (
    entry: OutboxEntry,
  ) => { readonly maxAttempts: number; readonly backoff: RetryBackoff } | undefined
  /** Jitter source of the backoff; default Math.random. */
  readonly random?: () => number
}

/** One hour: how often a sink that keeps failing is mentioned again in the site log. */
const DEFAULT_SINK_REMINDER_MS = 3_600_000

/** The sink an entry goes to: `os-log`, `export:<target>` or `program:<program line>`. */
export function sinkOf(entry: Pick<OutboxEntry, 'kind' | 'target'>): string {
  return entry.kind === 'os-log' ? 'os-log' : `${entry.kind}:${entry.target}`
}

/**
 * The loss-ledger origin of an entry that was not delivered: `outbox:os-log`,
 * `outbox:export:<target>` or `outbox:program` (a program line can be long, and the rules
 * name it already).
 */
export function lossOriginOf(entry: Pick<OutboxEntry, 'kind' | 'target'>): string {
  return entry.kind === 'export' ? `outbox:export:${entry.target}` : `outbox:${entry.kind}`
}

/** A running dispatcher. */
export interface OutboxDispatcher {
  start(): void
  /** Handles every due entry once; resolves with how many were finished. */
  runOnce(): Promise<number>
  notify(): void
  stop(): Promise<void>
}

/** Creates a dispatcher for the kinds it has handlers for. */
export function createOutboxDispatcher(deps: OutboxDispatcherDeps): OutboxDispatcher {
  const kinds = Object.keys(deps.handlers) as OutboxKind[] // keys of a Partial<Record<OutboxKind, …>>
  let running = false
  let loopDone: Promise<void> = Promise.resolve()
  let wake: (() => void) | undefined

  const health = new Map<string, SinkHealth>()
  const reminderMs = deps.sinkReminderMs ?? DEFAULT_SINK_REMINDER_MS

  const notify = async (notice: SinkNotice): Promise<void> => {
    try {
      await deps.onSinkChange?.(notice)
    } catch (error) {
      deps.logger.error(
        { err: error, sink: notice.sink },
        'could not raise the status message of a sink change',
      )
    }
  }

  /** Folds a delivery outcome into the sink's health; says whether the sink is failing now. */
  const track = async (entry: OutboxEntry, outcome: HandlerOutcome): Promise<boolean> => {
    if (outcome.kind === 'give_up') return false
    const sink = sinkOf(entry)
    const { health: next, change } = nextSinkHealth(
      health.get(sink) ?? SINK_OK,
      { kind: outcome.kind === 'done' ? 'delivered' : 'failed' },
      { now: deps.clock(), reminderMs },
    )
    health.set(sink, next)
    const fields = { sink, kind: entry.kind, target: entry.target }
    switch (change.kind) {
      case 'none':
        break
      case 'failing':
        if (outcome.kind === 'done') break
        deps.logger.warn(
          { ...fields, reason: outcome.reason },
          'sink is failing; further failures are counted, not logged, until it works again',
        )
        await notify({
          kind: 'failing',
          sink,
          outboxKind: entry.kind,
          reason: outcome.reason,
          ...(outcome.report === undefined ? {} : { report: outcome.report }),
        })
        break
      case 'still_failing':
        deps.logger.warn(
          { ...fields, since: new Date(change.since).toISOString(), failures: change.failures },
          'sink is still failing',
        )
        break
      case 'recovered':
        deps.logger.info(
          { ...fields, since: new Date(change.since).toISOString(), failures: change.failures },
          'sink works again',
        )
        await notify({
          kind: 'recovered',
          sink,
          outboxKind: entry.kind,
          since: change.since,
          failures: change.failures,
        })
        break
    }
    return next.state === 'failing'
  }

  const lossOf = <R extends DeadLetterReason>(entry: OutboxEntry, reason: R) => ({
    siteCode: deps.siteCode,
    origin: lossOriginOf(entry),
    reason,
    count: 1,
    at: deps.clock(),
  })

  const handle = async (entry: OutboxEntry): Promise<boolean> => {
    const handler = deps.handlers[entry.kind]
    if (handler === undefined) return false
    const startedAt = deps.clock()
    let outcome: HandlerOutcome
    try {
      outcome = await handler(entry)
    } catch (error) {
      outcome = { kind: 'retry', reason: error instanceof Error ? error.message : String(error) }
    }
    const at = deps.clock()
    const attempts = entry.attempts + 1
    const attempt = {
      seq: entry.seq,
      kind: entry.kind,
      attempt: attempts,
      at,
      durationMs: at - startedAt,
    }
    const failing = await track(entry, outcome)
    if (outcome.kind === 'done') {
      await deps.store.settleOutboxAttempt({
        ...attempt,
        outcome: 'delivered',
        error: null,
        next: { kind: 'complete' },
      })
      return true
    }
    const failed = { ...attempt, outcome: 'failed' as const, error: outcome.reason }
    const fields = {
      seq: entry.seq,
      kind: entry.kind,
      target: entry.target,
      attempts,
      reason: outcome.reason,
    }
    if (outcome.kind === 'undelivered') {
      deps.logger.debug(
        { ...fields, loss: outcome.loss },
        'outbox entry not delivered; counted in the loss ledger',
      )
      await deps.store.settleOutboxAttempt({
        ...failed,
        next: { kind: 'drop', loss: lossOf(entry, outcome.loss), reason: outcome.reason },
      })
      return true
    }
    const policy = deps.retryPolicyOf?.(entry)
    if (outcome.kind === 'give_up' || attempts >= (policy?.maxAttempts ?? deps.maxAttempts)) {
      // A sink that is failing has been announced already; one line per entry would be a flood.
      const level = failing ? 'debug' : 'error'
      deps.logger[level](fields, 'outbox entry given up; counted as expired in the loss ledger')
      const reason =
        outcome.kind === 'give_up'
          ? outcome.reason
          : `given up after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}: ${outcome.reason}`
      await deps.store.settleOutboxAttempt({
        ...failed,
        next: { kind: 'drop', loss: lossOf(entry, 'expired'), reason },
      })
      return true
    }
    deps.logger[failing ? 'debug' : 'warn'](fields, 'outbox entry failed; will retry')
    await deps.store.settleOutboxAttempt({
      ...failed,
      next: {
        kind: 'retry',
        notBefore: nextAttemptAt({
          now: at,
          attempt: attempts,
          retryAfterMs: outcome.retryAfterMs,
          backoff: policy?.backoff,
          ...(deps.random === undefined ? {} : { random: deps.random }),
        }),
      },
    })
    return false
  }

  const runOnce = async (): Promise<number> => {
    let finished = 0
    for (;;) {
      const due = await deps.store.listDueOutbox({ kinds, now: deps.clock(), limit: deps.batchSize ?? 100 })
      if (due.length === 0) return finished
      const results = await Promise.all(due.map(handle))
      const done = results.filter(Boolean).length
      finished += done
      // Everything due failed and was rescheduled: stop here instead of spinning.
      if (done === 0) return finished
    }
  }

  const loop = async (): Promise<void> => {
    while (running) {
      try {
        await runOnce()
      } catch (error) {
        deps.logger.error({ err: error }, 'outbox dispatch failed; retrying on the next poll')
      }
      if (!running) break
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          wake = undefined
          resolve()
        }, deps.pollMs)
        wake = () => {
          clearTimeout(timer)
          wake = undefined
          resolve()
        }
      })
    }
  }

  return {
    start() {
      if (running || kinds.length === 0) return
      running = true
      loopDone = loop()
    },
    runOnce,
    notify: () => wake?.(),
    async stop() {
      running = false
      wake?.()
      await loopDone
    },
  }
}
