const BASE_MS = 1000
const MAX_MS = 10 * 60_000

/**
 * Delay before retry number `attempt` (1-based): exponential from 1 s, capped at 10 min, with
 * ±20 % jitter from `random` so many failing entries do not retry in lockstep.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attempt - 1))
  return Math.round(exponential * (0.8 + 0.4 * random()))
}
