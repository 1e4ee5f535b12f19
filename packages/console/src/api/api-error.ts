/**
 * An API failure as the console sees it: the contract's {@link ApiError} (the
 * `{ error: { code, message, issues? } }` body, or `network_error` with status 0).
 * Components branch on `code`, never on `message`.
 */
import { isApiError } from '@sitrep/api'

export { isApiError } from '@sitrep/api'

/** True when the route is not on this site (404 `unknown_route`), apart from a missing item. */
export function isNotAvailable(error: unknown): boolean {
  return isApiError(error) && error.status === 404 && error.code === 'unknown_route'
}
