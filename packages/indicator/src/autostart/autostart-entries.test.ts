import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  autostartFilePath,
  launchAgentPlist,
  windowsRunCommand,
  windowsRunRegArgs,
  windowsRunRegFile,
  xdgAutostartEntry,
} from './autostart-entries.ts'

const SHIPPED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../autostart')

describe('the autostart entries', () => {
  it('ships exactly what the functions write with the default command', async () => {
    expect(await readFile(path.join(SHIPPED, 'sitrep-indicator.desktop'), 'utf8')).toBe(xdgAutostartEntry())
    expect(await readFile(path.join(SHIPPED, 'org.sitrep.indicator.plist'), 'utf8')).toBe(launchAgentPlist())
    expect(await readFile(path.join(SHIPPED, 'sitrep-indicator.reg'), 'utf8')).toBe(windowsRunRegFile())
  })

  it('runs `sitrep indicator` from an XDG autostart entry, quoting arguments with spaces as the spec says', () => {
    const entry = xdgAutostartEntry([
      '/opt/Sitrep Tools/sitrep',
      'indicator',
      '--socket',
      '/run/a b/agent.sock',
    ])
    expect(entry).toContain('\nExec="/opt/Sitrep Tools/sitrep" indicator --socket "/run/a b/agent.sock"\n')
    expect(entry.startsWith('[Desktop Entry]\nType=Application\n')).toBe(true)
    expect(entry).toContain('\nTerminal=false\n')
    expect(entry).toContain('\nName[de]=Sitrep-Statusanzeige\n')
    // A literal backslash in a quoted argument is escaped for Exec, then once more for the file format.
    expect(xdgAutostartEntry(['/opt/a\\b c/sitrep', 'indicator'])).toContain(
      '\nExec="/opt/a\\\\\\\\b c/sitrep" indicator\n',
    )
  })

  it('runs it in the Aqua session from a launchd agent that is not kept alive, with XML-escaped arguments', () => {
    const plist = launchAgentPlist(['/Applications/Sitrep & Co/sitrep', 'indicator'])
    expect(plist).toContain('<string>org.sitrep.indicator</string>')
    expect(plist).toContain(
      '<string>/Applications/Sitrep &amp; Co/sitrep</string>\n    <string>indicator</string>',
    )
    expect(plist).toContain('<key>RunAtLoad</key>\n  <true/>')
    expect(plist).toContain('<key>KeepAlive</key>\n  <false/>')
    expect(plist).toContain('<key>LimitLoadToSessionType</key>\n  <string>Aqua</string>')
  })

  it('stores a command line in the user’s Run key that Windows splits back into the same arguments', () => {
    expect(windowsRunCommand()).toBe('"C:\\Program Files\\Sitrep\\sitrep.exe" indicator')
    expect(windowsRunCommand(['C:\\sitrep.exe', 'indicator', '--socket', 'C:\\a b\\'])).toBe(
      'C:\\sitrep.exe indicator --socket "C:\\a b\\\\"',
    )
    expect(windowsRunRegArgs('install')).toEqual([
      'add',
      'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
      '/v',
      'SitrepIndicator',
      '/t',
      'REG_SZ',
      '/d',
      '"C:\\Program Files\\Sitrep\\sitrep.exe" indicator',
      '/f',
    ])
    expect(windowsRunRegArgs('remove')).toEqual([
      'delete',
      'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
      '/v',
      'SitrepIndicator',
      '/f',
    ])
    expect(windowsRunRegFile()).toContain(
      '[HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run]\r\n"SitrepIndicator"="\\"C:\\\\Program Files\\\\Sitrep\\\\sitrep.exe\\" indicator"\r\n',
    )
  })

  it('puts the file in $XDG_CONFIG_HOME/autostart (else ~/.config) and ~/Library/LaunchAgents', () => {
    expect(autostartFilePath('linux', { XDG_CONFIG_HOME: '/home/ada/cfg' }, '/home/ada')).toBe(
      '/home/ada/cfg/autostart/sitrep-indicator.desktop',
    )
    expect(autostartFilePath('linux', {}, '/home/ada')).toBe(
      '/home/ada/.config/autostart/sitrep-indicator.desktop',
    )
    // A relative XDG_CONFIG_HOME is invalid (XDG base directory spec) and ignored.
    expect(autostartFilePath('linux', { XDG_CONFIG_HOME: 'cfg' }, '/home/ada')).toBe(
      '/home/ada/.config/autostart/sitrep-indicator.desktop',
    )
    expect(autostartFilePath('macos', {}, '/Users/ada')).toBe(
      '/Users/ada/Library/LaunchAgents/org.sitrep.indicator.plist',
    )
  })
})
