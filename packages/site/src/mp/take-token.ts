/**
 * The token bucket, as a pure function of (state, now): a bucket holds up to `burst` tokens and
 * refills at `ratePerSecond`; each request takes one. The rate limiter's shell keeps one state
 * per client or source address.
 */

/** Bucket size and refill rate. */
export interface TokenBucketSettings {
  readonly ratePerSecond: number
  readonly burst: number
}

/** One bucket: tokens left at `updatedAt` (epoch ms). */
export interface TokenBucketState {
  readonly tokens: number
  readonly updatedAt: number
}

/** Outcome of {@link takeToken}. */
export type TokenDecision =
  | { readonly allowed: true; readonly state: TokenBucketState }
  | { readonly allowed: false; readonly state: TokenBucketState; readonly retryAfterMs: number }

/**
 * Takes one token from `state` (a full bucket when `undefined`) at `now`. Refused requests take
 * nothing, and `retryAfterMs` says when the next token is there. A clock that steps backwards
 * refills nothing rather than going negative.
 */
export function takeToken(
  state: TokenBucketState | undefined,
  now: number,
  settings: TokenBucketSettings,
): TokenDecision {
  const elapsedMs = state === undefined ? 0 : Math.max(0, now - state.updatedAt)
  const available = Math.min(
    settings.burst,
    (state?.tokens ?? settings.burst) + (elapsedMs * settings.ratePerSecond) / 1000,
  )
  if (available >= 1) return { allowed: true, state: { tokens: available - 1, updatedAt: now } }
  const retryAfterMs = Math.ceil(((1 - available) * 1000) / settings.ratePerSecond)
  return { allowed: false, state: { tokens: available, updatedAt: now }, retryAfterMs }
}
