import { Command, CommanderError, Help, InvalidArgumentError } from 'commander'
import { registerAgentCommand } from './commands/agent.ts'
import { registerComponentsCommand } from './commands/components.ts'
import { registerAppCommand } from './commands/distribution/app.ts'
import { registerCollectionCommand } from './commands/distribution/collection.ts'
import { registerDeployCommand } from './commands/distribution/deploy.ts'
import { registerIndicatorCommand } from './commands/indicator.ts'
import { registerLinksCommand } from './commands/links.ts'
import { messagesCommand } from './commands/messages.ts'
import type { MessagesOptions } from './commands/messages.ts'
import { registerCommand } from './commands/register.ts'
import type { RegisterCommandOptions } from './commands/register.ts'
import { DEFAULT_WAIT_SECONDS, reportCommand } from './commands/report.ts'
import type { ReportOptions } from './commands/report.ts'
import { tokenCommand } from './commands/token.ts'
import type { TokenOptions } from './commands/token.ts'
import { upCommand } from './commands/up.ts'
import { UsageError } from './usage-error.ts'
import type { CliIo } from './cli-io.ts'
import { EXIT } from './cli-io.ts'

/** The version `sitrep --version` prints; the same as the package's. */
export const CLI_VERSION = '0.1.0'

/**
 * Runs the `sitrep` command with `args` (without the node and script names) and resolves to
 * the exit code. Commands are data on a commander program; only this function catches.
 *
 * @example
 * const code = await runCli(['report', '--severity', 'error', '--component', 'Demo', '--insert', 'disk full'], io)
 */
const plainHelp = new Help()

/** `--help` says which options a command cannot do without: "(required) …". */
function markRequired(option: Parameters<Help['optionDescription']>[0]): string {
  const description = plainHelp.optionDescription(option)
  return option.mandatory ? `(required) ${description}` : description
}

