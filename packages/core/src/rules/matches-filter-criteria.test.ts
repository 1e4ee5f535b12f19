import { describe, expect, it } from 'vitest'
import { buildStatusMessage } from '../../test/helpers/build-status-message.ts'
import { matchesFilterCriteria } from './matches-filter-criteria.ts'

describe('matchesFilterCriteria', () => {
  it('matches every message with empty criteria', () => {
    expect(matchesFilterCriteria({}, buildStatusMessage())).toBe(true)
    expect(matchesFilterCriteria({}, buildStatusMessage({ module: 'SMS Client', siteCode: null }))).toBe(true)
  })

  it('needs every criterion to match', () => {
    const criteria = { component: 'SMS_DISTRIBUTION_MANAGER', severity: 'error' } as const
    expect(matchesFilterCriteria(criteria, buildStatusMessage())).toBe(false)
    expect(matchesFilterCriteria(criteria, buildStatusMessage({ severity: 'error' }))).toBe(true)
  })

  it('compares module, site code, machine and component ignoring case', () => {
    const criteria = {
      module: 'sms server',
      siteCode: 'ps1',
      machine: 'sitesrv01',
      component: 'sms_distribution_manager',
    }
    expect(matchesFilterCriteria(criteria, buildStatusMessage())).toBe(true)
    expect(matchesFilterCriteria({ machine: 'SITESRV02' }, buildStatusMessage())).toBe(false)
  })

  it('never matches a site-code criterion against a client message that names no site', () => {
    expect(matchesFilterCriteria({ siteCode: 'PS1' }, buildStatusMessage({ siteCode: null }))).toBe(false)
  })

  it('matches message type, severity and message ID exactly', () => {
    const criteria = { messageType: 'audit', severity: 'warning', messageId: 30000 } as const
    const fields = { messageType: 'audit', severity: 'warning', messageId: 30000 } as const
    expect(matchesFilterCriteria(criteria, buildStatusMessage(fields))).toBe(true)
    expect(matchesFilterCriteria(criteria, buildStatusMessage({ ...fields, messageId: 30001 }))).toBe(false)
    expect(matchesFilterCriteria(criteria, buildStatusMessage({ ...fields, messageType: 'milestone' }))).toBe(
      false,
    )
    expect(matchesFilterCriteria(criteria, buildStatusMessage({ ...fields, severity: 'error' }))).toBe(false)
  })

  it('matches an attribute criterion without a value on the attribute ID alone', () => {
    const criteria = { attribute: { id: 401 } }
    expect(
      matchesFilterCriteria(criteria, buildStatusMessage({ attributes: [{ id: 401, value: 'PS120001' }] })),
    ).toBe(true)
    expect(
      matchesFilterCriteria(criteria, buildStatusMessage({ attributes: [{ id: 400, value: 'PS120001' }] })),
    ).toBe(false)
    expect(matchesFilterCriteria(criteria, buildStatusMessage())).toBe(false)
  })

  it('matches an attribute criterion with a value on both, ignoring case, on the same attribute', () => {
    const criteria = { attribute: { id: 401, value: 'ps120001' } }
    const attributes = [
      { id: 400, value: 'PS120001' },
      { id: 401, value: 'PS120001' },
    ]
    expect(matchesFilterCriteria(criteria, buildStatusMessage({ attributes }))).toBe(true)
    const crossed = [
      { id: 400, value: 'PS120001' },
      { id: 401, value: 'PS120002' },
    ]
    expect(matchesFilterCriteria(criteria, buildStatusMessage({ attributes: crossed }))).toBe(false)
  })
})
