/**
 * The per-link byte budget as a pure function (docs/hierarchy.md "Budget"): a bucket of
 * `bytesPerSecond` tokens (one second's worth) refilled at `bytesPerSecond`. High and medium
 * batches always go and may drive the bucket into debt; a low batch goes only when the bucket
 * holds its size (or is full, for a batch larger than the bucket).
 */

/** Tokens left at `updatedAt` (epoch ms); negative is debt from batches that had to go. */
export interface ByteBudgetState {
  readonly tokens: number
  readonly updatedAt: number
}

/** Outcome of {@link takeBytes}. */
export interface ByteBudgetDecision {
  readonly allowed: boolean
  readonly state: ByteBudgetState
  /** When refused: ms until the bucket holds enough. */
  readonly retryAfterMs: number
}

/**
 * Takes `bytes` from the bucket at `now`. `mustGo` (high and medium lanes) always succeeds; a
 * `bytesPerSecond` of 0 means no budget.
 */
export function takeBytes(
  state: ByteBudgetState | undefined,
  now: number,
  bytes: number,
  settings: { readonly bytesPerSecond: number; readonly mustGo: boolean },
): ByteBudgetDecision {
  const rate = settings.bytesPerSecond
  if (rate <= 0) return { allowed: true, state: { tokens: 0, updatedAt: now }, retryAfterMs: 0 }
  const elapsed = state === undefined ? 0 : Math.max(0, now - state.updatedAt)
  const available = Math.min(rate, (state?.tokens ?? rate) + (elapsed * rate) / 1000)
  const needed = Math.min(bytes, rate)
  if (settings.mustGo || available >= needed) {
    return { allowed: true, state: { tokens: available - bytes, updatedAt: now }, retryAfterMs: 0 }
  }
  return {
    allowed: false,
    state: { tokens: available, updatedAt: now },
    retryAfterMs: Math.ceil(((needed - available) * 1000) / rate),
  }
}
