import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const SITREP_BIN = fileURLToPath(new URL('../../../cli/bin/sitrep.js', import.meta.url))

/** A `sitrep up` child process started by a test. */
export interface SiteProcess {
  readonly child: ChildProcess
  /** The URL the site printed once it was up. */
  readonly url: string
  /** Everything the process wrote to stderr so far (logs), for failure messages. */
  stderr(): string
  /** Resolves with the exit code or signal once the process has ended. */
  exited(): Promise<number | NodeJS.Signals | null>
}

/**
 * Starts `sitrep up` as a real process (the same command users run) and resolves once it has
 * printed that it is up. Rejects with its output if it exits first or takes longer than
 * `timeoutMs` (a hang guard, not a performance check).
 */
export function startSiteProcess(options: {
  readonly configFile: string
  readonly env?: Readonly<Record<string, string>>
  readonly timeoutMs?: number
  /** Fixed HTTP port (a site that restarts keeps its URL); default 0, a free one. */
  readonly port?: number
}): Promise<SiteProcess> {
  const child = spawn(
    process.execPath,
    [SITREP_BIN, 'up', '--config', options.configFile, '--port', String(options.port ?? 0)],
    {
      env: { ...process.env, SITREP_LOG_LEVEL: 'warn', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stdout = ''
  let stderr = ''
  const exit = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? code))
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`sitrep up did not come up in time.\nstdout:\n${stdout}\nstderr:\n${stderr}`))
    }, options.timeoutMs ?? 30_000)
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const match = /is up at (\S+)/.exec(stdout)
      if (match?.[1] !== undefined) {
        clearTimeout(timer)
        resolve({ child, url: match[1], stderr: () => stderr, exited: () => exit })
      }
    })
    void exit.then((code) => {
      clearTimeout(timer)
      reject(
        new Error(
          `sitrep up exited (${String(code)}) before it was up.\nstdout:\n${stdout}\nstderr:\n${stderr}`,
        ),
      )
    })
  })
}

/**
 * Polls `check` until it returns true, at most `timeoutMs` (a hang guard). The poll interval
 * is short; no assertion depends on how long it takes.
 */
export async function waitFor(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
