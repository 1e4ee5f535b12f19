/** Returns the SQLSTATE of a `pg` error (e.g. `40P01` deadlock), or `''` for anything else. */
export function sqlStateOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : ''
}

/** SQLSTATEs after which the whole transaction can simply be run again. */
export const RETRYABLE_SQL_STATES: ReadonlySet<string> = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
])
