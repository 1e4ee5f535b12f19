/**
 * The real agent as a child process (`sitrep agent run`), for end-to-end tests against a real
 * site: its own state directory and socket, policy minutes of one second, a short poll delay,
 * and `--restart-action log` so a due restart is only written to its log.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { request as httpRequest } from 'node:http'
import { fileURLToPath } from 'node:url'

const SITREP_BIN = fileURLToPath(new URL('../bin/sitrep.js', import.meta.url))

/** A running `sitrep agent run`. */
export interface AgentProcess {
  readonly child: ChildProcess
  readonly socket: string
  /** What it logged so far (JSON lines on stderr), for failure messages and log checks. */
  stderr(): string
  /** Resolves with the exit code or signal once it has ended. */
  exited(): Promise<number | NodeJS.Signals | null>
  /** Sends `signal` and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<void>
}

/** Starts the agent and resolves once it says it is running (its socket is listening). */
export function startAgentProcess(options: {
  readonly stateDir: string
  readonly socket: string
  readonly mpUrl: string
  readonly env?: Readonly<Record<string, string>>
  /** A hang guard, not a performance check. */
  readonly timeoutMs?: number
}): Promise<AgentProcess> {
  const child = spawn(
    process.execPath,
    [
      SITREP_BIN,
      'agent',
      'run',
      '--state-dir',
      options.stateDir,
      '--socket',
      options.socket,
      '--mp',
      options.mpUrl,
      '--restart-action',
      'log',
    ],
    {
      env: {
        ...process.env,
        SITREP_AGENT_MINUTE_MS: '1000',
        SITREP_AGENT_POLL_MS: '300',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stdout = ''
  let stderr = ''
  const exit = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? code))
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const handle: AgentProcess = {
    child,
    socket: options.socket,
    stderr: () => stderr,
    exited: () => exit,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      await exit
    },
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`sitrep agent run did not start in time.\nstdout:\n${stdout}\nstderr:\n${stderr}`))
    }, options.timeoutMs ?? 120_000)
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      if (stdout.includes('sitrep agent running')) {
        clearTimeout(timer)
        resolve(handle)
      }
    })
    void exit.then((code) => {
      clearTimeout(timer)
      reject(
        new Error(
          `sitrep agent run exited (${String(code)}) before it ran.\nstdout:\n${stdout}\nstderr:\n${stderr}`,
        ),
      )
    })
  })
}

/** Polls `check` until it returns true; `timeoutMs` is a hang guard, nothing depends on speed. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 60_000,
  context: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms\n${context()}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** One request to the agent's local API as this process's user (root in the tests); the parsed reply. */
export function localApi(socket: string, method: string, route: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ socketPath: socket, method, path: route }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
      res.on('end', () => {
        try {
          resolve(JSON.parse(text) as unknown)
        } catch (error) {
          reject(new Error(`${method} ${route} answered ${res.statusCode}: ${text}`, { cause: error }))
        }
      })
    })
    req.on('error', reject)
    req.end()
  })
}
