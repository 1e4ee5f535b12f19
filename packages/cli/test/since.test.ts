import { describe, expect, it } from 'vitest'
import { buildQuery, parseSince } from '../src/commands/messages.ts'

describe('parseSince', () => {
  it('reads ages in s, m, h and d back from now, and ISO times as they are', () => {
    const now = Date.UTC(2026, 10, 21, 12, 0, 0)
    expect(parseSince('30m', now)).toBe(now - 30 * 60_000)
    expect(parseSince('2h', now)).toBe(now - 2 * 3_600_000)
    expect(parseSince('7d', now)).toBe(now - 7 * 86_400_000)
    expect(parseSince('2026-11-21T08:00:00Z', now)).toBe(Date.UTC(2026, 10, 21, 8))
  })
})

describe('buildQuery', () => {
  it('maps the flags to the API query, with the default limit', () => {
    const query = buildQuery(
      { severity: 'error', component: 'Demo', id: 39999, since: '1h' },
      Date.UTC(2026, 0, 1, 1),
    )
    expect(query.toString()).toBe(
      'severity=error&component=Demo&messageId=39999&since=2026-01-01T00%3A00%3A00.000Z&limit=50',
    )
  })
})
