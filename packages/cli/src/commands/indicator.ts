/**
 * `sitrep indicator`: the status indicator of the logged-on user, reading only the agent's
 * local API. `--json` prints each change of the view as one JSON line (for scripts); `--tui`
 * draws the terminal view (for SSH sessions and servers).
 */
import os from 'node:os'
import { DEFAULT_SERVICE_PATHS } from '@sitrep/agent'
import type { IndicatorLocale } from '@sitrep/indicator'
import { pickLocale, startIndicatorSession } from '@sitrep/indicator'
import type { Command } from 'commander'
import type { CliIo } from '../run-cli.ts'
import { EXIT } from '../run-cli.ts'

/** Options of `sitrep indicator`. */
export interface IndicatorCommandOptions {
  readonly socket?: string
  readonly json?: boolean
  readonly tui?: boolean
}

interface IndicatorSetting {
  readonly socketPath: string
  readonly locale: IndicatorLocale
  readonly userName: string | null
}

function settingOf(options: IndicatorCommandOptions, io: CliIo): IndicatorSetting {
  return {
    socketPath: options.socket ?? io.env.SITREP_AGENT_SOCKET ?? DEFAULT_SERVICE_PATHS.linux.socketPath,
    // Intl follows $TZ by itself; the resolved zone is the session's.
    locale: pickLocale(io.env, Intl.DateTimeFormat().resolvedOptions().timeZone),
    userName: io.env.USER ?? os.userInfo().username,
  }
}

/** `sitrep indicator --json`: one JSON object per changed view, until asked to stop. */
export async function indicatorJsonCommand(options: IndicatorCommandOptions, io: CliIo): Promise<number> {
  const setting = settingOf(options, io)
  let told = ''
  const session = startIndicatorSession({
    ...setting,
    clock: io.clock,
    onView(view) {
      // The labels never change within a session; scripts need the state, not button words.
      const { labels: _labels, ...state } = view
      io.stdout(`${JSON.stringify({ at: new Date(io.clock()).toISOString(), ...state })}\n`)
      // stdout stays JSON for scripts; a person watching also reads why the agent is away.
      const away = view.trouble.find((x) => x.kind === 'agent_unreachable')
      const line = away === undefined ? '' : `sitrep indicator: ${away.text} ${away.nextText ?? ''}\n`
      if (line !== told && line !== '') io.stderr(line)
      told = line
    },
  })
  await io.untilShutdown()
  session.close()
  return EXIT.ok
}

/** `sitrep indicator --tui`: the terminal view until the user quits. */
export async function indicatorTuiCommand(options: IndicatorCommandOptions, io: CliIo): Promise<number> {
  const terminal = io.terminal
  if (terminal === undefined || !terminal.stdin.isTTY || !terminal.stdout.isTTY) {
    io.stderr('sitrep indicator --tui needs a terminal; use --json to read the indicator from a script\n')
    return EXIT.usage
  }
  // Loaded here so the other commands do not pay for ink and React.
  const { runTerminalView } = await import('@sitrep/indicator/terminal')
  await runTerminalView({
    ...settingOf(options, io),
    clock: io.clock,
    stdin: terminal.stdin,
    stdout: terminal.stdout,
    until: io.untilShutdown(),
  })
  return EXIT.ok
}

/** Adds `sitrep indicator` to the program. */
export function registerIndicatorCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('indicator')
    .description('the status indicator: what the agent is doing, your requests, restarts (docs/indicator.md)')
    .option(
      '--socket <path>',
      `the agent's local socket (default $SITREP_AGENT_SOCKET or ${DEFAULT_SERVICE_PATHS.linux.socketPath})`,
    )
    .option('--json', 'print every change as one JSON line (for scripts)')
    .option('--tui', 'draw the terminal view (for SSH sessions and servers)')
    .action(async (options: IndicatorCommandOptions) => {
      if (options.json === true && options.tui === true) {
        io.stderr('sitrep indicator: choose one of --json and --tui\n')
        return setExit(EXIT.usage)
      }
      if (options.json === true) return setExit(await indicatorJsonCommand(options, io))
      if (options.tui === true) return setExit(await indicatorTuiCommand(options, io))
      io.stderr('sitrep indicator: choose a surface: --json or --tui\n')
      setExit(EXIT.usage)
    })
}
