import { describe, expect, it } from 'vitest'
import type { SiteTime } from './interval-start.ts'
import { hourStartOf, intervalStart } from './interval-start.ts'

const utc = (iso: string): number => Date.parse(iso)
const UTC_SITE: SiteTime = { utcOffsetMinutes: 0, siteInstalledAt: utc('2024-03-05T10:17:00Z') }
const INDIA: SiteTime = { ...UTC_SITE, utcOffsetMinutes: 330 }
const PACIFIC: SiteTime = { ...UTC_SITE, utcOffsetMinutes: -480 }
// 2026-11-21 is a Saturday.
const NOW = utc('2026-11-21T08:00:00Z')
const iso = (ms: number): string => new Date(ms).toISOString()

describe('intervalStart', () => {
  it('starts daily intervals at the latest such local hour at or before now', () => {
    expect(iso(intervalStart('since-12am', NOW, UTC_SITE))).toBe('2026-11-21T00:00:00.000Z')
    expect(iso(intervalStart('since-4am', NOW, UTC_SITE))).toBe('2026-11-21T04:00:00.000Z')
    expect(iso(intervalStart('since-8am', NOW, UTC_SITE))).toBe('2026-11-21T08:00:00.000Z')
    expect(iso(intervalStart('since-8am', NOW - 1, UTC_SITE))).toBe('2026-11-20T08:00:00.000Z')
    expect(iso(intervalStart('since-12pm', NOW, UTC_SITE))).toBe('2026-11-20T12:00:00.000Z')
    expect(iso(intervalStart('since-4pm', NOW, UTC_SITE))).toBe('2026-11-20T16:00:00.000Z')
    expect(iso(intervalStart('since-8pm', NOW, UTC_SITE))).toBe('2026-11-20T20:00:00.000Z')
  })

  it('starts weekly intervals at local midnight of the latest such weekday, today included', () => {
    expect(iso(intervalStart('since-saturday', NOW, UTC_SITE))).toBe('2026-11-21T00:00:00.000Z')
    expect(iso(intervalStart('since-sunday', NOW, UTC_SITE))).toBe('2026-11-15T00:00:00.000Z')
    expect(iso(intervalStart('since-monday', NOW, UTC_SITE))).toBe('2026-11-16T00:00:00.000Z')
    expect(iso(intervalStart('since-friday', NOW, UTC_SITE))).toBe('2026-11-20T00:00:00.000Z')
  })

  it('starts monthly intervals on the latest 1st or 15th, going back across a year end', () => {
    expect(iso(intervalStart('since-1st-of-month', NOW, UTC_SITE))).toBe('2026-11-01T00:00:00.000Z')
    expect(iso(intervalStart('since-15th-of-month', NOW, UTC_SITE))).toBe('2026-11-15T00:00:00.000Z')
    const tenth = utc('2026-11-10T12:00:00Z')
    expect(iso(intervalStart('since-15th-of-month', tenth, UTC_SITE))).toBe('2026-10-15T00:00:00.000Z')
    const january = utc('2027-01-14T23:59:59Z')
    expect(iso(intervalStart('since-15th-of-month', january, UTC_SITE))).toBe('2026-12-15T00:00:00.000Z')
    expect(iso(intervalStart('since-15th-of-month', utc('2027-01-15T00:00:00Z'), UTC_SITE))).toBe(
      '2027-01-15T00:00:00.000Z',
    )
  })

  it('uses the site-local clock at UTC+5:30, where boundaries fall on the half hour', () => {
    // 08:00 UTC is 13:30 in the site's zone.
    expect(iso(intervalStart('since-12am', NOW, INDIA))).toBe('2026-11-20T18:30:00.000Z')
    expect(iso(intervalStart('since-12pm', NOW, INDIA))).toBe('2026-11-21T06:30:00.000Z')
    expect(iso(intervalStart('since-4pm', NOW, INDIA))).toBe('2026-11-20T10:30:00.000Z')
    // Friday 19:00 UTC is already Saturday 00:30 locally.
    const fridayUtc = utc('2026-11-20T19:00:00Z')
    expect(iso(intervalStart('since-saturday', fridayUtc, INDIA))).toBe('2026-11-20T18:30:00.000Z')
    // 30 November 20:00 UTC is 1 December 01:30 locally.
    const monthEnd = utc('2026-11-30T20:00:00Z')
    expect(iso(intervalStart('since-1st-of-month', monthEnd, INDIA))).toBe('2026-11-30T18:30:00.000Z')
  })

  it('uses the site-local clock west of UTC, where the local date is behind', () => {
    // 1 December 05:00 UTC is still 30 November 21:00 at UTC−8.
    const now = utc('2026-12-01T05:00:00Z')
    expect(iso(intervalStart('since-1st-of-month', now, PACIFIC))).toBe('2026-11-01T08:00:00.000Z')
    expect(iso(intervalStart('since-12am', now, PACIFIC))).toBe('2026-11-30T08:00:00.000Z')
    expect(iso(intervalStart('since-monday', now, PACIFIC))).toBe('2026-11-30T08:00:00.000Z')
  })

  it('starts since-site-installation at the installation time and rolling windows a fixed time ago', () => {
    expect(intervalStart('since-site-installation', NOW, UTC_SITE)).toBe(UTC_SITE.siteInstalledAt)
    expect(intervalStart('last-hour', NOW + 1234, INDIA)).toBe(NOW + 1234 - 3_600_000)
    expect(intervalStart('last-24-hours', NOW, UTC_SITE)).toBe(NOW - 86_400_000)
  })
})

describe('hourStartOf', () => {
  it('rounds down to the UTC hour', () => {
    expect(iso(hourStartOf(utc('2026-11-21T08:59:59.999Z')))).toBe('2026-11-21T08:00:00.000Z')
    expect(hourStartOf(NOW)).toBe(NOW)
  })
})
