/** Why an OS log write failed; the outbox retries `os_log_failed` and `os_log_unavailable`. */
export const OS_LOG_ERROR_CODES = ['os_log_unavailable', 'os_log_failed', 'os_log_closed'] as const
export type OsLogErrorCode = (typeof OS_LOG_ERROR_CODES)[number]

/**
 * An OS log write that did not happen: the platform tool is missing (`os_log_unavailable`), it
 * failed or hung (`os_log_failed`), or the writer was closed (`os_log_closed`).
 */
export class OsLogError extends Error {
  override name = 'OsLogError'
  readonly code: OsLogErrorCode
  constructor(code: OsLogErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
  }
}
