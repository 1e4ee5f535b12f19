/**
 * Login rate limiting: after `maxFailures` failed logins for one user name from one address
 * within `windowMs`, further attempts are refused (429) until the oldest failure leaves the
 * window, without checking the password. A success clears the count. Memory is bounded.
 */

/** Defaults: 10 failures per 15 minutes. */
export const LOGIN_LIMITS = { maxFailures: 10, windowMs: 15 * 60_000, maxKeys: 10_000 } as const

/** Tracks failed logins. */
export interface LoginLimiter {
  /** Seconds to wait before `key` may try again, or 0 when it may try now. */
  retryAfterSeconds(key: string): number
  recordFailure(key: string): void
  recordSuccess(key: string): void
}

/** Creates a limiter on `clock`. */
export function createLoginLimiter(
  clock: () => number,
  limits: {
    readonly maxFailures: number
    readonly windowMs: number
    readonly maxKeys: number
  } = LOGIN_LIMITS,
): LoginLimiter {
  const failures = new Map<string, number[]>()
  const recent = (key: string): number[] => {
    const now = clock()
    const times = (failures.get(key) ?? []).filter((t) => now - t < limits.windowMs)
    if (times.length === 0) failures.delete(key)
    else failures.set(key, times)
    return times
  }
  return {
    retryAfterSeconds(key) {
      const times = recent(key)
      const oldest = times[times.length - limits.maxFailures]
      if (times.length < limits.maxFailures || oldest === undefined) return 0
      return Math.max(1, Math.ceil((oldest + limits.windowMs - clock()) / 1000))
    },
    recordFailure(key) {
      const times = recent(key)
      if (!failures.has(key) && failures.size >= limits.maxKeys) {
        // Forget the key that was inserted first; Map keeps insertion order.
        const first = failures.keys().next()
        if (first.done !== true) failures.delete(first.value)
      }
      failures.set(key, [...times, clock()].slice(-limits.maxFailures))
    },
    recordSuccess(key) {
      failures.delete(key)
    },
  }
}
