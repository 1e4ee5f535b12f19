import { spawn } from 'node:child_process'
import type { OsLogCommand } from './os-log-commands.ts'
import { OsLogError } from './os-log-error.ts'

const MAX_STDERR_BYTES = 4096
/** After SIGTERM, a tool that is still running gets SIGKILL this much later. */
const KILL_GRACE_MS = 1000

/**
 * Runs one OS log command without a shell and resolves when it exits 0. Rejects with an
 * {@link OsLogError}: `os_log_unavailable` when the tool cannot be started, `os_log_failed` when
 * it exits non-zero (its stderr in the message) or outlives `timeoutMs`.
 */
export function runOsLogCommand(
  command: OsLogCommand,
  options: { readonly timeoutMs: number },
): Promise<void> {
  const [program, ...args] = command.argv
  if (program === undefined) return Promise.reject(new RangeError('OS log command has no program'))
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      shell: false,
      windowsHide: true,
      stdio: [command.stdin === null ? 'ignore' : 'pipe', 'ignore', 'pipe'],
    })
    let stderr = ''
    let timedOut = false
    child.stderr?.setEncoding('utf8')
    child.stderr?.on('data', (chunk: string) => {
      if (stderr.length < MAX_STDERR_BYTES) stderr += chunk.slice(0, MAX_STDERR_BYTES - stderr.length)
    })
    // A tool that exits before reading stdin closes the pipe; its exit code tells what happened.
    child.stdin?.on('error', () => {})
    child.stdin?.end(command.stdin ?? undefined)
    let killTimer: NodeJS.Timeout | undefined
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGTERM')
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS)
    }, options.timeoutMs)
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      clearTimeout(killTimer)
      reject(
        new OsLogError('os_log_unavailable', `cannot start ${program}: ${error.code ?? error.message}`, {
          cause: error,
        }),
      )
    })
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      clearTimeout(killTimer)
      if (code === 0) return resolve()
      const why = timedOut
        ? `did not finish within ${options.timeoutMs} ms`
        : `exited with ${code ?? signal ?? 'unknown status'}`
      reject(new OsLogError('os_log_failed', `${program} ${why}${stderr === '' ? '' : `: ${stderr.trim()}`}`))
    })
  })
}
