/**
 * What the agent does when a restart or logoff is enforced: a strategy, so tests (and the
 * bench) replace it with a recorder and never restart the machine they run on.
 */
import { runCommand } from './run-command.ts'

/** Restarts the machine or logs the user off. */
export interface RestartAction {
  restart(reason: string): Promise<void>
  logoff(userName: string | null, reason: string): Promise<void>
}

/** The commands of the real action per platform; exported so their argv can be checked. */
export function restartCommand(platform: NodeJS.Platform = process.platform): readonly string[] {
  if (platform === 'darwin') return ['/sbin/shutdown', '-r', '+1', 'Sitrep: a restart is due']
  if (platform === 'win32') return ['shutdown.exe', '/r', '/t', '60', '/c', 'Sitrep: a restart is due']
  return ['systemctl', 'reboot', '--message=Sitrep: a restart is due']
}

/** The command that logs `userName` off. */
export function logoffCommand(
  userName: string,
  platform: NodeJS.Platform = process.platform,
): readonly string[] {
  if (platform === 'darwin') return ['launchctl', 'bootout', `user/${userName}`]
  if (platform === 'win32') return ['logoff.exe']
  return ['loginctl', 'terminate-user', userName]
}

/** The real action: runs the platform's restart or logoff command. */
export function systemRestartAction(run: typeof runCommand = runCommand): RestartAction {
  return {
    async restart() {
      await run({ argv: restartCommand(), timeoutMs: 60_000 })
    },
    async logoff(userName) {
      if (userName === null) return
      await run({ argv: logoffCommand(userName), timeoutMs: 60_000 })
    },
  }
}

/** One call a {@link recordingRestartAction} saw. */
export interface RecordedRestart {
  readonly kind: 'restart' | 'logoff'
  readonly userName: string | null
  readonly reason: string
}

/** A restart action that only records what it was asked: for tests, the bench and dry runs. */
export function recordingRestartAction(): RestartAction & { readonly calls: RecordedRestart[] } {
  const calls: RecordedRestart[] = []
  return {
    calls,
    restart(reason) {
      calls.push({ kind: 'restart', userName: null, reason })
      return Promise.resolve()
    },
    logoff(userName, reason) {
      calls.push({ kind: 'logoff', userName, reason })
      return Promise.resolve()
    },
  }
}

/**
 * A restart action that only writes what it would have done to `log`: for machines whose
 * restarts someone else runs (`sitrep agent run --restart-action log`), and for tests that run
 * the real agent process.
 */
export function loggingRestartAction(log: (fields: object, message: string) => void): RestartAction {
  return {
    restart(reason) {
      log({ action: 'restart', reason }, 'restart due; --restart-action log leaves it to an administrator')
      return Promise.resolve()
    },
    logoff(userName, reason) {
      log(
        { action: 'logoff', userName, reason },
        'logoff due; --restart-action log leaves it to an administrator',
      )
      return Promise.resolve()
    },
  }
}
