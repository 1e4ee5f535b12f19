import { SitrepError, SitrepHttpError } from '../errors.ts'
import { retryDelayMs } from './retry-delay.ts'
import type { Spool, SpooledMessage } from './spool.ts'

/** Options of {@link deliverSpool}. */
export interface DeliverSpoolOptions {
  /** Any spool: of status messages, or of state messages for the relay. */
  readonly spool: Pick<Spool<SpooledMessage>, 'isEmpty' | 'sendBatch'>
  /** Epoch ms. */
  readonly clock: () => number
  /** Waits between attempts; inject a fake in tests. */
  readonly sleep: (ms: number) => Promise<void>
  /** A number in [0, 1) for the backoff's jitter. */
  readonly random?: () => number
  /** Give up (without throwing) when the next attempt would start after this epoch ms. */
  readonly deadline?: number
  /** Told before each wait, for logs and tests. */
  readonly onRetry?: (info: {
    readonly attempt: number
    readonly delayMs: number
    readonly error: SitrepError
  }) => void
  readonly backoff?: { readonly baseMs?: number; readonly maxMs?: number }
}

/** What {@link deliverSpool} achieved. */
export interface DeliveryResult {
  /** True when the spool is empty. */
  readonly delivered: boolean
  readonly acknowledged: number
  readonly deadLettered: number
  /** Why it stopped early, when it did. */
  readonly lastError?: SitrepError
}

/**
 * Sends the spool until it is empty, waiting between failed attempts with exponential backoff
 * and full jitter, or the server's `Retry-After` when it gave one. Stops, returning
 * `delivered: false`, when the next attempt would pass `deadline`; pass `deadline: clock()` to
 * try once without waiting. Errors that are not delivery errors (disk, bugs) are thrown.
 *
 * @example
 * const result = await deliverSpool({ spool, clock: Date.now, sleep: (ms) => setTimeout(ms) })
 */
export async function deliverSpool(options: DeliverSpoolOptions): Promise<DeliveryResult> {
  const { spool, clock, sleep } = options
  const random = options.random ?? Math.random
  let acknowledged = 0
  let deadLettered = 0
  let attempt = 0
  while (!spool.isEmpty()) {
    try {
      const outcome = await spool.sendBatch()
      acknowledged += outcome.acknowledged
      deadLettered += outcome.deadLettered
      attempt = 0
    } catch (error) {
      if (!(error instanceof SitrepError)) throw error
      attempt += 1
      const delayMs = retryDelayMs({
        attempt,
        retryAfterMs: error instanceof SitrepHttpError ? error.retryAfterMs : undefined,
        random,
        ...options.backoff,
      })
      if (options.deadline !== undefined && clock() + delayMs > options.deadline) {
        return { delivered: false, acknowledged, deadLettered, lastError: error }
      }
      options.onRetry?.({ attempt, delayMs, error })
      await sleep(delayMs)
    }
  }
  return { delivered: true, acknowledged, deadLettered }
}
