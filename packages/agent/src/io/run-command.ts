/**
 * Runs a command line as argv, never through a shell, in its own process group so the whole
 * tree can be ended when the maximum run time passes. Output (stdout and stderr interleaved) is
 * kept bounded: the last `maxOutputBytes`, with a note of how much was cut.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** Defaults of {@link runCommand}, with units. */
export const RUN_DEFAULTS = {
  /** Output kept per run: the tail, 64 KiB. */
  maxOutputBytes: 64 * 1024,
  /** After SIGTERM to the process group, SIGKILL follows after this long. */
  killGraceMs: 5_000,
} as const

/** Options of {@link runCommand}. */
export interface RunOptions {
  readonly argv: readonly string[]
  readonly cwd?: string
  readonly env?: Readonly<Record<string, string>>
  /** Ends the process tree after this long; `null` for no limit. */
  readonly timeoutMs: number | null
  /** Run as another account (the logged-on user); needs root. */
  readonly uid?: number
  readonly gid?: number
  readonly maxOutputBytes?: number
  readonly killGraceMs?: number
  /** Told the child's pid once it started (the agent writes it down for crash recovery). */
  readonly onStart?: (pid: number) => void | Promise<void>
}

/** How a run ended. */
export interface RunOutcome {
  /** `null` when the process was ended by a signal or never started. */
  readonly exitCode: number | null
  readonly signal: NodeJS.Signals | null
  readonly timedOut: boolean
  /** Why the program could not start (ENOENT, EACCES), when it did not. */
  readonly spawnError: string | null
  readonly output: string
  readonly durationMs: number
}

/** Keeps the last `limit` bytes written to it. */
class OutputTail {
  readonly #limit: number
  #chunks: Buffer[] = []
  #size = 0
  #dropped = 0

  constructor(limit: number) {
    this.#limit = limit
  }

  push(chunk: Buffer): void {
    this.#chunks.push(chunk)
    this.#size += chunk.length
    while (this.#size > this.#limit && this.#chunks.length > 0) {
      const first = this.#chunks[0]
      if (first === undefined) break
      const excess = this.#size - this.#limit
      if (first.length <= excess) {
        this.#chunks.shift()
        this.#size -= first.length
        this.#dropped += first.length
      } else {
        this.#chunks[0] = first.subarray(excess)
        this.#size -= excess
        this.#dropped += excess
      }
    }
  }

  text(): string {
    const body = Buffer.concat(this.#chunks).toString('utf8')
    return this.#dropped === 0 ? body : `[${this.#dropped} earlier bytes not kept]\n${body}`
  }
}

/** Sends `signal` to the process group of `pid`, ignoring a group already gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal)
  } catch {
    // ESRCH: the group has ended already.
  }
}

/**
 * Runs `argv` and resolves when it has ended (or could not start). Never rejects for the
 * program's own failure: the outcome says what happened.
 *
 * @example
 * const outcome = await runCommand({ argv: ['/usr/bin/apt-get', 'install', '-y', 'jq'], timeoutMs: 3_600_000 })
 */
export function runCommand(options: RunOptions): Promise<RunOutcome> {
  const started = performance.now()
  const [program, ...args] = options.argv
  const tail = new OutputTail(options.maxOutputBytes ?? RUN_DEFAULTS.maxOutputBytes)
  return new Promise((resolve) => {
    if (program === undefined) {
      resolve({
        exitCode: null,
        signal: null,
        timedOut: false,
        spawnError: 'empty command line',
        output: '',
        durationMs: 0,
      })
      return
    }
    const child = spawn(program, args, {
      shell: false,
      // Its own process group: a timeout ends every process the installer started.
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      ...(options.env === undefined ? {} : { env: { ...options.env } }),
      ...(options.uid === undefined ? {} : { uid: options.uid }),
      ...(options.gid === undefined ? {} : { gid: options.gid }),
    })
    let timedOut = false
    let timer: NodeJS.Timeout | undefined
    let killTimer: NodeJS.Timeout | undefined
    let spawnError: string | null = null
    child.stdout.on('data', (chunk: Buffer) => tail.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => tail.push(chunk))
    child.on('spawn', () => {
      if (child.pid !== undefined) {
        // Recording the pid is best effort: without it a restarted agent re-detects at once.
        Promise.resolve(options.onStart?.(child.pid)).catch(() => undefined)
      }
      if (options.timeoutMs !== null && child.pid !== undefined) {
        const pid = child.pid
        timer = setTimeout(() => {
          timedOut = true
          signalGroup(pid, 'SIGTERM')
          killTimer = setTimeout(
            () => signalGroup(pid, 'SIGKILL'),
            options.killGraceMs ?? RUN_DEFAULTS.killGraceMs,
          )
        }, options.timeoutMs)
      }
    })
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = `${program} could not start: ${error.code ?? error.message}`
    })
    child.on('exit', () => {
      // Whatever the installer left running in its group ends with it (and lets the pipes close).
      if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL')
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      clearTimeout(killTimer)
      resolve({
        // A program that never started has no exit code (Node reports the negated errno).
        exitCode: spawnError === null ? code : null,
        signal,
        timedOut,
        spawnError,
        output: tail.text(),
        durationMs: Math.round(performance.now() - started),
      })
    })
  })
}

/** True while a process with this pid exists and is not a zombie waiting to be reaped. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EPERM')) return false
  }
  if (process.platform !== 'linux') return true
  try {
    // Field 3 of /proc/<pid>/stat is the state; Z is a zombie (ended, not yet reaped).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return false
  }
}

/** Joins argv for people and status messages: arguments with spaces are quoted; never run. */
export function displayCommandLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ')
}
