import { Command, CommanderError } from 'commander'
import { SEVERITY_NAMES } from '@sitrep/protocol'

/** Where a CLI run writes, and what it may read; `main.ts` passes the real ones, tests fakes. */
export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
}

/** Exit codes of the `sitrep` command; documented in docs/cli.md. */
export const EXIT = { ok: 0, usage: 1, failure: 2 } as const

/**
 * Runs the `sitrep` command with `args` (without the node and script names) and resolves to
 * the exit code. Commands are data on a commander program; only this function catches.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const program = new Command('sitrep')
    .description('Sitrep: status messages for fleets of computers')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })

  program
    .command('up')
    .description('start a site with every role in one process')
    .action(() => {
      io.stdout(
        `Sitrep knows ${SEVERITY_NAMES.length} severities and its message model is in place;\n` +
          'the site server arrives with the site core.\n',
      )
    })

  try {
    await program.parseAsync([...args], { from: 'user' })
    return EXIT.ok
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage
    }
    throw error
  }
}
