/** Options of {@link retryDelayMs}. */
export interface RetryDelayOptions {
  /** How many attempts have failed in a row, from 1. */
  readonly attempt: number
  /** The server's `Retry-After` in ms, when it sent one; it wins. */
  readonly retryAfterMs?: number | undefined
  /** First ceiling; doubles per attempt. */
  readonly baseMs?: number
  /** Highest ceiling. */
  readonly maxMs?: number
  /** A number in [0, 1); inject a fixed one in tests. */
  readonly random: () => number
}

/** Default backoff bounds: 1 s doubling up to 5 min. */
export const RETRY_DEFAULTS = { baseMs: 1_000, maxMs: 300_000 } as const

/**
 * How long to wait before the next delivery attempt: exponential backoff with full jitter
 * (a uniform delay between 0 and min(max, base·2^(attempt-1))), unless the server said
 * `Retry-After`, which wins.
 *
 * @example
 * retryDelayMs({ attempt: 3, random: () => 0.5 }) // 2000: half of the 4 s ceiling
 * retryDelayMs({ attempt: 3, retryAfterMs: 30_000, random: Math.random }) // 30000
 */
export function retryDelayMs(options: RetryDelayOptions): number {
  if (options.retryAfterMs !== undefined) return Math.max(0, options.retryAfterMs)
  const base = options.baseMs ?? RETRY_DEFAULTS.baseMs
  const max = options.maxMs ?? RETRY_DEFAULTS.maxMs
  const exponent = Math.min(Math.max(options.attempt, 1) - 1, 30)
  const ceiling = Math.min(max, base * 2 ** exponent)
  return Math.floor(options.random() * ceiling)
}
