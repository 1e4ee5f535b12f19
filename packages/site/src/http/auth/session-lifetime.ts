/**
 * How long a console session lives: it ends after 8 hours without use (sliding), and 7 days
 * after login whatever happens (absolute). Use is recorded at most once a minute, so reading
 * pages does not write the database on every request.
 */

/** Session limits in ms. */
export const SESSION_LIMITS = {
  idleMs: 8 * 3_600_000,
  absoluteMs: 7 * 86_400_000,
  touchEveryMs: 60_000,
} as const

/** When a session created at `createdAt` and used at `now` ends. */
export function sessionExpiresAt(createdAt: number, now: number): number {
  return Math.min(now + SESSION_LIMITS.idleMs, createdAt + SESSION_LIMITS.absoluteMs)
}
