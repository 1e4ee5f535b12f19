/** Error codes of the site package; codes are API, see docs/errors.md. */
export const SITE_ERROR_CODES = [
  'config_invalid',
  'config_unreadable',
  'message_invalid',
  'site_stopped',
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
