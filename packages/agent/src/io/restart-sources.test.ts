import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../test/helpers/temp-dir.ts'
import { parseInhibitorList } from './inhibitor.ts'
import { logoffCommand, recordingRestartAction, restartCommand } from './restart-action.ts'
import {
  fileRestartSource,
  needrestartSaysPending,
  pendingRestartSources,
  platformRestartSources,
} from './restart-sources.ts'

describe('restart sources', () => {
  it('reads a restart as pending while the reboot-required file exists', async () => {
    const dir = await tempDir()
    const file = path.join(dir, 'reboot-required')
    const source = fileRestartSource(file)
    expect(await pendingRestartSources([source])).toEqual([])
    await writeFile(file, '*** System restart required ***\n')
    expect(await pendingRestartSources([source])).toEqual([file])
  })

  it('reads needrestart -b: a newer kernel waiting (KSTA 2 or 3) means restart', () => {
    expect(needrestartSaysPending('NEEDRESTART-VER: 3.6\nNEEDRESTART-KCUR: 6.1\nNEEDRESTART-KSTA: 3\n')).toBe(
      true,
    )
    expect(needrestartSaysPending('NEEDRESTART-KSTA: 1\n')).toBe(false)
  })

  it('asks needs-restarting -r on Linux and reads exit 1 as pending', async () => {
    const seen: string[][] = []
    const sources = platformRestartSources('linux', (options) => {
      seen.push([...options.argv])
      const exitCode = options.argv[0] === 'needs-restarting' ? 1 : 0
      return Promise.resolve({
        exitCode,
        signal: null,
        timedOut: false,
        spawnError: null,
        output: '',
        durationMs: 1,
      })
    })
    const pending = await pendingRestartSources(sources.filter((s) => s.name !== '/var/run/reboot-required'))
    expect(pending).toEqual(['needs-restarting'])
    expect(seen).toContainEqual(['needs-restarting', '-r'])
    expect(seen).toContainEqual(['needrestart', '-b'])
  })

  it('builds the Windows and macOS sources behind the same interface', () => {
    expect(platformRestartSources('win32').map((s) => s.name)).toEqual([
      'CBS RebootPending',
      'Windows Update RebootRequired',
      'PendingFileRenameOperations',
    ])
    expect(platformRestartSources('darwin').map((s) => s.name)).toEqual(['AutoUpdateRestartRequired'])
  })
})

describe('restart action', () => {
  it('names the platform restart and logoff commands', () => {
    expect(restartCommand('linux')).toEqual(['systemctl', 'reboot', '--message=Sitrep: a restart is due'])
    expect(logoffCommand('ada', 'linux')).toEqual(['loginctl', 'terminate-user', 'ada'])
    expect(restartCommand('win32')[0]).toBe('shutdown.exe')
  })

  it('records instead of restarting in tests', async () => {
    const action = recordingRestartAction()
    await action.restart('deadline passed')
    expect(action.calls).toEqual([{ kind: 'restart', userName: null, reason: 'deadline passed' }])
  })
})

describe('parseInhibitorList', () => {
  it('reads the columns of systemd-inhibit --list', () => {
    const text =
      'NetworkManager  0   root  812  NetworkManager  sleep             NetworkManager needs to turn off networks  delay\n' +
      'backup          0   root  900  backup          shutdown:sleep    Backup running                             block\n'
    expect(parseInhibitorList(text)).toEqual([
      {
        who: 'NetworkManager',
        what: 'sleep',
        why: 'NetworkManager needs to turn off networks',
        mode: 'delay',
      },
      { who: 'backup', what: 'shutdown:sleep', why: 'Backup running', mode: 'block' },
    ])
  })
})
