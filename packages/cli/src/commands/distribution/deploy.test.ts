import { describe, expect, it } from 'vitest'
import { deploymentFromFlags, parseTime } from './deploy.ts'

const NOW = Date.parse('2026-12-07T12:00:00Z')

describe('parseTime', () => {
  it('reads now, +30m / +2h / +7d from now, and ISO 8601 times with a zone', () => {
    expect(parseTime('--deadline', 'now', NOW)).toBe('2026-12-07T12:00:00.000Z')
    expect(parseTime('--deadline', '+30m', NOW)).toBe('2026-12-07T12:30:00.000Z')
    expect(parseTime('--deadline', '+2h', NOW)).toBe('2026-12-07T14:00:00.000Z')
    expect(parseTime('--deadline', '+7d', NOW)).toBe('2026-12-14T12:00:00.000Z')
    expect(parseTime('--deadline', '2026-12-24T18:00:00+01:00', NOW)).toBe('2026-12-24T17:00:00.000Z')
  })

  it('refuses a time without a zone or that is no time, naming the flag', () => {
    expect(() => parseTime('--deadline', '2026-12-24T18:00:00', NOW)).toThrow(
      /^--deadline must be an ISO 8601 time with a zone/,
    )
    expect(() => parseTime('--available-at', 'friday', NOW)).toThrow(
      /^--available-at must be .*; got "friday"$/,
    )
  })
})

describe('deploymentFromFlags', () => {
  it('sends only the settings given, with times as ISO text', () => {
    expect(
      deploymentFromFlags(
        { app: 'APP-00001', collection: 'PS110001', intent: 'required', deadline: '+1d' },
        NOW,
      ),
    ).toEqual({
      applicationId: 'APP-00001',
      collectionId: 'PS110001',
      settings: { intent: 'required', deadline: '2026-12-08T12:00:00.000Z' },
    })
  })
})
