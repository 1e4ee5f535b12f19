import type { StatusMessage } from '@sitrep/protocol'
import { describe, expect, it } from 'vitest'
import { firingAlert, labelMatcher, resolvedAlerts } from './alertmanager-alerts.ts'

const message = {
  id: '019ae3f0-6c1a-7c4e-9d0b-2f6f1c3b5a10',
  origin: { kind: 'client', id: 'GUID:1' },
  sequence: 1,
  severity: 'error',
  messageType: 'milestone',
  messageId: 39999,
  module: 'Acme Backup',
  component: 'Nightly backup',
  machine: 'WKS-001',
  siteCode: 'PS1',
  createdAt: Date.UTC(2026, 11, 7, 21),
  insertionStrings: [],
  attributes: [],
} as unknown as StatusMessage // only the fields the alert reads are set

describe('firingAlert', () => {
  it('labels the alert by site, machine, component, module, message ID and severity; extra labels cannot replace them', () => {
    const alert = firingAlert({
      message,
      text: 'disk full',
      now: Date.UTC(2026, 11, 7, 22),
      resolveAfterMs: 3_600_000,
      labels: { team: 'backup', severity: 'low' },
    })
    expect(alert).toEqual({
      labels: {
        alertname: 'SitrepStatusMessage',
        site: 'PS1',
        machine: 'WKS-001',
        component: 'Nightly backup',
        module: 'Acme Backup',
        message_id: '39999',
        severity: 'error',
        team: 'backup',
      },
      annotations: {
        summary: 'disk full',
        description: 'error 39999 from Nightly backup on WKS-001',
        sitrep_id: message.id,
      },
      startsAt: '2026-12-07T21:00:00.000Z',
      endsAt: '2026-12-07T23:00:00.000Z',
    })
  })
})

describe('resolvedAlerts', () => {
  it('sends the same labels back with endsAt now', () => {
    const now = Date.UTC(2026, 11, 7, 22)
    expect(resolvedAlerts([{ labels: { a: '1' }, startsAt: '2026-12-07T21:00:00.000Z' }], now)).toEqual([
      {
        labels: { a: '1' },
        annotations: {},
        startsAt: '2026-12-07T21:00:00.000Z',
        endsAt: '2026-12-07T22:00:00.000Z',
      },
    ])
  })
})

describe('labelMatcher', () => {
  it('quotes the value and escapes quotes and backslashes', () => {
    expect(labelMatcher('component', 'C:\\x "y"')).toBe('component="C:\\\\x \\"y\\""')
  })
})
