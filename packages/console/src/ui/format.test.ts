import { describe, expect, it } from 'vitest'
import { formatAge, formatBytes, formatDateTime, worstStatus } from './format.ts'

describe('console formatting', () => {
  it('prints bytes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GiB')
    expect(formatBytes(null)).toBe('—')
  })

  it('says how long ago something happened', () => {
    const now = Date.parse('2026-11-21T12:00:00Z')
    expect(formatAge('2026-11-21T11:59:30Z', now)).toBe('just now')
    expect(formatAge('2026-11-21T11:55:00Z', now)).toBe('5 min ago')
    expect(formatAge('2026-11-21T09:00:00Z', now)).toBe('3 h ago')
    expect(formatAge('2026-11-19T12:00:00Z', now)).toBe('2 d ago')
    expect(formatAge(null, now)).toBe('never')
  })

  it('prints a dash for a missing or invalid time', () => {
    expect(formatDateTime(null)).toBe('—')
    expect(formatDateTime('not a time')).toBe('—')
    expect(formatDateTime('2026-11-21T08:00:00Z', 'en-GB')).toContain('2026')
  })

  it('finds the worst status', () => {
    expect(worstStatus([])).toBe('ok')
    expect(worstStatus(['ok', 'warning'])).toBe('warning')
    expect(worstStatus(['warning', 'critical', 'ok'])).toBe('critical')
  })
})
