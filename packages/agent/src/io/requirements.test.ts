import { describe, expect, it } from 'vitest'
import { parseOsRelease } from './machine-facts.ts'
import type { MachineFacts } from './machine-facts.ts'
import { checkRequirements } from './requirements.ts'

const debian: MachineFacts = {
  platform: 'linux',
  linuxFamily: 'debian',
  osVersion: '12',
  architecture: 'x64',
  memoryMegabytes: 4096,
}

describe('checkRequirements', () => {
  it('is met when every requirement holds', async () => {
    const result = await checkRequirements(
      [
        { kind: 'os', platform: 'linux', linuxFamily: 'debian', minVersion: '11' },
        { kind: 'architecture', values: ['x64', 'arm64'] },
        { kind: 'memory', minMegabytes: 1024 },
        { kind: 'free_disk', path: '/', minMegabytes: 1 },
      ],
      debian,
    )
    expect(result).toEqual({ met: true, unmet: [] })
  })

  it('lists each unmet requirement in words', async () => {
    const result = await checkRequirements(
      [
        { kind: 'os', platform: 'linux', linuxFamily: 'rhel' },
        { kind: 'memory', minMegabytes: 8192 },
        { kind: 'free_disk', path: '/data', minMegabytes: 500 },
      ],
      debian,
      { freeMegabytes: () => Promise.resolve(100) },
    )
    expect(result.met).toBe(false)
    expect(result.unmet).toEqual([
      'needs a rhel Linux, this machine is debian',
      'needs 8192 MB of memory, this machine has 4096 MB',
      'needs 500 MB free on /data, 100 MB are free',
    ])
  })
})

describe('parseOsRelease', () => {
  it('reads the family from ID_LIKE and the version', () => {
    expect(parseOsRelease('ID=ubuntu\nID_LIKE=debian\nVERSION_ID="24.04"\n')).toEqual({
      family: 'debian',
      version: '24.04',
    })
    expect(parseOsRelease('ID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.3"')).toEqual({
      family: 'rhel',
      version: '9.3',
    })
  })
})
