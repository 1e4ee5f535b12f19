/**
 * `sitrep indicator`: the status indicator of the logged-on user, reading only the agent's
 * local API. Without options it serves the local page and runs on the desktop (tray icon and
 * notifications); `--page` serves the page only; `--json` prints each change of the view as one
 * JSON line (for scripts); `--tui` draws the terminal view (for SSH sessions and servers). The
 * indicator package is loaded only here, so other commands do not pay for D-Bus, X11 and ink.
 */
import { accessSync, constants, existsSync, realpathSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_SERVICE_PATHS } from '@sitrep/agent'
import type { IndicatorLocale, IndicatorView } from '@sitrep/indicator'
import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import type { CliIo } from '../cli-io.ts'
import { EXIT } from '../cli-io.ts'

/** Options of `sitrep indicator`. */
export interface IndicatorCommandOptions {
  readonly socket?: string
  readonly json?: boolean
  readonly tui?: boolean
  readonly page?: boolean
  readonly port?: number
  readonly installAutostart?: boolean
  readonly removeAutostart?: boolean
}

interface IndicatorSetting {
  readonly socketPath: string
  readonly locale: IndicatorLocale
  readonly userName: string | null
}

async function settingOf(options: IndicatorCommandOptions, io: CliIo): Promise<IndicatorSetting> {
  const { pickLocale } = await import('@sitrep/indicator')
  return {
    socketPath: options.socket ?? io.env.SITREP_AGENT_SOCKET ?? DEFAULT_SERVICE_PATHS.linux.socketPath,
    // Intl follows $TZ by itself; the resolved zone is the session's.
    locale: pickLocale(io.env, Intl.DateTimeFormat().resolvedOptions().timeZone),
    userName: io.env.USER ?? os.userInfo().username,
  }
}

/**
 * Says once on stderr why the agent cannot be reached (and again when the reason changes);
 * returns what was said, for the next call.
 */
function tellAgentAway(io: CliIo, view: IndicatorView, told: string): string {
  const away = view.trouble.find((x) => x.kind === 'agent_unreachable')
  const line = away === undefined ? '' : `sitrep indicator: ${away.text} ${away.nextText ?? ''}\n`
  if (line !== told && line !== '') io.stderr(line)
  return line
}

