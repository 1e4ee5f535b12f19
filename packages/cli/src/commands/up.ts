import { ConfigError, loadSiteConfig, splitRoles, startSite } from '@sitrep/site'
import { UsageError } from '../usage-error.ts'
import type { CliIo } from '../run-cli.ts'

/** Options of `sitrep up`. */
export interface UpOptions {
  readonly config?: string
  readonly dataDir?: string
  readonly port?: number
  /** Comma-separated roles, e.g. `management-point`. */
  readonly roles?: string
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
  const site = await startSite(config)
  io.stdout(
    [
      `Sitrep site ${config.siteCode} is up at ${site.url}`,
      `  roles:     ${config.roles.join(', ')}`,
      `  database:  ${site.databaseDescription}`,
      `  health:    ${site.url}/api/v1/health`,
      `  rules:     ${site.ruleCount} status filter rules`,
      `  console:   ${site.url}/`,
      ...(site.firstStartPassword === null
        ? []
        : [`Console: ${site.url}/  — log in as admin with the password in ${site.adminPasswordFile}`]),
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
