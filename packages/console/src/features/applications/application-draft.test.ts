import { ApplicationSchema } from '@sitrep/protocol'
import { describe, expect, it } from 'vitest'
import {
  EMPTY_APPLICATION,
  applicationBody,
  applicationDraft,
  argvOf,
  emptyType,
} from './application-draft.ts'

const SHA = 'a'.repeat(64)

describe('the application form', () => {
  it('reads a command line one argument per line, spaces kept inside an argument', () => {
    expect(argvOf('/usr/bin/dpkg\r\n-i\n\nmy editor.deb\n')).toEqual(['/usr/bin/dpkg', '-i', 'my editor.deb'])
  })

  it('makes a body the application schema takes, with detection, requirements and content', () => {
    const result = applicationBody({
      ...EMPTY_APPLICATION,
      name: 'Editor',
      version: '2.1',
      types: [
        {
          ...emptyType(1),
          id: 'deb',
          platform: 'linux',
          linuxFamily: 'debian',
          install: '/usr/bin/dpkg\n-i\neditor.deb',
          uninstall: '/usr/bin/dpkg\n-r\neditor',
          content: [{ path: 'editor.deb', sha256: SHA, size: 10, executable: false }],
          detection: {
            ...emptyType(1).detection,
            kind: 'package',
            manager: 'dpkg',
            name: 'editor',
            minVersion: '2.1',
          },
          osMinVersion: '12',
          freeDiskPath: '/',
          freeDiskMegabytes: '200',
          successAction: 'restart',
          successExitCodes: '17, 18',
        },
      ],
    })
    if (!('body' in result)) throw new Error('expected a body')
    const parsed = ApplicationSchema.parse({ ...result.body, id: 'APP-00001', revision: 1 })
    const type = parsed.deploymentTypes[0]
    expect(type?.name).toBe('Editor')
    expect(type?.install).toEqual(['/usr/bin/dpkg', '-i', 'editor.deb'])
    expect(type?.detection).toEqual({ kind: 'package', manager: 'dpkg', name: 'editor', minVersion: '2.1' })
    expect(type?.requirements).toEqual([
      { kind: 'os', platform: 'linux', linuxFamily: 'debian', minVersion: '12' },
      { kind: 'free_disk', path: '/', minMegabytes: 200 },
    ])
    expect(type?.successExitCodes).toEqual([17, 18])
  })

  it('gives back the same application after a round trip through the form, combinations kept as JSON', () => {
    const stored = ApplicationSchema.parse({
      id: 'APP-00001',
      revision: 3,
      name: 'Editor',
      deploymentTypes: [
        {
          id: 'deb',
          name: 'Editor (deb)',
          platform: 'linux',
          install: ['/usr/bin/dpkg', '-i', 'editor.deb'],
          detection: {
            kind: 'any',
            clauses: [
              { kind: 'file_exists', path: '/opt/editor' },
              { kind: 'package', manager: 'dpkg', name: 'editor' },
            ],
          },
          requirements: [
            { kind: 'memory', minMegabytes: 512 },
            { kind: 'memory', minMegabytes: 1024 },
          ],
        },
      ],
    })
    const result = applicationBody(applicationDraft(stored))
    if (!('body' in result)) throw new Error('expected a body')
    const { id: _id, revision: _revision, ...rest } = stored
    expect(ApplicationSchema.omit({ id: true, revision: true }).parse(result.body)).toEqual(rest)
  })

  it('names the detection field when its JSON does not parse', () => {
    const result = applicationBody({
      ...EMPTY_APPLICATION,
      types: [{ ...emptyType(1), detection: { ...emptyType(1).detection, kind: 'json', json: '{ nope' } }],
    })
    expect('issues' in result && result.issues[0]?.field).toBe('deploymentTypes[0].detection')
  })
})
