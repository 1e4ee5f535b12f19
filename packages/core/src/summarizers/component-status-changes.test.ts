import { describe, expect, it } from 'vitest'
import type { ComponentState } from './component-state-machine.ts'
import { componentStatusChanges } from './component-status-changes.ts'
import { DEFAULT_COMPONENT_THRESHOLDS } from './component-status.ts'

const T0 = Date.parse('2026-11-21T08:00:00Z')
const DAY = 86_400_000
const CONTEXT = {
  component: 'SMS_DISTRIBUTION_MANAGER',
  machine: 'SITESRV01',
  periodName: 'Since 12:00 AM',
  thresholds: DEFAULT_COMPONENT_THRESHOLDS,
}

function state(overrides: Partial<ComponentState>): ComponentState {
  return {
    status: 'ok',
    since: T0,
    updatedAt: T0,
    counts: { infos: 0, warnings: 0, errors: 0 },
    silent: false,
    periodStart: 1,
    ...overrides,
  }
}

const ids = (messages: readonly { messageId: number }[]): number[] => messages.map((m) => m.messageId)

describe('componentStatusChanges', () => {
  it('raises the crossed warning threshold, then 4610, with the catalogue insertion strings', () => {
    const next = state({ status: 'warning', counts: { infos: 0, warnings: 12, errors: 0 } })
    expect(componentStatusChanges(state({}), next, CONTEXT)).toEqual([
      {
        component: 'SMS_COMPONENT_STATUS_SUMMARIZER',
        messageId: 4607,
        severity: 'warning',
        insertionStrings: ['SMS_DISTRIBUTION_MANAGER', 'SITESRV01', '12', 'Since 12:00 AM', '10'],
      },
      {
        component: 'SMS_COMPONENT_STATUS_SUMMARIZER',
        messageId: 4610,
        severity: 'informational',
        insertionStrings: ['SMS_DISTRIBUTION_MANAGER', 'SITESRV01'],
      },
    ])
  })

  it('raises every crossed critical threshold, then 4609', () => {
    const next = state({ status: 'critical', counts: { infos: 5000, warnings: 3, errors: 5 } })
    expect(ids(componentStatusChanges(undefined, next, CONTEXT))).toEqual([4603, 4605, 4609])
  })

  it('raises nothing while the status stays the same', () => {
    const warning = state({ status: 'warning', counts: { infos: 0, warnings: 0, errors: 1 } })
    const more = state({ status: 'warning', counts: { infos: 0, warnings: 0, errors: 3 } })
    expect(componentStatusChanges(warning, more, CONTEXT)).toEqual([])
  })

  it('raises 4611 when a new threshold period starts after Warning, and nothing after OK', () => {
    const warning = state({ status: 'warning', counts: { infos: 0, warnings: 0, errors: 1 } })
    expect(ids(componentStatusChanges(warning, state({ periodStart: 2 }), CONTEXT))).toEqual([4611])
    expect(ids(componentStatusChanges(state({}), state({ periodStart: 2 }), CONTEXT))).toEqual([])
  })

  it('raises 4611 and then the new status when the new period starts already over a threshold', () => {
    const critical = state({ status: 'critical', counts: { infos: 0, warnings: 0, errors: 9 } })
    const next = state({ status: 'warning', periodStart: 2, counts: { infos: 0, warnings: 0, errors: 2 } })
    expect(ids(componentStatusChanges(critical, next, CONTEXT))).toEqual([4611, 4608, 4610])
  })

  it('raises 4610 without a threshold message when hysteresis holds a lower status', () => {
    const critical = state({ status: 'critical', counts: { infos: 0, warnings: 60, errors: 0 } })
    const held = state({ status: 'warning', counts: { infos: 0, warnings: 9, errors: 0 } })
    expect(ids(componentStatusChanges(critical, held, CONTEXT))).toEqual([4610])
  })

  it('raises 4612 once for a silent component, with the days of silence', () => {
    const silent = state({ silent: true, lastMessageAt: T0 - DAY, updatedAt: T0 + DAY / 2 })
    const messages = componentStatusChanges(state({}), silent, CONTEXT)
    expect(messages).toMatchObject([
      { messageId: 4612, insertionStrings: ['SMS_DISTRIBUTION_MANAGER', 'SITESRV01', '1.5'] },
    ])
    expect(componentStatusChanges(silent, { ...silent, updatedAt: T0 + DAY }, CONTEXT)).toEqual([])
  })
})
