import { describe, expect, it } from 'vitest'
import { parseRoute } from '../../router/parse-route.ts'
import {
  EMPTY_FILTER,
  filterFromRoute,
  filterToApiParams,
  filterToRouteParams,
  isEmptyFilter,
  toIsoInstant,
  toggleSeverity,
} from './filter-messages.ts'

describe('the message filter', () => {
  it('reads a drill-down route into a filter and writes it back', () => {
    const filter = filterFromRoute(
      parseRoute('#/messages?component=SMS_MP&severity=error&severity=bogus&messageType=audit'),
    )
    expect(filter.component).toBe('SMS_MP')
    expect(filter.severity).toEqual(['error'])
    expect(filter.messageType).toBe('audit')
    expect(filterToRouteParams(filter)).toEqual({
      component: 'SMS_MP',
      severity: ['error'],
      messageType: 'audit',
    })
  })

  it('starts empty', () => {
    expect(isEmptyFilter(EMPTY_FILTER)).toBe(true)
    expect(isEmptyFilter({ ...EMPTY_FILTER, machine: ' ' })).toBe(true)
  })

  it('keeps severities in their fixed order when toggled', () => {
    const one = toggleSeverity(EMPTY_FILTER, 'error')
    const two = toggleSeverity(one, 'informational')
    expect(two.severity).toEqual(['informational', 'error'])
    expect(toggleSeverity(two, 'error').severity).toEqual(['informational'])
  })

  it('turns a local date-time into an ISO instant for the API and leaves full ISO times alone', () => {
    expect(toIsoInstant('2026-11-21T08:00:00.000Z')).toBe('2026-11-21T08:00:00.000Z')
    expect(toIsoInstant('2026-11-21T08:00')).toMatch(/^2026-11-2\dT\d\d:00:00\.000Z$/)
    expect(filterToApiParams({ ...EMPTY_FILTER, since: '2026-11-21T08:00:00Z' })).toEqual({
      since: '2026-11-21T08:00:00Z',
    })
  })
})
