import type { MaintenanceWindow } from '@sitrep/protocol'
import { describe, expect, it } from 'vitest'
import { evaluateWindows, windowOccurrences } from './maintenance-window.ts'

const window = (fields: Partial<MaintenanceWindow>): MaintenanceWindow => ({
  name: 'Nights',
  type: 'all_programs',
  timeZone: 'UTC',
  start: '22:00',
  durationMinutes: 120,
  recurrence: { kind: 'daily', everyDays: 1 },
  enabled: true,
  ...fields,
})

const at = (iso: string): number => Date.parse(iso)

describe('evaluateWindows', () => {
  it('is unrestricted when no window applies to installs', () => {
    const verdict = evaluateWindows([window({ type: 'restart_only' })], 'install', at('2026-12-07T12:00:00Z'))
    expect(verdict).toEqual({ kind: 'unrestricted' })
  })

  it('names the next opening of a daily window in its time zone', () => {
    const berlin = window({ timeZone: 'Europe/Berlin' })
    const verdict = evaluateWindows([berlin], 'install', at('2026-12-07T12:00:00Z'))
    // 22:00 in Berlin in December is 21:00 UTC.
    expect(verdict).toEqual({ kind: 'closed', nextStart: at('2026-12-07T21:00:00Z') })
  })

  it('is open inside a window that began the evening before and runs past midnight', () => {
    const verdict = evaluateWindows([window({ durationMinutes: 240 })], 'install', at('2026-12-08T01:00:00Z'))
    expect(verdict).toEqual({ kind: 'open', until: at('2026-12-08T02:00:00Z'), window: 'Nights' })
  })

  it('skips a window too short for the maximum run time', () => {
    const verdict = evaluateWindows(
      [window({ durationMinutes: 30 })],
      'install',
      at('2026-12-07T22:10:00Z'),
      {
        minimumMinutes: 60,
      },
    )
    expect(verdict).toEqual({ kind: 'closed', nextStart: null })
  })

  it('lets a restart-only window allow restarts but not installs', () => {
    const restartOnly = window({ type: 'restart_only' })
    const now = at('2026-12-07T22:30:00Z')
    expect(evaluateWindows([restartOnly], 'restart', now).kind).toBe('open')
    expect(
      evaluateWindows([restartOnly, window({ type: 'all_programs', start: '03:00' })], 'install', now),
    ).toEqual({
      kind: 'closed',
      nextStart: at('2026-12-08T03:00:00Z'),
    })
  })

  it('follows the daylight saving change of the window time zone', () => {
    const newYork = window({
      timeZone: 'America/New_York',
      start: '02:30',
      recurrence: { kind: 'weekly', days: [0] },
    })
    // 2026-03-08 is the Sunday clocks jump from 02:00 to 03:00 in New York; 2026-03-15 is EDT (UTC-4).
    const verdict = evaluateWindows([newYork], 'install', at('2026-03-09T00:00:00Z'))
    expect(verdict).toEqual({ kind: 'closed', nextStart: at('2026-03-15T06:30:00Z') })
  })
})

describe('windowOccurrences', () => {
  it('yields a one-off window once, on its date', () => {
    const once = window({ recurrence: { kind: 'once', date: '2026-12-24' } })
    const found = [...windowOccurrences(once, at('2026-12-01T00:00:00Z'))]
    expect(found.map((o) => new Date(o.start).toISOString())).toEqual(['2026-12-24T22:00:00.000Z'])
  })

  it('yields a monthly window on its day of the month only', () => {
    const monthly = window({ recurrence: { kind: 'monthly', dayOfMonth: 31 } })
    const found = [...windowOccurrences(monthly, at('2026-11-01T00:00:00Z'))].slice(0, 2)
    expect(found.map((o) => new Date(o.start).toISOString())).toEqual([
      '2026-12-31T22:00:00.000Z',
      '2027-01-31T22:00:00.000Z',
    ])
  })

  it('yields nothing for a disabled window', () => {
    expect([...windowOccurrences(window({ enabled: false }), 0)]).toEqual([])
  })
})