/** `sitrep indicator --json`: one JSON object per changed view, until asked to stop. */
export async function indicatorJsonCommand(options: IndicatorCommandOptions, io: CliIo): Promise<number> {
  const setting = await settingOf(options, io)
  const { startIndicatorSession } = await import('@sitrep/indicator')
  let told = ''
  const session = startIndicatorSession({
    ...setting,
    clock: io.clock,
    onView(view) {
      // The labels never change within a session; scripts need the state, not button words.
      const { labels: _labels, ...state } = view
      io.stdout(`${JSON.stringify({ at: new Date(io.clock()).toISOString(), ...state })}\n`)
      // stdout stays JSON for scripts; a person watching also reads why the agent is away.
      told = tellAgentAway(io, view, told)
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
  // ink draws only the last frame when it sees CI set; this is a live terminal (checked above),
  // so it must draw every frame. Set before ink is loaded, which reads it once.
  if (process.env.CI !== undefined) process.env.CI = 'false'
  // Loaded here so the other commands do not pay for ink and React.
  const { runTerminalView } = await import('@sitrep/indicator/terminal')
  await runTerminalView({
    ...(await settingOf(options, io)),
    clock: io.clock,
    stdin: terminal.stdin,
    stdout: terminal.stdout,
    until: io.untilShutdown(),
  })
  return EXIT.ok
}

/** The user's runtime directory: $XDG_RUNTIME_DIR, else /run/user/<uid>, else a private temp folder. */
function runtimeDirOf(io: CliIo): string {
  if (io.env.XDG_RUNTIME_DIR !== undefined && io.env.XDG_RUNTIME_DIR !== '') return io.env.XDG_RUNTIME_DIR
  const uid = os.userInfo().uid
  const run = `/run/user/${uid}`
  return existsSync(run) ? run : path.join(os.tmpdir(), `sitrep-${uid}`)
}

/** A served local page and what to undo when the indicator stops. */
interface ServedPage {
  readonly url: string
  close(): Promise<void>
}

/** Starts the local page on 127.0.0.1 and writes its address to a file only the user reads. */
async function servePage(
  options: IndicatorCommandOptions,
  io: CliIo,
  setting: IndicatorSetting,
): Promise<ServedPage> {
  const indicator = await import('@sitrep/indicator')
  let told = ''
  const session = indicator.startIndicatorSession({
    ...setting,
    clock: io.clock,
    // The page shows why the agent is away; a person who started the indicator reads it here too.
    onView(view) {
      told = tellAgentAway(io, view, told)
    },
  })
  const actions = indicator.createUserActions(
    indicator.createAgentClient(setting.socketPath),
    'page',
    io.clock,
  )
  const page = await indicator.startLocalPage({
    session,
    actions,
    locale: setting.locale,
    clock: io.clock,
    token: indicator.createPageToken(),
    ...(options.port === undefined ? {} : { port: options.port }),
  })
  const file = await indicator.writePageFile(runtimeDirOf(io), page.url)
  io.stdout(
    `sitrep indicator: the page is at ${page.url}\n(the address is also in ${file}, readable by you only)\n`,
  )
  return {
    url: page.url,
    async close() {
      await page.close()
      session.close()
      await indicator.removePageFile(file)
    },
  }
}

/**
 * Claims the user's session for this indicator. `null` when another one already runs there: it
 * is named on stderr (with its page) and this one stops, so the person never sees two tray icons
 * or every notification twice.
 */
async function claimSession(
  io: CliIo,
  pageUrl: () => string | null,
): Promise<{ release(): Promise<void> } | null> {
  const { claimIndicatorSession } = await import('@sitrep/indicator')
  const claim = await claimIndicatorSession(runtimeDirOf(io), () => ({
    pid: process.pid,
    pageUrl: pageUrl(),
  }))
  if (claim.claimed) return claim
  const { pid, pageUrl: url } = claim.running
  io.stderr(
    `sitrep indicator: an indicator already runs in this session${pid > 0 ? ` (process ${pid})` : ''}; this one stops.${url === null ? '' : ` Its page is at ${url}`}\n(it holds ${claim.socketPath}; stop it first to start another)\n`,
  )
  return null
}

/** `sitrep indicator --page`: the local page on 127.0.0.1 until asked to stop. */
export async function indicatorPageCommand(options: IndicatorCommandOptions, io: CliIo): Promise<number> {
  let url: string | null = null
  const claim = await claimSession(io, () => url)
  if (claim === null) return EXIT.ok
  try {
    const page = await servePage(options, io, await settingOf(options, io))
    url = page.url
    try {
      await io.untilShutdown()
    } finally {
      await page.close()
    }
  } finally {
    await claim.release()
  }
  return EXIT.ok
}

/**
 * `sitrep indicator` (the default): the local page, the tray icon and desktop notifications.
 * Each desktop surface the session cannot show is named once on stderr with its reason; the
 * others carry on.
 */
export async function indicatorDesktopCommand(options: IndicatorCommandOptions, io: CliIo): Promise<number> {
  const setting = await settingOf(options, io)
  const { runDesktopIndicator } = await import('@sitrep/indicator')
  let url: string | null = null
  const claim = await claimSession(io, () => url)
  if (claim === null) return EXIT.ok
  const page = await servePage(options, io, setting).catch(async (error: unknown) => {
    await claim.release()
    throw error
  })
  url = page.url
  try {
    await runDesktopIndicator({
      ...setting,
      clock: io.clock,
      env: io.env,
      runtimeDir: path.join(runtimeDirOf(io), `sitrep-indicator-${os.userInfo().uid}`),
      pageUrl: page.url,
      log: (line) => io.stderr(`sitrep indicator: ${line}\n`),
      until: io.untilShutdown(),
      onStarted(status) {
        const tray = status.tray.shown ? 'tray icon shown' : 'no tray icon'
        const notes = status.notifications.on
          ? `notifications through ${status.notifications.server}`
          : 'no notifications'
        io.stdout(`sitrep indicator running: ${tray}, ${notes}\n`)
      },
    })
  } finally {
    await page.close()
    await claim.release()
  }
  return EXIT.ok
}

/** The path of the `sitrep` executable on PATH, or `null`. */
function sitrepOnPath(env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '' || !path.isAbsolute(dir)) continue
    const candidate = path.join(dir, process.platform === 'win32' ? 'sitrep.exe' : 'sitrep')
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // Not here; the next directory.
    }
  }
  return null
}

