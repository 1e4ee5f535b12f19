/**
 * Runs the tray icon through the helper program the `systray2` package ships for each platform
 * (it speaks JSON lines on stdin/stdout). The package's own wrapper is not used, because of three
 * known hurdles, each handled here: its binaries arrive without the execute bit (a copy with
 * 0755 goes into the user's runtime directory); Debian bookworm has no `libappindicator3.so.1`,
 * whose place libayatana's library takes (a private symlink directory on `LD_LIBRARY_PATH`);
 * and it never says "ready" when the library is missing (a deadline, then a clear reason).
 */
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { appendFileSync, existsSync } from 'node:fs'
import { chmod, copyFile, mkdir, rm, stat, symlink } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { renderTrayIcon } from './tray-icon.ts'
import type { TrayAction, TrayView } from './tray-menu.ts'
import { actionOfSlot, trayItems } from './tray-menu.ts'

/** Why the tray could not start; the indicator shows `message` and falls back to its other surfaces. */
export class TrayUnavailable extends Error {
  override readonly name = 'TrayUnavailable'
}

/** Options of {@link startTrayHost}. */
export interface TrayHostOptions {
  /** A directory owned by the user (e.g. `$XDG_RUNTIME_DIR/sitrep-indicator`) for the helper's copy. */
  readonly runtimeDir: string
  readonly view: TrayView
  readonly onAction: (action: TrayAction) => void
  /** Called once if the helper stops by itself (the tray host went away, it crashed). */
  readonly onExit?: (reason: string) => void
  readonly env?: NodeJS.ProcessEnv
  /** How long the helper may take to say it is ready; default 5 s. */
  readonly readyTimeoutMs?: number
}

/** A running tray icon. */
export interface TrayHost {
  show(view: TrayView): void
  close(): Promise<void>
}

const BINARY_OF: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'tray_linux_release',
  darwin: 'tray_darwin_release',
  win32: 'tray_windows_release.exe',
}

/** Where the `systray2` package keeps the helper for this platform. */
export function packagedTrayBinary(platform: NodeJS.Platform = process.platform): string {
  const name = BINARY_OF[platform]
  if (name === undefined) throw new TrayUnavailable(`the tray is not available on ${platform}`)
  const require = createRequire(import.meta.url)
  return path.join(path.dirname(require.resolve('systray2/package.json')), 'traybin', name)
}

const LIBRARY_DIRS = [
  '/usr/lib/x86_64-linux-gnu',
  '/usr/lib/aarch64-linux-gnu',
  '/usr/lib64',
  '/usr/lib',
  '/lib/x86_64-linux-gnu',
  '/lib64',
  '/lib',
]

