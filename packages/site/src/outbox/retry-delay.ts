/** How long to wait between attempts: the first delay and the cap. */
export interface RetryBackoff {
  readonly initialDelayMs: number
  readonly maxDelayMs: number
}

/** 1 s, doubling up to 10 min: the outbox's backoff unless a target sets its own. */
export const DEFAULT_BACKOFF: RetryBackoff = { initialDelayMs: 1000, maxDelayMs: 10 * 60_000 }

/**
 * Delay before retry number `attempt` (1-based): exponential from `initialDelayMs`, capped at
 * `maxDelayMs`, with ±20 % jitter from `random` so many failing entries do not retry in lockstep.
 */
export function retryDelayMs(
  attempt: number,
  random: () => number = Math.random,
  backoff: RetryBackoff = DEFAULT_BACKOFF,
): number {
  const exponential = Math.min(
    backoff.maxDelayMs,
    backoff.initialDelayMs * 2 ** Math.min(52, Math.max(0, attempt - 1)),
  )
  return Math.round(exponential * (0.8 + 0.4 * random()))
}

/**
 * When to try again after a failed attempt that ended at `now`: the receiver's `Retry-After`
 * wins over the backoff (never beyond `maxDelayMs`, so a receiver cannot park an entry for days).
 */
export function nextAttemptAt(options: {
  readonly now: number
  readonly attempt: number
  readonly retryAfterMs?: number | undefined
  readonly backoff?: RetryBackoff | undefined
  readonly random?: () => number
}): number {
  const backoff = options.backoff ?? DEFAULT_BACKOFF
  const delay =
    options.retryAfterMs === undefined
      ? retryDelayMs(options.attempt, options.random, backoff)
      : Math.min(Math.max(0, options.retryAfterMs), backoff.maxDelayMs)
  return options.now + delay
}
