/**
 * Puts the indicator's autostart entry in place for the current user, or takes it away: the
 * XDG autostart file on Linux, the launchd agent on macOS, the Run value on Windows (through
 * `reg.exe`). Nothing here needs administrator rights.
 */
import { spawnSync } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { IndicatorCommand } from './autostart-entries.ts'
import {
  WINDOWS_RUN_KEY,
  WINDOWS_RUN_VALUE,
  autostartFilePath,
  launchAgentPlist,
  windowsRunRegArgs,
  xdgAutostartEntry,
} from './autostart-entries.ts'

/** The platforms with an autostart entry. */
export type AutostartPlatform = 'linux' | 'macos' | 'windows'

/** Options of {@link installAutostart} and {@link removeAutostart}. */
export interface AutostartOptions {
  readonly platform: AutostartPlatform
  readonly env: { readonly XDG_CONFIG_HOME?: string | undefined }
  readonly homeDir: string
  readonly command: IndicatorCommand
}

/** What was done, for one line to the user. */
export interface AutostartResult {
  /** The file, or the registry value. */
  readonly where: string
  /** `false` when removing found nothing to remove. */
  readonly changed: boolean
}

/** The platform name of `process.platform`, or `null` without an autostart entry there. */
export function autostartPlatformOf(platform: NodeJS.Platform): AutostartPlatform | null {
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') return 'linux'
  if (platform === 'darwin') return 'macos'
  if (platform === 'win32') return 'windows'
  return null
}

function reg(args: readonly string[]): void {
  const result = spawnSync('reg', args, { encoding: 'utf8', windowsHide: true })
  if (result.error !== undefined) throw new Error(`reg.exe could not run: ${result.error.message}`)
  if (result.status !== 0)
    throw new Error(`reg ${args[0] ?? ''} failed (exit ${result.status}): ${result.stderr.trim()}`)
}

/** Writes the entry; the indicator then starts at every log-on of this user. */
export async function installAutostart(options: AutostartOptions): Promise<AutostartResult> {
  if (options.platform === 'windows') {
    reg(windowsRunRegArgs('install', options.command))
    return { where: `${WINDOWS_RUN_KEY}\\${WINDOWS_RUN_VALUE}`, changed: true }
  }
  const file = autostartFilePath(options.platform, options.env, options.homeDir)
  const text =
    options.platform === 'linux' ? xdgAutostartEntry(options.command) : launchAgentPlist(options.command)
  await mkdir(path.dirname(file), { recursive: true, mode: 0o755 })
  await writeFile(file, text, { mode: 0o644 })
  return { where: file, changed: true }
}

/** Removes the entry; `changed` is `false` when there was none. */
export async function removeAutostart(options: AutostartOptions): Promise<AutostartResult> {
  if (options.platform === 'windows') {
    const where = `${WINDOWS_RUN_KEY}\\${WINDOWS_RUN_VALUE}`
    const query = spawnSync('reg', ['query', WINDOWS_RUN_KEY, '/v', WINDOWS_RUN_VALUE], { windowsHide: true })
    if (query.status !== 0) return { where, changed: false }
    reg(windowsRunRegArgs('remove'))
    return { where, changed: true }
  }
  const file = autostartFilePath(options.platform, options.env, options.homeDir)
  try {
    await rm(file)
    return { where: file, changed: true }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { where: file, changed: false }
    throw error
  }
}
