import { describe, expect, it } from 'vitest'
import { CollectionDefinitionSchema } from './collection.ts'
import { compareVersions } from './compare-versions.ts'
import { PolicyAssignmentsRequestSchema } from './policy.ts'

describe('compareVersions', () => {
  it('compares numeric parts as numbers and a missing part as lower', () => {
    expect(compareVersions('1.10', '1.9')).toBeGreaterThan(0)
    expect(compareVersions('1.2', '1.2.1')).toBeLessThan(0)
    expect(compareVersions('22.04', '22.04')).toBe(0)
    expect(compareVersions('2.0-beta', '2.0-alpha')).toBeGreaterThan(0)
    expect(compareVersions('1.2.0', '1.2.beta')).toBeGreaterThan(0)
  })
})

describe('CollectionDefinitionSchema', () => {
  it('fills defaults for a definition with only a name and a rule', () => {
    const parsed = CollectionDefinitionSchema.parse({ name: 'Linux', rules: [{ platforms: ['linux'] }] })
    expect(parsed).toMatchObject({ staticMembers: [], include: [], exclude: [], maintenanceWindows: [] })
    expect(parsed.rules[0]).toEqual({ name: '', platforms: ['linux'] })
  })

  it('refuses an unknown rule field and names it', () => {
    const result = CollectionDefinitionSchema.safeParse({ name: 'x', rules: [{ platfrom: ['linux'] }] })
    expect(result.success).toBe(false)
    expect(JSON.stringify(result.error?.issues)).toContain('platfrom')
  })

  it('refuses a maintenance window in an unknown time zone', () => {
    const result = CollectionDefinitionSchema.safeParse({
      name: 'x',
      maintenanceWindows: [
        {
          name: 'w',
          timeZone: 'Mars/Olympus',
          start: '22:00',
          durationMinutes: 60,
          recurrence: { kind: 'daily' },
        },
      ],
    })
    expect(result.error?.issues[0]?.path).toEqual(['maintenanceWindows', 0, 'timeZone'])
  })
})

describe('PolicyAssignmentsRequestSchema', () => {
  it('carries the facts a client reports about itself', () => {
    expect(
      PolicyAssignmentsRequestSchema.parse({ facts: { platform: 'linux', osVersion: '12' } }).facts,
    ).toEqual({
      platform: 'linux',
      osVersion: '12',
    })
  })
})
