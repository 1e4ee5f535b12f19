/**
 * A private desktop for tests: an Xvfb display, a session bus, and on demand a notification
 * server (dunst), a tray host (trayer) and a bus monitor, all real programs from Debian. Each
 * test gets its own, so runs never collide and nothing touches the machine's own session.
 */
import { execFile, spawn, spawnSync } from 'node:child_process'
import { promisify } from 'node:util'
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'

const execFileAsync = promisify(execFile)

const PROGRAMS = [
  'Xvfb',
  'dbus-daemon',
  'dbus-monitor',
  'dunst',
  'dunstctl',
  'trayer',
  'xdotool',
  'import',
] as const

function has(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`]).status === 0
}

/** Programs of the desktop tests that this machine lacks. */
export const MISSING_DESKTOP_PROGRAMS = PROGRAMS.filter((program) => !has(program))
/** CI installs them (xvfb, dbus, dunst, trayer, xdotool, imagemagick), so there the tests are mandatory. */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1'
export const CAN_RUN_DESKTOP = MISSING_DESKTOP_PROGRAMS.length === 0

if (!CAN_RUN_DESKTOP && !IN_CI) {
  console.warn(
    `desktop tests skipped: ${MISSING_DESKTOP_PROGRAMS.join(', ')} not installed (apt-get install xvfb dbus dunst trayer xdotool imagemagick)`,
  )
}

/** A running private desktop. */
export interface DesktopSession {
  readonly env: NodeJS.ProcessEnv
  readonly dir: string
  startNotificationServer(): Promise<void>
  startTrayHost(): Promise<void>
  /** Records every Notify call on the bus; `calls()` returns (summary, body) pairs so far. */
  monitorNotifications(): Promise<{ calls(): { summary: string; body: string }[] }>
  run(program: string, args: readonly string[]): string
  /** Saves a screenshot (of `geometry`, e.g. `120x32+680+0`); asynchronous, so the test's own servers keep answering. */
  screenshot(file: string, geometry?: string): Promise<void>
  /** How many pixels of `hex` (e.g. `#2E7D32`) the screen shows within `geometry`. */
  countPixels(hex: string, geometry: string): Promise<number>
  close(): Promise<void>
}

function firstLine(child: ChildProcess, stream: 'stdout' | 'stderr', what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const source = stream === 'stdout' ? child.stdout : child.stderr
    if (source === null) return reject(new Error(`${what}: no ${stream}`))
    const lines = createInterface({ input: source })
    const timer = setTimeout(() => reject(new Error(`${what} did not start within 10 s`)), 10_000)
    lines.once('line', (line) => {
      clearTimeout(timer)
      resolve(line.trim())
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${what} exited with ${code} before it was ready`))
    })
  })
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Starts Xvfb and a session bus. */
export async function startDesktopSession(): Promise<DesktopSession> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sitrep-desktop-'))
  const children: ChildProcess[] = []
  const xvfb = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '800x320x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  children.push(xvfb)
  const displayNumber = await firstLine(xvfb, 'stdout', 'Xvfb')
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  children.push(bus)
  const address = await firstLine(bus, 'stdout', 'dbus-daemon')
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DISPLAY: `:${displayNumber}`,
    DBUS_SESSION_BUS_ADDRESS: address,
    XDG_RUNTIME_DIR: dir,
    XAUTHORITY: '',
    NO_AT_BRIDGE: '1',
  }
  const run = (program: string, args: readonly string[]): string => {
    const result = spawnSync(program, args, { env, encoding: 'utf8', timeout: 10_000 })
    if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed: ${result.stderr}`)
    return result.stdout
  }
  const busHasName = (name: string): boolean =>
    spawnSync(
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner',
        `string:${name}`,
      ],
      { env, encoding: 'utf8' },
    ).stdout.includes('boolean true')

  return {
    env,
    dir,
    async startNotificationServer() {
      const dunst = spawn('dunst', ['-config', '/dev/null'], { env, stdio: 'ignore' })
      children.push(dunst)
      await waitFor(
        () => busHasName('org.freedesktop.Notifications'),
        'dunst to own org.freedesktop.Notifications',
        30_000,
      )
    },
    async startTrayHost() {
      const trayer = spawn(
        'trayer',
        [
          '--edge',
          'top',
          '--align',
          'right',
          '--widthtype',
          'pixel',
          '--width',
          '120',
          '--heighttype',
          'pixel',
          '--height',
          '32',
          '--transparent',
          'false',
          '--tint',
          '0xffffff',
          '--SetDockType',
          'true',
        ],
        { env, stdio: 'ignore' },
      )
      children.push(trayer)
      await waitFor(
        () => {
          const found = spawnSync('xdotool', ['search', '--class', 'trayer'], { env, encoding: 'utf8' })
          return found.status === 0 && found.stdout.trim() !== ''
          // A hang guard for a loaded machine, not a speed check.
        },
        'trayer to map its panel',
        60_000,
      )
    },
    async monitorNotifications() {
      const monitor = spawn(
        'dbus-monitor',
        ['--session', "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"],
        {
          env,
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      )
      children.push(monitor)
      let text = ''
      monitor.stdout?.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8')
      })
      await new Promise((resolve) => setTimeout(resolve, 300))
      return {
        calls() {
          // Each Notify call prints its arguments in order: app name, replaces id, icon, summary, body, ….
          return text
            .split(/^method call /m)
            .slice(1)
            .map((call) =>
              [...call.matchAll(/^\s+string "((?:[^"\\]|\\.)*)"/gm)].map((match) => match[1] ?? ''),
            )
            .map((strings) => ({ summary: strings[2] ?? '', body: strings[3] ?? '' }))
        },
      }
    },
    run,
    async screenshot(file, geometry) {
      await execFileAsync(
        'import',
        ['-window', 'root', ...(geometry === undefined ? [] : ['-crop', geometry]), file],
        {
          env,
          timeout: 10_000,
        },
      )
    },
    async countPixels(hex, geometry) {
      const file = path.join(dir, `pixels-${process.hrtime.bigint()}.png`)
      await execFileAsync('import', ['-window', 'root', '-crop', geometry, file], { env, timeout: 10_000 })
      const { stdout } = await execFileAsync('convert', [file, 'txt:-'], {
        maxBuffer: 64 * 1024 * 1024,
        timeout: 10_000,
      })
      await rm(file, { force: true })
      return stdout.split('\n').filter((line) => line.includes(hex)).length
    },
    async close() {
      for (const child of children.reverse()) child.kill('SIGTERM')
      await Promise.all(
        children
          .filter((child) => child.exitCode === null && child.signalCode === null)
          .map((child) => new Promise((resolve) => child.once('exit', resolve))),
      )
      await rm(dir, { recursive: true, force: true })
    },
  }
}
