import { describe, expect, it } from 'vitest'
import type { ComponentSummary } from '../../api/api-types.ts'
import { INTERVAL_OPTIONS, formatThresholds, matchComponents, needsAttention } from './filter-components.ts'

const thresholds = { IW: 2000, IE: 5000, WW: 10, WE: 50, EW: 1, EE: 5 }
const row = (component: string, status: ComponentSummary['status']): ComponentSummary => ({
  siteCode: 'PS1',
  machine: 'SITE-SERVER',
  component,
  infos: 1,
  warnings: 0,
  errors: 0,
  status,
  silent: false,
  thresholds,
  lastMessageAt: null,
})

describe('component rows', () => {
  it('lists only components in Warning or Critical, Critical first', () => {
    const rows = [row('A', 'ok'), row('B', 'warning'), row('C', 'critical')]
    expect(needsAttention(rows).map((r) => r.component)).toEqual(['C', 'B'])
  })

  it('finds components by any part of their name', () => {
    expect(matchComponents([row('SMS_MP', 'ok'), row('SMS_DP', 'ok')], 'mp').map((r) => r.component)).toEqual(
      ['SMS_MP'],
    )
  })

  it('offers the sixteen tally intervals and the two rolling windows', () => {
    expect(INTERVAL_OPTIONS).toHaveLength(18)
    expect(INTERVAL_OPTIONS[0]).toEqual({ value: 'since-12am', label: 'Since 12:00 AM' })
  })

  it('prints the six thresholds', () => {
    expect(formatThresholds({ ...thresholds, IE: null })).toBe('IW 2000 · IE — · WW 10 · WE 50 · EW 1 · EE 5')
  })
})
