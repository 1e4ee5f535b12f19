/** Error codes of the site package; codes are API, see docs/errors.md. */
export const SITE_ERROR_CODES = [
  'config_invalid',
  'config_unreadable',
  'message_invalid',
  'site_stopped',
  'port_unavailable',
  'data_dir_unusable',
  'database_unreachable',
] as const
export type SiteErrorCode = (typeof SITE_ERROR_CODES)[number]

/** Base error of the site package, carrying a stable code. */
export class SiteError extends Error {
  override name = 'SiteError'
  readonly code: SiteErrorCode
  constructor(code: SiteErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
  }
}

/** The site configuration could not be read or does not validate; the message says how to fix it. */
export class ConfigError extends SiteError {
  override name = 'ConfigError'
}

/** What in the environment stopped a site from starting; each has its own `sitrep up` exit code. */
export const STARTUP_ERROR_CODES = ['port_unavailable', 'data_dir_unusable', 'database_unreachable'] as const
export type StartupErrorCode = (typeof STARTUP_ERROR_CODES)[number]

/**
 * The site could not start because of its environment (port taken, data directory unusable,
 * database unreachable). The message is one line saying what, where and what to do; the OS or
 * driver error is the `cause`. Nothing was left half-created on disk.
 */
export class StartupError extends SiteError {
  override name = 'StartupError'
  declare readonly code: StartupErrorCode
  constructor(code: StartupErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options)
  }
}

/** True when `error` is a {@link StartupError}. */
export function isStartupError(error: unknown): error is StartupError {
  return error instanceof StartupError
}