export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok
  const program = new Command('sitrep')
    .description('Sitrep: status messages for fleets of computers')
    .version(CLI_VERSION, '--version', 'print the version of sitrep and exit')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    // Set before the commands are added, so every command inherits it.
    .configureHelp({ optionDescription: markRequired })

  program
    .command('up')
    .description('start a site with every role in one process (SQLite in the data directory by default)')
    .option('--config <file>', 'site configuration file (JSON); see docs/configuration.md')
    .option('--data-dir <dir>', 'where the site keeps its database and token (default .sitrep)')
    .option('--port <n>', 'HTTP port (default 8080; 0 picks a free one)', parsePort)
    .option(
      '--roles <list>',
      'roles of this process, comma-separated: management-point, status-manager (default both)',
    )
    .option('--debug', 'on a start-up failure, print its stack trace and causes too')
    .addHelpText(
      'after',
      '\nExit codes: 1 configuration not valid, 4 port unavailable, 5 data directory unusable,\n' +
        '6 database unreachable (one line on stderr says what, where and what to do; docs/errors.md).',
    )
    .action(
      async (options: {
        config?: string
        dataDir?: string
        port?: number
        roles?: string
        debug?: boolean
      }) => {
        exitCode = await upCommand(options, io)
      },
    )

  program
    .command('report')
    .description('raise one status message; exit 0 once the MP or the local spool has committed it')
    .requiredOption('--severity <severity>', 'informational, warning or error')
    .requiredOption('--component <name>', 'the component column, e.g. Demo')
    .option('--id <n>', 'message ID (default: generic 39997/39998/39999 by severity)', parseMessageId)
    .option('--module <name>', 'module whose catalogue holds the text (default "SMS Provider")')
    .option('--insert <text>', 'insertion string %1, %2, … (repeat, up to 10)', collect, [])
    .option('--attr <id=value>', 'attribute, e.g. 400=PS100001 (repeat)', collect, [])
    .option(
      '--mp <url>',
      'management point URL or agent socket (default $SITREP_MP_URL or http://127.0.0.1:8080)',
    )
    .option('--site-code <code>', 'report to this site only')
    .option('--machine <name>', 'machine name (default this host)')
    .option('--wait', 'exit 0 only once the MP has it; 3 if not delivered in time')
    .option(
      '--wait-timeout <seconds>',
      `how long --wait waits (default ${DEFAULT_WAIT_SECONDS})`,
      parseSeconds,
    )
    .option('--json', 'print the outcome as one JSON object')
    .option(
      '--site <url>',
      'raise on this site server through its provider endpoint (API token) instead of through an MP',
    )
    .option('--token <token>', 'API token for --site (default $SITREP_TOKEN, else <data-dir>/admin-token)')
    .option(
      '--data-dir <dir>',
      'the site data directory holding admin-token (default $SITREP_DATA_DIR or .sitrep)',
    )
    .action(async (options: ReportOptions) => {
      exitCode = await reportCommand(options, io)
    })

  program
    .command('register')
    .description('register this client with a management point and print its client ID')
    .option(
      '--mp <url>',
      'management point URL or agent socket (default $SITREP_MP_URL or http://127.0.0.1:8080)',
    )
    .option('--token <token>', 'enrolment token, when the site approves clients by token')
    .option('--machine <name>', 'machine name (default this host)')
    .option('--json', 'print the answer as one JSON object')
    .action(async (options: RegisterCommandOptions) => {
      exitCode = await registerCommand(options, io)
    })

  program
    .command('messages')
    .description('read stored status messages, rendered from the catalogue')
    .option('--site <url>', 'site URL (default $SITREP_SITE_URL or http://127.0.0.1:8080)')
    .option('--severity <severity>', 'informational, warning or error')
    .option('--component <name>', 'only this component')
    .option('--id <n>', 'only this message ID', parseMessageId)
    .option('--since <time>', 'ISO 8601 time, or an age such as 30m, 2h, 7d')
    .option('--limit <n>', 'at most this many (default 50)', parseLimit)
    .option('--json', 'one JSON object per line, as the API returns them')
    .option('--token <token>', 'API token (default $SITREP_TOKEN, else <data-dir>/admin-token)')
    .option(
      '--data-dir <dir>',
      'the local site data directory holding admin-token (default $SITREP_DATA_DIR or .sitrep)',
    )
    .action(async (options: MessagesOptions) => {
      exitCode = await messagesCommand(options, io)
    })

  registerComponentsCommand(program, io, (code) => (exitCode = code))
  registerLinksCommand(program, io, (code) => (exitCode = code))
  registerAgentCommand(program, io, (code) => (exitCode = code))
  registerIndicatorCommand(program, io, (code) => (exitCode = code))
  registerAppCommand(program, io, (code) => (exitCode = code))
  registerCollectionCommand(program, io, (code) => (exitCode = code))
  registerDeployCommand(program, io, (code) => (exitCode = code))

  program
    .command('token')
    .description("print the local administrator's API token")
    .option('--data-dir <dir>', 'the site data directory (default $SITREP_DATA_DIR or .sitrep)')
    .action(async (options: TokenOptions) => {
      exitCode = await tokenCommand(options, io)
    })

  try {
    await program.parseAsync([...args], { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage
    }
    if (error instanceof UsageError) {
      io.stderr(`sitrep: ${error.message}\n`)
      return EXIT.usage
    }
    throw error
  }
}

function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError(`--port must be a whole number from 0 to 65535, got "${value}"`)
  }
  return port
}

function parseMessageId(value: string): number {
  const id = Number(value)
  if (!/^\d+$/.test(value) || id > 65535) {
    throw new InvalidArgumentError(`--id must be a whole number from 0 to 65535, got "${value}"`)
  }
  return id
}

function parseLimit(value: string): number {
  const limit = Number(value)
  if (!/^\d+$/.test(value) || limit < 1) {
    throw new InvalidArgumentError(`--limit must be a whole number of at least 1, got "${value}"`)
  }
  return limit
}

function parseSeconds(value: string): number {
  const seconds = Number(value)
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new InvalidArgumentError(`--wait-timeout must be a number of seconds, got "${value}"`)
  }
  return seconds
}

function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value]
}
