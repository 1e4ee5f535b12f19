/**
 * What `sitrep app`, `collection` and `deploy` subcommands share: the site options every one
 * takes, and a runner that opens the site client, runs the subcommand, and turns its failures
 * into one printed reason and an exit code.
 */
import type { Command } from 'commander'
import type { CliIo } from '../../cli-io.ts'
import { EXIT } from '../../cli-io.ts'
import type { SiteApiOptions } from '../../site-api.ts'
import { openSiteClient, printSiteFailure } from '../../site-client.ts'
import type { SiteClient } from '../../site-client.ts'
import { LocalFileError } from './content-file.ts'

/** Options every subcommand takes. */
export interface SiteCommandOptions extends SiteApiOptions {
  readonly json?: boolean
}

/** Adds `--site`, `--token`, `--data-dir` and `--json` to a subcommand. */
export function withSiteOptions(command: Command, json: string): Command {
  return command
    .option('--site <url>', 'site URL (default $SITREP_SITE_URL or http://127.0.0.1:8080)')
    .option('--token <token>', 'API token (default $SITREP_TOKEN, else <data-dir>/admin-token)')
    .option(
      '--data-dir <dir>',
      'the local site data directory holding admin-token (default $SITREP_DATA_DIR or .sitrep)',
    )
    .option('--json', json)
}

/**
 * Runs `body` with a client of the site; a refusal by the site prints its code and fields and
 * exits 2, an unreachable site exits 3, a local file that cannot be read exits 2.
 */
export async function runSiteCommand(
  command: string,
  options: SiteApiOptions,
  io: CliIo,
  body: (client: SiteClient) => Promise<number>,
): Promise<number> {
  const client = await openSiteClient(command, options, io)
  if (client === undefined) return EXIT.failure
  try {
    return await body(client)
  } catch (error) {
    if (error instanceof LocalFileError) {
      io.stderr(`sitrep ${command}: ${error.message}\n`)
      return EXIT.failure
    }
    return printSiteFailure(command, client.siteUrl, error, io)
  }
}

/** Prints `value` as one line of JSON. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value)}\n`)
}
