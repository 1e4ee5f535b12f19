import type { Application } from '@sitrep/protocol'
import { describe, expect, it } from 'vitest'
import { UsageError } from '../../usage-error.ts'
import { applicationFromFlags, commandLine, detectionFromFlags, revisionFromFlags } from './app-flags.ts'

const CONTENT = [{ path: 'editor.deb', sha256: 'a'.repeat(64), size: 5000 }]

describe('applicationFromFlags', () => {
  it('makes one deployment type of the platform, with the install argv as given, one flag per argument', () => {
    const app = applicationFromFlags(
      {
        name: 'Editor',
        platform: 'linux',
        install: ['/usr/bin/dpkg', '-i', 'editor.deb'],
        detectFile: '/usr/bin/editor',
      },
      CONTENT,
    )
    expect(app).toEqual({
      name: 'Editor',
      deploymentTypes: [
        {
          id: 'linux',
          name: 'Editor (linux)',
          platform: 'linux',
          install: ['/usr/bin/dpkg', '-i', 'editor.deb'],
          detection: { kind: 'file_exists', path: '/usr/bin/editor' },
          content: CONTENT,
        },
      ],
    })
  })

  it('names the missing flag when there is no name, no install command or no detection method', () => {
    expect(() => applicationFromFlags({ install: ['x'], detectFile: '/x' }, [])).toThrow(/--name is required/)
    expect(() => applicationFromFlags({ name: 'A', detectFile: '/x' }, [])).toThrow(/--install is required/)
    expect(() => applicationFromFlags({ name: 'A', install: ['x'] }, [])).toThrow(
      /a detection method is required/,
    )
    expect(() =>
      applicationFromFlags({ name: 'A', install: ['x'], detectFile: '/x', platform: 'beos' }, []),
    ).toThrow('--platform must be one of linux, macos, windows, any, got "beos"')
  })
})

describe('commandLine', () => {
  it('refuses a shell command line squeezed into one flag and shows the flags to use instead', () => {
    expect(() => commandLine('--install', ['dpkg -i editor.deb'])).toThrow(
      '--install "dpkg -i editor.deb" is a shell command line; the agent runs commands without a shell, so give the program and each argument as its own --install (--install dpkg --install -i --install editor.deb)',
    )
    expect(() => commandLine('--install', ['make && make install'])).toThrow(UsageError)
    expect(() => commandLine('--install', ['msiexec /i editor.msi'])).toThrow(UsageError)
    expect(() => commandLine('--install', ['sh install.sh'])).toThrow(UsageError)
  })

  it('keeps a lone program path with blanks in it, and any argument once there are several', () => {
    expect(commandLine('--install', ['/opt/My Editor/install'])).toEqual(['/opt/My Editor/install'])
    expect(commandLine('--install', ['C:\\Program Files\\Editor\\setup.exe'])).toEqual([
      'C:\\Program Files\\Editor\\setup.exe',
    ])
    expect(commandLine('--install', ['/bin/sh', '-c', 'echo a | tee b'])).toEqual([
      '/bin/sh',
      '-c',
      'echo a | tee b',
    ])
  })
})

describe('detectionFromFlags', () => {
  it('reads a package detection as MANAGER:NAME@MIN_VERSION', () => {
    expect(detectionFromFlags({ detectPackage: 'dpkg:editor@2.1' })).toEqual({
      kind: 'package',
      manager: 'dpkg',
      name: 'editor',
      minVersion: '2.1',
    })
    expect(detectionFromFlags({ detectPackage: 'rpm:editor' })).toEqual({
      kind: 'package',
      manager: 'rpm',
      name: 'editor',
    })
  })

  it('refuses an unknown package manager, a malformed value, and two detection methods at once', () => {
    expect(() => detectionFromFlags({ detectPackage: 'apt:editor' })).toThrow(
      /manager must be one of dpkg, rpm, brew, msi/,
    )
    expect(() => detectionFromFlags({ detectPackage: 'editor' })).toThrow(/MANAGER:NAME/)
    expect(() => detectionFromFlags({ detectFile: '/x', detectPackage: 'dpkg:x' })).toThrow(
      'give one detection method, not --detect-file and --detect-package',
    )
  })
})

describe('revisionFromFlags', () => {
  const current: Application = {
    id: 'APP-00001',
    revision: 3,
    name: 'Editor',
    publisher: '',
    version: '2.0',
    description: '',
    deploymentTypes: [
      {
        id: 'deb',
        name: 'Editor (deb)',
        platform: 'linux',
        linuxFamily: 'debian',
        install: ['/usr/bin/dpkg', '-i', 'editor.deb'],
        content: [],
        detection: { kind: 'file_exists', path: '/usr/bin/editor' },
        requirements: [],
        estimatedRunMinutes: 5,
        maxRunMinutes: 120,
        runAs: 'system',
        userVisible: false,
        successAction: 'none',
        successExitCodes: [],
      },
    ],
  }

  it('changes only the fields whose flags are given, on the only deployment type', () => {
    const next = revisionFromFlags(current, { appVersion: '2.1', successAction: 'restart' }, undefined)
    expect(next).not.toHaveProperty('id')
    expect(next.version).toBe('2.1')
    expect(next.deploymentTypes[0]).toEqual({ ...current.deploymentTypes[0], successAction: 'restart' })
  })

  it('asks which deployment type to change when --type-id names none of them', () => {
    expect(() => revisionFromFlags(current, { typeId: 'msi' }, undefined)).toThrow(
      'app revise: --type-id msi is not a deployment type of APP-00001 (deb)',
    )
  })
})
