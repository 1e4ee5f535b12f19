import type { SummaryWindow } from './tally-intervals.ts'
import { ROLLING_WINDOW_MS, isRollingWindow, tallyInterval } from './tally-intervals.ts'

const MINUTE_MS = 60 * 1000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

/** What a site knows about its own time: the UTC offset of its clock and when it was installed. */
export interface SiteTime {
  /**
   * Minutes to add to UTC to get site-local time (UTC+5:30 → 330, UTC−8 → −480). A fixed offset:
   * the caller passes the one in effect now, so boundaries before a DST change shift by its size.
   */
  readonly utcOffsetMinutes: number
  /** When the site was installed, epoch ms: the start of `since-site-installation`. */
  readonly siteInstalledAt: number
}

/**
 * Returns the epoch ms at which a window starts, given `now` (epoch ms). Fixed intervals start
 * at the latest matching site-local boundary at or before now ("since 4:00 AM" at 03:59 is
 * yesterday's 04:00; at 04:00 exactly it is today's); rolling windows start a fixed time ago.
 * Every interval ends at now.
 */
export function intervalStart(window: SummaryWindow, now: number, site: SiteTime): number {
  if (isRollingWindow(window)) return now - ROLLING_WINDOW_MS[window]
  const recurrence = tallyInterval(window).recurrence
  const offsetMs = site.utcOffsetMinutes * MINUTE_MS
  // Work in a shifted clock whose UTC fields read as site-local time, then shift back.
  const local = now + offsetMs
  const localMidnight = Math.floor(local / DAY_MS) * DAY_MS
  switch (recurrence.kind) {
    case 'daily': {
      const today = localMidnight + recurrence.hour * HOUR_MS
      return (today <= local ? today : today - DAY_MS) - offsetMs
    }
    case 'weekly': {
      const weekday = new Date(localMidnight).getUTCDay()
      const daysBack = (weekday - recurrence.weekday + 7) % 7
      return localMidnight - daysBack * DAY_MS - offsetMs
    }
    case 'monthly': {
      const date = new Date(localMidnight)
      const year = date.getUTCFullYear()
      const month = date.getUTCMonth()
      const thisMonth = Date.UTC(year, month, recurrence.day)
      // Date.UTC carries month −1 into the previous year.
      const start = thisMonth <= local ? thisMonth : Date.UTC(year, month - 1, recurrence.day)
      return start - offsetMs
    }
    case 'site-installation':
      return site.siteInstalledAt
  }
}

/** Returns the start of the UTC hour that holds `ms`: the hour bucket the store counts it in. */
export function hourStartOf(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS
}

/** One hour, in ms: the width of the store's counter buckets. */
export const HOUR_BUCKET_MS = HOUR_MS
