/** Every error code the store raises; codes are API, messages are not. */
export const STORE_ERROR_CODES = [
  /** The database cannot be opened or reached (bad path, server down, wrong credentials). */
  'store_unavailable',
  /** A schema migration failed; the database is left at the last migration that succeeded. */
  'migration_failed',
  /** A row read back does not have the shape the schema promises (edited by hand, or a bug). */
  'corrupt_row',
  /** A write conflicted with another worker (deadlock, serialization); retrying the batch is safe. */
  'store_conflict',
  /** A caller passed a value the store cannot keep (an argument out of range). */
  'invalid_argument',
] as const
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number]

/**
 * Base class of every error the store throws on purpose. Callers branch on `code`, never on the
 * message; the original driver error, when there is one, is the `cause`.
 */
export class StoreError extends Error {
  override name = 'StoreError'
  readonly code: StoreErrorCode
  constructor(code: StoreErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
  }
}

/** True when `error` is a {@link StoreError}, optionally with the given code. */
export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return error instanceof StoreError && (code === undefined || error.code === code)
}