/**
 * `sitrep indicator --install-autostart` / `--remove-autostart`: the user's log-on entry (XDG
 * autostart on Linux, a launchd agent on macOS, the Run key on Windows). The entry runs the
 * `sitrep` found on PATH, else this very Node and script, with `--socket` if one was given.
 */
export async function indicatorAutostartCommand(
  options: IndicatorCommandOptions,
  io: CliIo,
): Promise<number> {
  const { autostartPlatformOf, installAutostart, removeAutostart } = await import('@sitrep/indicator')
  const platform = autostartPlatformOf(process.platform)
  if (platform === null) {
    io.stderr(`sitrep indicator: there is no autostart entry for ${process.platform}\n`)
    return EXIT.usage
  }
  const sitrep = sitrepOnPath(io.env) ?? [
    process.execPath,
    realpathSync(fileURLToPath(new URL('../../bin/sitrep.js', import.meta.url))),
  ]
  const command = [
    ...(typeof sitrep === 'string' ? [sitrep] : sitrep),
    'indicator',
    ...(options.socket === undefined ? [] : ['--socket', options.socket]),
  ]
  const autostart = { platform, env: io.env, homeDir: io.homeDir, command }
  try {
    if (options.removeAutostart === true) {
      const result = await removeAutostart(autostart)
      io.stdout(
        result.changed
          ? `sitrep indicator no longer starts at log-on (removed ${result.where})\n`
          : `sitrep indicator: there was no autostart entry at ${result.where}\n`,
      )
      return EXIT.ok
    }
    const result = await installAutostart(autostart)
    io.stdout(`sitrep indicator starts at your next log-on: ${result.where} runs ${command.join(' ')}\n`)
    return EXIT.ok
  } catch (error) {
    io.stderr(`sitrep indicator: the autostart entry could not be changed: ${(error as Error).message}\n`)
    return EXIT.failure
  }
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
    .option(
      '--page',
      'serve only the local page on 127.0.0.1 for this user (the default adds the tray icon and notifications)',
    )
    .option('--port <n>', 'port of the local page (default: a free one)', (v) => {
      const port = Number(v)
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new InvalidArgumentError('a port is 0-65535')
      return port
    })
    .option('--install-autostart', 'start the indicator at every log-on of this user, then exit')
    .option('--remove-autostart', 'stop starting the indicator at log-on, then exit')
    .action(async (options: IndicatorCommandOptions) => {
      if ([options.json, options.tui, options.page].filter((o) => o === true).length > 1) {
        io.stderr('sitrep indicator: choose one of --json, --tui and --page\n')
        return setExit(EXIT.usage)
      }
      if (options.installAutostart === true && options.removeAutostart === true) {
        io.stderr('sitrep indicator: choose one of --install-autostart and --remove-autostart\n')
        return setExit(EXIT.usage)
      }
      if (options.installAutostart === true || options.removeAutostart === true)
        return setExit(await indicatorAutostartCommand(options, io))
      if (options.json === true) return setExit(await indicatorJsonCommand(options, io))
      if (options.tui === true) return setExit(await indicatorTuiCommand(options, io))
      if (options.page === true) return setExit(await indicatorPageCommand(options, io))
      setExit(await indicatorDesktopCommand(options, io))
    })
}
