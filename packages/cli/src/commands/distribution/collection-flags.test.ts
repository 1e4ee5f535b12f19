import { describe, expect, it } from 'vitest'
import { collectionFromFlags, collectionUpdateFromFlags, parseWindow } from './collection-flags.ts'

describe('parseWindow', () => {
  it('reads recurrence, start, duration, time zone and type, and names the window by its text', () => {
    expect(parseWindow('weekly:sat,sun 22:00 90m UTC restart_only')).toEqual({
      name: 'weekly:sat,sun 22:00 90m UTC restart_only',
      recurrence: { kind: 'weekly', days: [6, 0] },
      start: '22:00',
      durationMinutes: 90,
      timeZone: 'UTC',
      type: 'restart_only',
    })
    expect(parseWindow('daily 02:00 2h Europe/Berlin')).toMatchObject({
      recurrence: { kind: 'daily', everyDays: 1 },
      durationMinutes: 120,
    })
    expect(parseWindow('monthly:15 01:00 30 UTC').recurrence).toEqual({ kind: 'monthly', dayOfMonth: 15 })
    expect(parseWindow('once:2026-12-24 18:00 1h UTC').recurrence).toEqual({
      kind: 'once',
      date: '2026-12-24',
    })
  })

  it('names --window and the part that is wrong', () => {
    expect(() => parseWindow('daily 02:00')).toThrow(/--window "daily 02:00" is not of the form/)
    expect(() => parseWindow('weekly:someday 02:00 1h UTC')).toThrow(/weekly:DAY,DAY takes days as mon/)
    expect(() => parseWindow('monthly:40 02:00 1h UTC')).toThrow(/monthly:N takes N from 1 to 31/)
    expect(() => parseWindow('daily 02:00 forever UTC')).toThrow(/the duration "forever" is minutes/)
    expect(() => parseWindow('daily 02:00 1h UTC sometimes')).toThrow(
      /--window type must be one of all_programs/,
    )
  })
})

describe('collectionFromFlags', () => {
  it('makes one query rule of the rule flags, beside direct members, includes and excludes', () => {
    expect(
      collectionFromFlags({
        name: 'Lab',
        member: ['LAB-01'],
        include: ['SMS000LX'],
        exclude: ['PS110001'],
        platform: ['linux'],
        namePattern: ['LAB-*'],
      }),
    ).toEqual({
      name: 'Lab',
      staticMembers: ['LAB-01'],
      rules: [{ platforms: ['linux'], namePatterns: ['LAB-*'] }],
      include: ['SMS000LX'],
      exclude: ['PS110001'],
      maintenanceWindows: [],
    })
  })

  it('on update, replaces only the parts whose flags are given', () => {
    const current = {
      name: 'Lab',
      description: 'the lab',
      staticMembers: ['LAB-01'],
      rules: [{ name: '', platforms: ['linux' as const] }],
      include: [],
      exclude: [],
      maintenanceWindows: [],
    }
    expect(collectionUpdateFromFlags(current, { include: ['SMS000LX'] })).toEqual({
      ...current,
      include: ['SMS000LX'],
    })
  })
})
