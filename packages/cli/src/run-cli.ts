import { Command, CommanderError, InvalidArgumentError } from 'commander'
import { upCommand } from './commands/up.ts'
import { UsageError } from './usage-error.ts'

/** Where a CLI run writes, and what it may read; `main.ts` passes the real ones, tests fakes. */
export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
  /** Resolves when the user asks a long-running command to stop (Ctrl-C, SIGTERM). */
  readonly untilShutdown: () => Promise<void>
}

/** Exit codes of the `sitrep` command; documented in docs/cli.md. */
export const EXIT = { ok: 0, usage: 1, failure: 2 } as const

/**
 * Runs the `sitrep` command with `args` (without the node and script names) and resolves to
 * the exit code. Commands are data on a commander program; only this function catches.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok
  const program = new Command('sitrep')
    .description('Sitrep: status messages for fleets of computers')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })

  program
    .command('up')
    .description('start a site with every role in one process (SQLite in the data directory by default)')
    .option('--config <file>', 'site configuration file (JSON); see docs/configuration.md')
    .option('--data-dir <dir>', 'where the site keeps its database and token (default .sitrep)')
    .option('--port <n>', 'HTTP port (default 8080; 0 picks a free one)', parsePort)
    .action(async (options: { config?: string; dataDir?: string; port?: number }) => {
      exitCode = await upCommand(options, io)
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
