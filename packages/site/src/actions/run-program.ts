import { spawn } from 'node:child_process'
import { isAbsolute } from 'node:path'
import { createConcurrencyLimit } from './concurrency-limit.ts'
import type { ProgramOutcome } from './program-outcome.ts'

/** Options of {@link createProgramRunner}. */
export interface ProgramRunnerOptions {
  /** Programs running at once; more wait in the queue. */
  readonly maxConcurrent: number
  /** A run still going after this long is stopped and reported `timed_out`. */
  readonly timeoutMs: number
  /** Bytes of stdout and of stderr kept (the last ones) for the failure report. */
  readonly maxOutputBytes: number
  /** Runs waiting for a slot; beyond this a run is `refused`. Default 100. */
  readonly maxQueued?: number
  /** Time between SIGTERM and SIGKILL for a run that timed out. Default 2000 ms. */
  readonly killGraceMs?: number
  /** Milliseconds from any fixed origin, for durations. Default `performance.now`. */
  readonly clock?: () => number
}

/** Runs the programs of "run a program" rule actions. */
export interface ProgramRunner {
  /**
   * Runs one already expanded argv (argv[0] the program, the rest its arguments) and resolves
   * with how it ended; it never rejects. No shell is involved, so message text in an argument
   * stays one argument and is never parsed as a command.
   */
  run(argv: readonly string[]): Promise<ProgramOutcome>
  /** Programs running now. */
  readonly running: number
  /** Runs waiting for a slot. */
  readonly queued: number
}

/**
 * Creates the runner of the "run a program" action (reference §8.3, §8.5). Each run is spawned
 * with `shell: false`, limited in time (SIGTERM, then SIGKILL after a grace period, to the whole
 * process group on POSIX) and in kept output; runs beyond `maxConcurrent` queue, and beyond
 * `maxQueued` are refused. Program lookup follows `PATH` for a bare name (`notify-send`), and a
 * relative path with a separator (`./x`, `bin/x`) is refused, as it would depend on the site's
 * working directory.
 */
export function createProgramRunner(options: ProgramRunnerOptions): ProgramRunner {
  const limit = createConcurrencyLimit({
    maxConcurrent: options.maxConcurrent,
    maxQueued: options.maxQueued ?? 100,
  })
  const settings: SpawnSettings = {
    timeoutMs: options.timeoutMs,
    maxOutputBytes: options.maxOutputBytes,
    killGraceMs: options.killGraceMs ?? 2000,
    clock: options.clock ?? (() => performance.now()),
  }
  return {
    async run(argv) {
      const invalid = checkProgramArgv(argv)
      if (invalid !== null) return { kind: 'refused', reason: invalid }
      const slot = await limit.acquire()
      if (slot === null) {
        return { kind: 'refused', reason: `too many programs waiting (${options.maxQueued ?? 100} queued)` }
      }
      try {
        return await spawnProgram(argv, settings)
      } finally {
        slot.release()
      }
    },
    get running() {
      return limit.running
    },
    get queued() {
      return limit.queued
    },
  }
}

/**
 * Returns why an argv cannot be run, or `null` when it can: it must name a program, which is a
 * bare name or an absolute path, and no argument may hold a NUL (the OS cannot pass one).
 */
export function checkProgramArgv(argv: readonly string[]): string | null {
  const program = argv[0]
  if (program === undefined || program.trim() === '') return 'the program line is empty'
  if (argv.some((arg) => arg.includes('\0'))) return 'an argument contains a NUL character'
  if (/\p{Cc}/u.test(program)) return 'the program path contains a control character'
  if (!isAbsolute(program) && /[/\\]/.test(program)) {
    return `the program path ${JSON.stringify(program)} is relative; give an absolute path or a bare name found in PATH`
  }
  return null
}

interface SpawnSettings {
  readonly timeoutMs: number
  readonly maxOutputBytes: number
  readonly killGraceMs: number
  readonly clock: () => number
}

function spawnProgram(argv: readonly string[], settings: SpawnSettings): Promise<ProgramOutcome> {
  const [program = '', ...args] = argv
  const started = settings.clock()
  const posix = process.platform !== 'win32'
  return new Promise((resolve) => {
    let child
    try {
      child = spawn(program, args, {
        shell: false,
        windowsHide: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group on POSIX, so a timeout also stops what the program started.
        detached: posix,
      })
    } catch (error) {
      // spawn throws synchronously only for arguments it rejects outright.
      resolve({ kind: 'could_not_start', error: errorText(error) })
      return
    }
    const stdout = createTail(settings.maxOutputBytes)
    const stderr = createTail(settings.maxOutputBytes)
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))

    let timedOut = false
    let settled = false
    const timers: NodeJS.Timeout[] = []
    const signal = (name: NodeJS.Signals): void => {
      try {
        if (posix && child.pid !== undefined) process.kill(-child.pid, name)
        else child.kill(name)
      } catch {
        // The group is already gone.
      }
    }
    const finish = (outcome: ProgramOutcome): void => {
      if (settled) return
      settled = true
      for (const timer of timers) clearTimeout(timer)
      child.stdout.destroy()
      child.stderr.destroy()
      resolve(outcome)
    }

    const deadline = setTimeout(() => {
      timedOut = true
      signal('SIGTERM')
      timers.push(setTimeout(() => signal('SIGKILL'), settings.killGraceMs))
    }, settings.timeoutMs)
    timers.push(deadline)

    child.once('error', (error) => finish({ kind: 'could_not_start', error: errorText(error) }))
    child.once('exit', (exitCode, exitSignal) => {
      clearTimeout(deadline)
      const durationMs = Math.round(settings.clock() - started)
      const outcome = (): ProgramOutcome => {
        if (timedOut) return { kind: 'timed_out', durationMs }
        if (exitCode === 0) return { kind: 'succeeded', exitCode: 0, durationMs }
        const errText = stderr.text()
        return {
          kind: 'failed',
          exitCode,
          signal: exitSignal,
          stderrTail: errText === '' ? stdout.text() : errText,
          durationMs,
        }
      }
      // Output may still be in the pipes; wait for them to close, but not for a background
      // process that inherited them and lives on.
      child.once('close', () => finish(outcome()))
      timers.push(setTimeout(() => finish(outcome()), settings.killGraceMs))
    })
  })
}

/** Keeps the last `maxBytes` bytes of a stream. */
function createTail(maxBytes: number): { push(chunk: Buffer): void; text(): string } {
  let kept = Buffer.alloc(0)
  return {
    push(chunk) {
      kept = Buffer.concat([kept, chunk])
      if (kept.length > maxBytes) kept = kept.subarray(kept.length - maxBytes)
    },
    text() {
      return kept.toString('utf8')
    },
  }
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as NodeJS.ErrnoException).code // spawn errors are ErrnoExceptions; code may be absent
  return code === undefined ? error.message : `${code}: ${error.message}`
}
