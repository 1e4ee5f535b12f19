/**
 * Child processes running a TypeScript entry through tsx, talking over Node's IPC channel. The
 * load generator and the servers under test run this way, so what is measured never shares an
 * event loop or a CPU budget line with the process that measures it.
 */
import { fork } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'

/** A running child; messages arrive in order through {@link TsxChild.next}. */
export interface TsxChild<Message> {
  readonly pid: number
  readonly child: ChildProcess
  /** Resolves with the next IPC message; rejects when the child exits first or after `timeoutMs`. */
  next(timeoutMs: number, what: string): Promise<Message>
  send(message: unknown): void
  /** Ends the child (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>
  /** Everything the child wrote to stderr, for failure messages. */
  stderr(): string
}

/** Forks `entry` (a `.ts` file URL) with tsx; `isMessage` checks what the child sends. */
export function forkTsx<Message>(
  entry: URL,
  isMessage: (value: unknown) => value is Message,
  options: { readonly args?: readonly string[]; readonly env?: Readonly<Record<string, string>> } = {},
): TsxChild<Message> {
  const child = fork(entry, [...(options.args ?? [])], {
    // BENCH_PROFILE_DIR=<dir> writes a V8 CPU profile of every child, to see where time goes.
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_PROFILE_DIR === undefined
        ? []
        : ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]),
    ],
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  })
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    // Keep the tail only: a chatty child must not grow the parent's memory during a long run.
    stderr = (stderr + chunk).slice(-20_000)
  })
  const queue: Message[] = []
  const waiters: { resolve: (m: Message) => void; reject: (e: Error) => void }[] = []
  let exited: string | undefined
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? String(code)}`
      for (const w of waiters.splice(0)) w.reject(new Error(`${entry.pathname} ${exited}\n${stderr}`))
      resolve()
    })
  })
  child.on('message', (value: unknown) => {
    if (!isMessage(value)) return
    const waiter = waiters.shift()
    if (waiter === undefined) queue.push(value)
    else waiter.resolve(value)
  })
  if (child.pid === undefined) throw new Error(`could not start ${entry.pathname}`)
  const pid = child.pid
  return {
    pid,
    child,
    next(timeoutMs, what) {
      const queued = queue.shift()
      if (queued !== undefined) return Promise.resolve(queued)
      if (exited !== undefined) return Promise.reject(new Error(`${entry.pathname} ${exited}\n${stderr}`))
      return new Promise<Message>((resolve, reject) => {
        const timer = setTimeout(() => {
          const index = waiters.indexOf(entry_)
          if (index >= 0) waiters.splice(index, 1)
          reject(new Error(`gave up waiting ${timeoutMs} ms for ${what}\n${stderr}`))
        }, timeoutMs)
        const entry_ = {
          resolve: (m: Message) => {
            clearTimeout(timer)
            resolve(m)
          },
          reject: (e: Error) => {
            clearTimeout(timer)
            reject(e)
          },
        }
        waiters.push(entry_)
      })
    },
    send(message) {
      child.send(message as object) // IPC serializes plain objects; every caller sends one.
    },
    async stop() {
      if (exited !== undefined) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exitPromise
      clearTimeout(timer)
    },
    stderr: () => stderr,
  }
}

/** True for a plain object with a string `type` field: every IPC message of the bench. */
export function isTypedMessage(value: unknown): value is { readonly type: string } {
  return typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string'
}
