import type { ClientDeploymentStatus } from '@sitrep/core'
import { describe, expect, it } from 'vitest'
import { deploymentClientViews, deploymentTrack } from './deployment-client-views.ts'

const T0 = Date.UTC(2026, 10, 21, 8)
const entry = (messageId: number, state: 1 | 9 | 13 | 11, time: number) => ({
  messageId,
  state,
  severity: 'informational' as const,
  time,
  sequence: 1,
})
const status = (
  client: string,
  tracks: Pick<ClientDeploymentStatus, 'acceptance' | 'delivery'>,
): ClientDeploymentStatus => ({ deploymentId: 'PS120001', client, lastReportedAt: T0 + 9_000, ...tracks })

describe('the deployment track a client row shows', () => {
  it('takes delivery when it is at least as new as acceptance', () => {
    expect(
      deploymentTrack(status('A', { acceptance: entry(10002, 1, T0), delivery: entry(10005, 9, T0) })),
    ).toBe('delivery')
  })

  it('takes acceptance when it is newer than delivery, or the only one', () => {
    expect(
      deploymentTrack(status('A', { acceptance: entry(10002, 1, T0 + 1), delivery: entry(10005, 9, T0) })),
    ).toBe('acceptance')
    expect(deploymentTrack(status('A', { acceptance: entry(10002, 1, T0) }))).toBe('acceptance')
  })

  it('has no track for a client with neither', () => {
    expect(deploymentTrack(status('A', {}))).toBeNull()
  })
})

describe('the client rows of a deployment', () => {
  const clients = [
    status('WKS-001', { acceptance: entry(10002, 1, T0), delivery: entry(10009, 13, T0 + 5_000) }),
    status('WKS-002', { delivery: entry(10006, 11, T0 + 1_000) }),
    status('WKS-003', {}),
  ]

  it('shows each client with its state, the message that set it and when', () => {
    const rows = deploymentClientViews(clients, [], undefined)
    expect(rows[0]).toMatchObject({
      machine: 'WKS-001',
      state: 13,
      track: 'delivery',
      messageId: 10009,
      at: '2026-11-21T08:00:05.000Z',
    })
    // Without a track the row shows the newest report's time.
    expect(rows[2]).toMatchObject({
      machine: 'WKS-003',
      state: 0,
      track: null,
      messageId: null,
      at: '2026-11-21T08:00:09.000Z',
    })
  })

  it('filters by state number or state name', () => {
    const [failed] = deploymentClientViews(clients, [], undefined).filter((r) => r.machine === 'WKS-002')
    expect(deploymentClientViews(clients, [], '11').map((r) => r.machine)).toEqual(['WKS-002'])
    expect(deploymentClientViews(clients, [], failed?.stateName).map((r) => r.machine)).toEqual(['WKS-002'])
  })

  it('lists named targets that have not reported for not-yet-reported', () => {
    expect(deploymentClientViews(clients, ['WKS-009'], 'not-yet-reported')).toEqual([
      {
        machine: 'WKS-009',
        state: null,
        stateName: 'Not Yet Reported',
        track: null,
        messageId: null,
        at: null,
      },
    ])
  })
})
