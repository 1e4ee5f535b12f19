/**
 * Carries out the side effects that rules queued in the outbox (OS log, programs, exports)
 * after their batch committed. An entry leaves the outbox only once its handler has finished,
 * so a crash repeats an action rather than losing it (at least once). Failures are retried
 * with backoff; an entry that keeps failing is given up and counted in the loss ledger.
 */
import type { OutboxEntry, OutboxKind, SiteStore } from '@sitrep/store'
import type { Logger } from 'pino'
import { retryDelayMs } from './retry-delay.ts'

/**
 * What a handler says about one entry: finished (whatever the action's own outcome), try again
 * later, or give up now (the entry can never succeed; it is counted in the loss ledger).
 */
export type HandlerOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'retry'; readonly reason: string }
  | { readonly kind: 'give_up'; readonly reason: string }

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

  const handle = async (entry: OutboxEntry): Promise<boolean> => {
    const handler = deps.handlers[entry.kind]
    if (handler === undefined) return false
    let outcome: HandlerOutcome
    try {
      outcome = await handler(entry)
    } catch (error) {
      outcome = { kind: 'retry', reason: error instanceof Error ? error.message : String(error) }
    }
    if (outcome.kind === 'done') {
      await deps.store.completeOutbox([entry.seq])
      return true
    }
    const attempts = entry.attempts + 1
    if (outcome.kind === 'give_up' || attempts >= deps.maxAttempts) {
      deps.logger.error(
        { seq: entry.seq, kind: entry.kind, target: entry.target, attempts, reason: outcome.reason },
        'outbox entry given up; counted as expired in the loss ledger',
      )
      await deps.store.transaction(async (tx) => {
        await tx.addLoss([
          {
            siteCode: deps.siteCode,
            origin: `outbox:${entry.kind}`,
            reason: 'expired',
            count: 1,
            at: deps.clock(),
          },
        ])
      })
      await deps.store.completeOutbox([entry.seq])
      return true
    }
    deps.logger.warn(
      { seq: entry.seq, kind: entry.kind, target: entry.target, attempts, reason: outcome.reason },
      'outbox entry failed; will retry',
    )
    await deps.store.retryOutbox(entry.seq, deps.clock() + retryDelayMs(attempts))
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
