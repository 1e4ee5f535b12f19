import { describe, expect, it } from 'vitest'
import { hourCounter } from '../../test/helpers/hour-counters.ts'
import { resetCounts } from './count-resets.ts'

const AT = Date.parse('2026-11-21T10:10:00Z')
const HOUR = Date.parse('2026-11-21T10:00:00Z')
const USER = 'CONTOSO\\admin'
const COMPONENT = { kind: 'component', siteCode: 'PS1', machine: 'SITESRV01', component: 'SMS_X' } as const

describe('resetCounts', () => {
  it('raises 4614–4616 for a component and one interval, one per severity', () => {
    const { messages } = resetCounts([], { scope: COMPONENT, interval: 'since-4am', at: AT, user: USER })
    expect(messages.map((m) => m.messageId)).toEqual([4614, 4615, 4616])
    expect(messages[0]?.insertionStrings).toEqual([USER, 'SMS_X', 'SITESRV01', 'Since 4:00 AM'])
  })

  it('picks the message for each scope and interval choice', () => {
    const id = (request: Parameters<typeof resetCounts>[1]): number | undefined =>
      resetCounts([], { ...request, severities: ['error'] }).messages[0]?.messageId
    const common = { at: AT, user: USER }
    expect(id({ ...common, scope: COMPONENT, interval: 'all' })).toBe(4619)
    expect(
      id({
        ...common,
        scope: { kind: 'machine', siteCode: 'PS1', machine: 'SITESRV01' },
        interval: 'since-12am',
      }),
    ).toBe(4622)
    expect(id({ ...common, scope: { kind: 'site', siteCode: 'PS1' }, interval: 'last-hour' })).toBe(4625)
    expect(id({ ...common, scope: { kind: 'site', siteCode: 'PS1' }, interval: 'all' })).toBe(4628)
    const site = resetCounts([], {
      ...common,
      scope: { kind: 'site', siteCode: 'PS1' },
      interval: 'all',
      severities: ['warning'],
    })
    expect(site.messages[0]).toMatchObject({ messageId: 4627, insertionStrings: [USER, 'PS1'] })
  })

  it('keeps as baseline what the reset hour had counted, for the scope and severity only', () => {
    const rows = [
      hourCounter(HOUR, 'error', 2, { component: 'SMS_X' }),
      hourCounter(HOUR, 'warning', 4, { component: 'SMS_X' }),
      hourCounter(HOUR, 'error', 5, { component: 'SMS_Y' }),
      hourCounter(HOUR - 3_600_000, 'error', 1, { component: 'SMS_X' }),
    ]
    const { resets } = resetCounts(rows, {
      scope: COMPONENT,
      interval: 'all',
      severities: ['error'],
      at: AT,
      user: USER,
    })
    expect(resets).toEqual([
      { scope: COMPONENT, severity: 'error', interval: 'all', at: AT, baselines: [rows[0]] },
    ])
  })
})
