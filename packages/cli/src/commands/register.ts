import { register, siteStateDir, SitrepError } from '@sitrep/sdk'
import { resolveClientDir, resolveMpUrl } from '../client-settings.ts'
import type { CliIo } from '../cli-io.ts'
import { EXIT } from '../cli-io.ts'
import { UsageError } from '../usage-error.ts'

/** Options of `sitrep register`. */
export interface RegisterCommandOptions {
  readonly mp?: string
  readonly token?: string
  readonly machine?: string
  readonly json?: boolean
}

/**
 * `sitrep register`: registers this machine's client key with the MP and prints the client ID
 * and status. Exit 0 for accepted or pending approval, 2 for rejected, 3 when the MP could not
 * process it or could not be reached.
 *
 * @example
 * // sitrep register --mp http://127.0.0.1:8080
 * // registered GUID:7c9e6679-… with http://127.0.0.1:8080: status 0 (accepted)
 */
export async function registerCommand(options: RegisterCommandOptions, io: CliIo): Promise<number> {
  const mpUrl = resolveMpUrl(options.mp, io)
  let result
  try {
    result = await register({
      mpUrl,
      // The identity is per site, as `sitrep report` keeps it.
      stateDir: siteStateDir(resolveClientDir(io), mpUrl),
      ...(options.token === undefined ? {} : { enrolmentToken: options.token }),
      ...(options.machine === undefined ? {} : { machine: options.machine }),
    })
  } catch (error) {
    if (!(error instanceof SitrepError)) throw error
    if (error.code === 'invalid_argument') throw new UsageError(error.message, { cause: error })
    io.stderr(`sitrep register: ${error.message}\n`)
    return error.code === 'network_error' || error.code === 'unavailable' || error.code === 'rate_limited'
      ? EXIT.notDelivered
      : EXIT.failure
  }
  if (options.json === true) io.stdout(`${JSON.stringify({ ...result, mp: mpUrl })}\n`)
  else if (result.clientId !== undefined) {
    io.stdout(`registered ${result.clientId} with ${mpUrl}: status ${result.status} (${result.statusName})\n`)
  } else io.stdout(`registration with ${mpUrl}: status ${result.status} (${result.statusName})\n`)
  switch (result.status) {
    case 0:
    case 1:
      return EXIT.ok
    case 2:
      return EXIT.notDelivered
    case 3:
      return EXIT.failure
  }
}
