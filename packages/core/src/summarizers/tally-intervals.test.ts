import { describe, expect, it } from 'vitest'
import {
  TALLY_INTERVALS,
  TALLY_INTERVAL_NAMES,
  formatTallyToken,
  isRollingWindow,
  parseTallyToken,
  windowDisplayName,
} from './tally-intervals.ts'

describe('TALLY_INTERVALS', () => {
  it('defines each of the 16 intervals once, in name order, with a distinct token', () => {
    expect(TALLY_INTERVALS.map((i) => i.name)).toEqual([...TALLY_INTERVAL_NAMES])
    expect(new Set(TALLY_INTERVALS.map((i) => i.token)).size).toBe(16)
  })

  it('carries the tokens and PowerShell names of the reference table', () => {
    const byName = Object.fromEntries(TALLY_INTERVALS.map((i) => [i.name, i]))
    expect(byName['since-12am']?.token).toBe('0001128000100008')
    expect(byName['since-4am']?.token).toBe('0081128000100008')
    expect(byName['since-8pm']?.token).toBe('0281128000100008')
    expect(byName['since-sunday']?.token).toBe('0001128000192000')
    expect(byName['since-saturday']?.token).toBe('00011280001F2000')
    expect(byName['since-1st-of-month']?.token).toBe('000A470000284400')
    expect(byName['since-15th-of-month']?.token).toBe('000A4700002BC400')
    expect(byName['since-site-installation']?.token).toBe('0001128000080008')
    expect(byName['since-4pm']?.powerShellName).toBe('Since 16:00:00')
    expect(byName['since-4pm']?.displayName).toBe('Since 4:00 PM')
  })
})

describe('parseTallyToken', () => {
  it('reads every token back to its interval, ignoring case', () => {
    for (const name of TALLY_INTERVAL_NAMES) {
      expect(parseTallyToken(formatTallyToken(name))).toBe(name)
      expect(parseTallyToken(formatTallyToken(name).toLowerCase())).toBe(name)
    }
  })

  it('refuses any other token, as ConfigMgr queries do', () => {
    expect(parseTallyToken('0001128000100009')).toBeUndefined()
    expect(parseTallyToken('')).toBeUndefined()
  })
})

describe('windowDisplayName', () => {
  it('names rolling windows and fixed intervals', () => {
    expect(isRollingWindow('last-hour')).toBe(true)
    expect(isRollingWindow('since-12am')).toBe(false)
    expect(windowDisplayName('last-24-hours')).toBe('Last 24 hours')
    expect(windowDisplayName('since-monday')).toBe('Since Monday')
  })
})
