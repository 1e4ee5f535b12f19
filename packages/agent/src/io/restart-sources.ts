/**
 * Whether the OS says a restart is pending (reference §16.4), one source per signal, each
 * behind the same small interface so tests and other platforms bring their own. Linux:
 * `/var/run/reboot-required` (Debian, Ubuntu), `needs-restarting -r` (RHEL family: exit 1 means
 * a restart is needed), `needrestart -b` (`NEEDRESTART-KSTA: 2` or `3`: a newer kernel waits).
 * macOS: `com.apple.commerce AutoUpdateRestartRequired`. Windows: the CBS and Windows Update
 * `RebootRequired`/`RebootPending` keys and `PendingFileRenameOperations`.
 */
import { stat } from 'node:fs/promises'
import { runCommand } from './run-command.ts'

/** One place the OS says "restart needed". */
export interface RestartSource {
  /** Shown in `requestedBy` of the pending restart. */
  readonly name: string
  /** True when this source says a restart is pending; a missing tool answers false. */
  pending(): Promise<boolean>
}

/** A file whose presence means a restart is pending (Debian's `/var/run/reboot-required`). */
export function fileRestartSource(file = '/var/run/reboot-required'): RestartSource {
  return {
    name: file,
    async pending() {
      try {
        await stat(file)
        return true
      } catch {
        return false
      }
    },
  }
}

/** Reads `needrestart -b` output: a pending kernel (KSTA 2 or 3) means restart. */
export function needrestartSaysPending(output: string): boolean {
  const match = /^NEEDRESTART-KSTA:\s*(\d+)/m.exec(output)
  return match !== null && (match[1] === '2' || match[1] === '3')
}

/** A program whose answer says whether a restart is pending. */
export function commandRestartSource(
  name: string,
  argv: readonly string[],
  judge: (outcome: { readonly exitCode: number | null; readonly output: string }) => boolean,
  run: typeof runCommand = runCommand,
): RestartSource {
  return {
    name,
    async pending() {
      const outcome = await run({ argv, timeoutMs: 60_000 })
      if (outcome.spawnError !== null || outcome.timedOut) return false
      return judge(outcome)
    },
  }
}

/** The restart sources of a platform. */
export function platformRestartSources(
  platform: NodeJS.Platform = process.platform,
  run: typeof runCommand = runCommand,
): readonly RestartSource[] {
  if (platform === 'linux') {
    return [
      fileRestartSource('/var/run/reboot-required'),
      commandRestartSource('needs-restarting', ['needs-restarting', '-r'], (o) => o.exitCode === 1, run),
      commandRestartSource(
        'needrestart',
        ['needrestart', '-b'],
        (o) => needrestartSaysPending(o.output),
        run,
      ),
    ]
  }
  if (platform === 'darwin') {
    return [
      commandRestartSource(
        'AutoUpdateRestartRequired',
        ['defaults', 'read', '/Library/Preferences/com.apple.commerce', 'AutoUpdateRestartRequired'],
        (o) => o.exitCode === 0 && o.output.trim() === '1',
        run,
      ),
    ]
  }
  if (platform === 'win32') {
    return [
      commandRestartSource(
        'CBS RebootPending',
        [
          'reg',
          'query',
          'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending',
        ],
        (o) => o.exitCode === 0,
        run,
      ),
      commandRestartSource(
        'Windows Update RebootRequired',
        [
          'reg',
          'query',
          'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired',
        ],
        (o) => o.exitCode === 0,
        run,
      ),
      commandRestartSource(
        'PendingFileRenameOperations',
        [
          'reg',
          'query',
          'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager',
          '/v',
          'PendingFileRenameOperations',
        ],
        (o) => o.exitCode === 0,
        run,
      ),
    ]
  }
  return []
}

/** The names of the sources that say a restart is pending now. */
export async function pendingRestartSources(sources: readonly RestartSource[]): Promise<readonly string[]> {
  const answers = await Promise.all(sources.map(async (s) => ((await s.pending()) ? s.name : null)))
  return answers.filter((name): name is string => name !== null)
}
