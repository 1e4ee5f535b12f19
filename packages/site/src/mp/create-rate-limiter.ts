/**
 * The shell around {@link takeToken}: one bucket per key (client ID or source address), in
 * memory, with a cap on how many keys it remembers so a flood of addresses cannot grow it
 * without bound.
 */
import { MpError } from './mp-error.ts'
import type { TokenBucketSettings, TokenBucketState } from './take-token.ts'
import { takeToken } from './take-token.ts'

/** Keys remembered at most; the least recently used bucket is forgotten first (as if full). */
export const RATE_LIMITER_MAX_KEYS = 100_000

/** A per-key rate limiter. */
export interface RateLimiter {
  /** Takes a token for `key`, or throws `rate_limited` with `Retry-After` in whole seconds. */
  check(key: string): void
}

/** Creates a rate limiter on an injected clock (epoch ms). */
export function createRateLimiter(
  settings: TokenBucketSettings & { readonly clock: () => number; readonly maxKeys?: number },
): RateLimiter {
  const buckets = new Map<string, TokenBucketState>()
  const maxKeys = settings.maxKeys ?? RATE_LIMITER_MAX_KEYS
  return {
    check(key) {
      const decision = takeToken(buckets.get(key), settings.clock(), settings)
      // Re-inserting moves the key to the end, so Map order is least recently used first.
      buckets.delete(key)
      buckets.set(key, decision.state)
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next()
        if (oldest.done !== true) buckets.delete(oldest.value)
      }
      if (!decision.allowed) {
        const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000))
        throw new MpError('rate_limited', `too many requests from ${key}; retry in ${seconds} s`, {
          retryAfterSeconds: seconds,
        })
      }
    },
  }
}
