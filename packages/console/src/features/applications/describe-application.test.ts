import { describe, expect, it } from 'vitest'
import {
  describeArgv,
  describeDetection,
  describePlatform,
  describeRequirement,
  describeSuccess,
} from './describe-application.ts'

describe('application words', () => {
  it('shows an argv with only the arguments that need it quoted', () => {
    expect(describeArgv(['/usr/bin/dpkg', '-i', 'my file.deb', ''])).toBe('/usr/bin/dpkg -i "my file.deb" ""')
  })

  it('describes detection clauses, combinations included', () => {
    expect(
      describeDetection({
        kind: 'any',
        clauses: [
          { kind: 'package', manager: 'dpkg', name: 'editor', minVersion: '2.1' },
          { kind: 'file_exists', path: '/opt/editor/bin/editor' },
        ],
      }),
    ).toBe('any of (dpkg package editor is installed at 2.1 or later; file /opt/editor/bin/editor exists)')
    expect(
      describeDetection({
        kind: 'registry',
        hive: 'HKLM',
        key: 'SOFTWARE\\Editor',
        valueName: '',
        operator: 'exists',
      }),
    ).toBe('registry value HKLM\\SOFTWARE\\Editor\\(default) exists')
  })

  it('describes requirements and platforms', () => {
    expect(
      describeRequirement({ kind: 'os', platform: 'linux', linuxFamily: 'debian', minVersion: '12' }),
    ).toBe('Linux debian 12 or later')
    expect(describeRequirement({ kind: 'free_disk', path: '/', minMegabytes: 500 })).toBe('500 MB free on /')
    expect(describePlatform({ platform: 'linux', linuxFamily: 'rhel' })).toBe('Linux (rhel family)')
    expect(describePlatform({ platform: 'windows', linuxFamily: 'any' })).toBe('Windows')
  })

  it('names what success asks for and its exit codes', () => {
    expect(describeSuccess({ successAction: 'restart', successExitCodes: [17] })).toMatch(
      /^asks for a restart; success exit codes 0, also 17; 3010/,
    )
  })
})