function findLibrary(name: string): string | null {
  const listed = spawnSync('ldconfig', ['-p'], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${process.env.PATH ?? ''}:/sbin:/usr/sbin` },
  })
  if (listed.status === 0) {
    for (const line of listed.stdout.split('\n')) {
      const match = /^\s*(\S+) \(.*\) => (.+)$/.exec(line)
      if (match?.[1] === name && match[2] !== undefined) return match[2].trim()
    }
  }
  for (const dir of LIBRARY_DIRS) {
    const candidate = path.join(dir, name)
    if (existsSync(candidate)) return candidate
  }
  return null
}

/**
 * The library path the helper needs on Linux: nothing when `libappindicator3.so.1` exists, a
 * private directory whose `libappindicator3.so.1` points at libayatana's when only that exists.
 */
export async function appIndicatorLibraryPath(runtimeDir: string): Promise<string | null> {
  if (findLibrary('libappindicator3.so.1') !== null) return null
  const ayatana = findLibrary('libayatana-appindicator3.so.1')
  if (ayatana === null) {
    throw new TrayUnavailable(
      'the tray icon needs an AppIndicator library and none is installed; on Debian and Ubuntu: apt install libayatana-appindicator3-1',
    )
  }
  const dir = path.join(runtimeDir, 'lib')
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const link = path.join(dir, 'libappindicator3.so.1')
  await rm(link, { force: true })
  await symlink(ayatana, link)
  return dir
}

async function executableCopy(source: string, runtimeDir: string): Promise<string> {
  const target = path.join(runtimeDir, path.basename(source))
  const [from, to] = await Promise.all([stat(source), stat(target).catch(() => null)])
  if (to === null || to.size !== from.size || to.mtimeMs < from.mtimeMs) {
    await copyFile(source, target)
  }
  await chmod(target, 0o755)
  return target
}

function iconOf(view: TrayView): string {
  return renderTrayIcon(view.tone).toString('base64')
}

function menuOf(view: TrayView): object {
  return {
    icon: iconOf(view),
    title: '',
    tooltip: view.tooltip,
    items: trayItems(view),
    isTemplateIcon: false,
  }
}

/** Starts the tray icon; throws {@link TrayUnavailable} with the reason when it cannot. */
export async function startTrayHost(options: TrayHostOptions): Promise<TrayHost> {
  const env = { ...(options.env ?? process.env) }
  await mkdir(options.runtimeDir, { recursive: true, mode: 0o700 })
  const binary = await executableCopy(packagedTrayBinary(), options.runtimeDir)
  if (process.platform === 'linux') {
    const libraryDir = await appIndicatorLibraryPath(options.runtimeDir)
    if (libraryDir !== null) env.LD_LIBRARY_PATH = [libraryDir, env.LD_LIBRARY_PATH].filter(Boolean).join(':')
  }
  const child: ChildProcess = spawn(binary, [], { env, stdio: ['pipe', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-2000)
  })
  const lines = createInterface({ input: child.stdout! })
  let current = options.view
  let closing = false

  // SITREP_INDICATOR_TRAY_TRACE names a file that gets every menu message as sent to the helper
  // (icons left out): the way to see what the tray shows on a desktop where nobody can look.
  const traceFile = env.SITREP_INDICATOR_TRAY_TRACE
  const write = (value: object): void => {
    if (child.stdin?.writable !== true) return
    const line = JSON.stringify(value)
    child.stdin.write(`${line}\n`)
    if (traceFile !== undefined && traceFile !== '')
      appendFileSync(
        traceFile,
        `${JSON.stringify(value, (key, v: unknown) => (key === 'icon' ? undefined : v))}\n`,
      )
  }

  await new Promise<void>((resolve, reject) => {
    const lastWords = (): string => {
      const line = stderr.trim().split('\n').filter(Boolean).pop()
      return line === undefined ? '' : `: ${line}`
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(
        new TrayUnavailable(
          `the tray helper did not start within ${options.readyTimeoutMs ?? 5000} ms${lastWords()}`,
        ),
      )
    }, options.readyTimeoutMs ?? 5000)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(new TrayUnavailable(`the tray helper ${binary} could not run: ${error.message}`))
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(
        new TrayUnavailable(
          `the tray helper stopped before it was ready (${signal ?? `exit ${code}`})${lastWords()}`,
        ),
      )
    })
    lines.once('line', (line) => {
      clearTimeout(timer)
      child.removeAllListeners('exit')
      child.removeAllListeners('error')
      try {
        if ((JSON.parse(line) as { type?: string }).type === 'ready') return resolve()
      } catch {
        // Falls through to the refusal below.
      }
      child.kill('SIGKILL')
      reject(
        new TrayUnavailable(`the tray helper said ${JSON.stringify(line.slice(0, 80))} instead of ready`),
      )
    })
  })

  write(menuOf(current))
  lines.on('line', (line) => {
    let event: { type?: string; __id?: number }
    try {
      event = JSON.parse(line) as { type?: string; __id?: number }
    } catch {
      return
    }
    if (event.type !== 'clicked' || typeof event.__id !== 'number') return
    const action = actionOfSlot(event.__id)
    if (action !== null) options.onAction(action)
  })
  child.once('exit', (code, signal) => {
    if (!closing) options.onExit?.(`the tray helper stopped (${signal ?? `exit ${code}`})`)
  })

  return {
    show(view) {
      const iconChanged = view.tone !== current.tone || view.tooltip !== current.tooltip
      current = view
      if (iconChanged) write({ type: 'update-menu', menu: menuOf(view) })
      for (const item of trayItems(view)) write({ type: 'update-item', item, seq_id: -1 })
    },
    async close() {
      closing = true
      write({ type: 'exit' })
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        const timer = setTimeout(() => {
          child.kill('SIGKILL')
        }, 1000)
        child.once('exit', () => {
          clearTimeout(timer)
          resolve()
        })
      })
    },
  }
}
