import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hourCounter, messagesToHourCounters } from '../../test/helpers/hour-counters.ts'
import { resetCounts } from './count-resets.ts'
import { intervalStart, hourStartOf } from './interval-start.ts'
import { summarizeComponents } from './summarize-components.ts'
import type { SummaryWindow } from './tally-intervals.ts'
import { ROLLING_WINDOW_NAMES, TALLY_INTERVAL_NAMES } from './tally-intervals.ts'

const HOUR = 3_600_000
const utc = (iso: string): number => Date.parse(iso)
const SITE = { utcOffsetMinutes: 0, siteInstalledAt: utc('2026-01-01T00:00:00Z') }
const NOW = utc('2026-11-21T10:20:00Z')

describe('summarizeComponents', () => {
  it('adds up the hour counters of the interval per component and leaves earlier hours out', () => {
    const rows = [
      hourCounter(utc('2026-11-20T23:00:00Z'), 'error', 9),
      hourCounter(utc('2026-11-21T00:00:00Z'), 'error', 1),
      hourCounter(utc('2026-11-21T05:00:00Z'), 'warning', 3),
      hourCounter(utc('2026-11-21T05:00:00Z'), 'warning', 2),
      hourCounter(utc('2026-11-21T10:00:00Z'), 'informational', 4),
    ]
    const [summary] = summarizeComponents(rows, { ...SITE, interval: 'since-12am', now: NOW })
    expect(summary).toEqual({
      siteCode: 'PS1',
      machine: 'SITESRV01',
      component: 'SMS_DISTRIBUTION_MANAGER',
      infos: 4,
      warnings: 5,
      errors: 1,
      status: 'warning',
      since: utc('2026-11-21T00:00:00Z'),
      countedFrom: utc('2026-11-21T00:00:00Z'),
      lastMessageAt: utc('2026-11-21T10:00:00Z'),
    })
  })

  it('lists a component with no messages in the interval with zero counts, and skips future hours', () => {
    const rows = [
      hourCounter(utc('2026-11-19T03:00:00Z'), 'error', 2, { component: 'SMS_QUIET' }),
      hourCounter(utc('2026-11-21T11:00:00Z'), 'error', 7, { component: 'SMS_QUIET' }),
    ]
    const [quiet] = summarizeComponents(rows, { ...SITE, interval: 'since-12am', now: NOW })
    expect(quiet).toMatchObject({ component: 'SMS_QUIET', errors: 0, status: 'ok' })
    expect(quiet?.lastMessageAt).toBe(utc('2026-11-19T03:00:00Z'))
  })

  it('counts the whole hour an interval starts in when the site is at UTC+5:30', () => {
    const india = { ...SITE, utcOffsetMinutes: 330 }
    const rows = [
      hourCounter(utc('2026-11-20T17:00:00Z'), 'error', 1),
      hourCounter(utc('2026-11-20T18:00:00Z'), 'error', 2),
    ]
    const [summary] = summarizeComponents(rows, { ...india, interval: 'since-12am', now: NOW })
    expect(summary).toMatchObject({
      errors: 2,
      since: utc('2026-11-20T18:30:00Z'),
      countedFrom: utc('2026-11-20T18:00:00Z'),
    })
  })

  it('counts the partial first hour of a rolling window', () => {
    const rows = [
      hourCounter(utc('2026-11-21T08:00:00Z'), 'warning', 1),
      hourCounter(utc('2026-11-21T09:00:00Z'), 'warning', 2),
      hourCounter(utc('2026-11-21T10:00:00Z'), 'warning', 3),
    ]
    const [summary] = summarizeComponents(rows, { ...SITE, interval: 'last-hour', now: NOW })
    expect(summary).toMatchObject({
      warnings: 5,
      since: NOW - HOUR,
      countedFrom: utc('2026-11-21T09:00:00Z'),
    })
  })

  it('applies per-component thresholds', () => {
    const rows = [hourCounter(utc('2026-11-21T01:00:00Z'), 'error', 1)]
    const thresholds = { overrides: { SMS_DISTRIBUTION_MANAGER: { EW: 2 } } }
    const [summary] = summarizeComponents(rows, { ...SITE, interval: 'since-12am', now: NOW, thresholds })
    expect(summary?.status).toBe('ok')
  })

  it('counts from zero after a reset, keeping what came later in the same hour', () => {
    const hour = utc('2026-11-21T10:00:00Z')
    const before = [hourCounter(utc('2026-11-21T09:00:00Z'), 'error', 3), hourCounter(hour, 'error', 2)]
    const at = utc('2026-11-21T10:10:00Z')
    const { resets } = resetCounts(before, {
      scope: {
        kind: 'component',
        siteCode: 'PS1',
        machine: 'sitesrv01',
        component: 'SMS_DISTRIBUTION_MANAGER',
      },
      interval: 'since-12am',
      severities: ['error'],
      at,
      user: 'CONTOSO\\admin',
    })
    const options = { ...SITE, interval: 'since-12am' as const, now: NOW, resets }
    expect(summarizeComponents(before, options)[0]?.errors).toBe(0)
    const after = [...before, hourCounter(hour, 'error', 1)]
    expect(summarizeComponents(after, options)[0]?.errors).toBe(1)
    expect(summarizeComponents(after, { ...options, interval: 'since-monday' })[0]?.errors).toBe(6)
    expect(summarizeComponents(after, { ...options, now: utc('2026-11-22T01:00:00Z') })[0]?.errors).toBe(0)
  })

  it('equals counting the underlying messages whose time falls in the interval, for whole-hour offsets', () => {
    const windows: SummaryWindow[] = [...TALLY_INTERVAL_NAMES, ...ROLLING_WINDOW_NAMES]
    fc.assert(
      fc.property(
        messagesArbitrary,
        fc.constantFrom(...windows),
        fc.integer({ min: -12, max: 14 }),
        (messages, interval, hours) => {
          const site = { utcOffsetMinutes: hours * 60, siteInstalledAt: utc('2026-11-01T07:00:00Z') }
          const start = intervalStart(interval, NOW, site)
          // Rolling windows start mid-hour, so the whole first hour counts; fixed ones start on the hour.
          const from = hourStartOf(start)
          const summaries = summarizeComponents(messagesToHourCounters(messages), {
            ...site,
            interval,
            now: NOW,
          })
          for (const summary of summaries) {
            const mine = messages.filter((m) => m.component === summary.component && m.createdAt >= from)
            expect(summary.errors).toBe(mine.filter((m) => m.severity === 'error').length)
            expect(summary.warnings).toBe(mine.filter((m) => m.severity === 'warning').length)
            expect(summary.infos).toBe(mine.filter((m) => m.severity === 'informational').length)
            if (!interval.startsWith('last-')) expect(from).toBe(start)
          }
        },
      ),
    )
  })

  it('never counts fewer messages than fall in the interval, and at most the first hour more, for any offset', () => {
    fc.assert(
      fc.property(
        messagesArbitrary,
        fc.constantFrom(...TALLY_INTERVAL_NAMES),
        fc.integer({ min: -48, max: 56 }),
        (messages, interval, quarters) => {
          const site = { utcOffsetMinutes: quarters * 15, siteInstalledAt: utc('2026-11-01T07:45:00Z') }
          const start = intervalStart(interval, NOW, site)
          const total = summarizeComponents(messagesToHourCounters(messages), {
            ...site,
            interval,
            now: NOW,
          }).reduce((sum, s) => sum + s.infos + s.warnings + s.errors, 0)
          expect(total).toBeGreaterThanOrEqual(messages.filter((m) => m.createdAt >= start).length)
          expect(total).toBe(messages.filter((m) => m.createdAt >= hourStartOf(start)).length)
        },
      ),
    )
  })
})

const messagesArbitrary = fc.array(
  fc.record({
    siteCode: fc.constant('PS1'),
    machine: fc.constant('SITESRV01'),
    component: fc.constantFrom('SMS_A', 'SMS_B'),
    severity: fc.constantFrom('informational', 'warning', 'error'),
    // Up to 40 days before now, never after it (the status manager holds future-dated messages).
    createdAt: fc.integer({ min: NOW - 40 * 24 * HOUR, max: NOW }),
  }),
  { maxLength: 60 },
)
