/**
 * A PostgreSQL server that went away (stopped, restarted, cut off by the network) surfaces as
 * driver errors without a common code: socket errors, "Connection terminated", pool timeouts,
 * SQLSTATE class 08 or a server shutting down. The store turns each into one `store_unavailable`,
 * which the site answers with 503 and `Retry-After`, so no caller has to know the driver's words.
 */
import { StoreError } from './errors.ts'
import { sqlStateOf } from './postgres-sql-state.ts'

const SOCKET_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])

const UNAVAILABLE_SQL_STATES: ReadonlySet<string> = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, in recovery)
  '53300', // too_many_connections
  '57014', // query_canceled: the statement timeout fired; the transaction rolled back
])

// pg and pg-pool give these without a code; matching their words is the only way to tell.
const LOST_CONNECTION_TEXT =
  /Connection terminated|timeout exceeded when trying to connect|timeout expired|not queryable|Client was closed/i

/** True when `error` says the server cannot be reached now, rather than that a statement is wrong. */
export function isConnectionLost(error: unknown): boolean {
  if (error instanceof StoreError) return false
  const state = sqlStateOf(error)
  if (SOCKET_CODES.has(state) || UNAVAILABLE_SQL_STATES.has(state) || state.startsWith('08')) return true
  return error instanceof Error && LOST_CONNECTION_TEXT.test(error.message)
}

/**
 * Returns `store` with every method's lost-connection errors turned into `store_unavailable`
 * (the driver error is the `cause`); other errors, and values, pass unchanged.
 */
export function withOutageErrors<T extends object>(store: T): T {
  const wrapped: Record<string, unknown> = {}
  const members: [string, unknown][] = Object.entries(store)
  for (const [key, value] of members) {
    wrapped[key] =
      typeof value === 'function'
        ? (...args: unknown[]): unknown => {
            try {
              const result: unknown = Reflect.apply(value, store, args)
              return result instanceof Promise ? result.catch(rethrowOutage) : result
            } catch (error) {
              return rethrowOutage(error)
            }
          }
        : value
  }
  // Same keys as `store`, each method with the same signature (only its errors differ).
  return wrapped as T
}

function rethrowOutage(error: unknown): never {
  if (!isConnectionLost(error)) throw error
  const reason = error instanceof Error ? error.message : String(error)
  throw new StoreError('store_unavailable', `PostgreSQL cannot be reached now (${reason}); retry shortly`, {
    cause: error,
  })
}
