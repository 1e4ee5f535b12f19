import { inspect } from 'node:util'
import { ConfigError, isStartupError, loadSiteConfig, splitRoles, startSite } from '@sitrep/site'
import type { RunningSite } from '@sitrep/site'
import { UsageError } from '../usage-error.ts'
import type { CliIo } from '../cli-io.ts'
import { countOf } from '../plural.ts'
import { UP_EXIT_CODES } from './up-exit-codes.ts'

/** Options of `sitrep up`. */
export interface UpOptions {
  readonly config?: string
  readonly dataDir?: string
  readonly port?: number
  /** Comma-separated roles, e.g. `management-point`. */
  readonly roles?: string
  /** Print the stack trace and causes of a start-up failure under its one line. */
  readonly debug?: boolean
}

/**
 * `sitrep up`: starts a site with every role in this process and runs until shutdown.
 * Prints where the site listens and which database it uses.
 */
export async function upCommand(options: UpOptions, io: CliIo): Promise<number> {
  let config
  try {
    config = loadSiteConfig({
      ...(options.config === undefined ? {} : { file: options.config }),
      env: io.env,
      overrides: {
        ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
        ...(options.port === undefined ? {} : { port: options.port }),
        ...(options.roles === undefined ? {} : { roles: splitRoles(options.roles) }),
      },
    })
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message, { cause: error })
    throw error
  }
  let site: RunningSite
  try {
    site = await startSite(config)
  } catch (error) {
    if (!isStartupError(error)) throw error
    // One line (what, where, what to do); the stack only when asked for.
    io.stderr(`sitrep: ${error.message}\n`)
    if (options.debug === true) io.stderr(`${describeChain(error)}\n`)
    return UP_EXIT_CODES[error.code]
  }
  io.stdout(
    [
      `Sitrep site ${config.siteCode} is up at ${site.url}`,
      `  roles:     ${config.roles.join(', ')}`,
      `  database:  ${site.databaseDescription}`,
      `  health:    ${site.url}/api/v1/health`,
      `  rules:     ${countOf(site.ruleCount, 'status filter rule')}`,
      // The console's address is said once; on the first start, with how to log in.
      site.firstStartPassword === null
        ? `  console:   ${site.url}/`
        : `  console:   ${site.url}/ — log in as admin with the password in ${site.adminPasswordFile}`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  )
  await io.untilShutdown()
  io.stdout('Stopping: finishing the batch in progress...\n')
  await site.stop()
  io.stdout('Stopped.\n')
  return 0
}

/** The stack of `error` and of each of its causes, for `--debug`. */
function describeChain(error: unknown): string {
  const parts: string[] = []
  for (let current: unknown = error; current !== undefined;) {
    parts.push(current instanceof Error ? (current.stack ?? current.message) : inspect(current))
    current = current instanceof Error ? current.cause : undefined
    if (current !== undefined) parts.push('caused by:')
  }
  return parts.join('\n')
}
