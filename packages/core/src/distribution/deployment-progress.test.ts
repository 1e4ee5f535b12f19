import { describe, expect, it } from 'vitest'
import type { ClientDeploymentStatus } from '../summarizers/deployment-status.ts'
import type { ExpectedReporter } from './deployment-progress.ts'
import {
  clientDeploymentProgress,
  deploymentStateOfAppEnforcement,
  summarizeDeploymentProgress,
} from './deployment-progress.ts'

const NOW = 1_800_000_000_000
const settings = { now: NOW, silentAfterMs: 3 * 3600_000 }
const reporter = (machine: string, lastSeenAt: number | null = NOW - 60_000): ExpectedReporter => ({
  clientId: `GUID:${machine}`,
  machine,
  lastSeenAt,
  registeredAt: NOW - 86_400_000,
})

function delivered(
  machine: string,
  messageId: number,
  state: number,
  time = NOW - 1000,
): ClientDeploymentStatus {
  return {
    deploymentId: 'PS120001',
    client: machine,
    lastReportedAt: time,
    delivery: { messageId, state: state as 13, severity: 'informational', time, sequence: 1 },
  }
}

describe('clientDeploymentProgress', () => {
  it('shows the state of the newest message, refined by its message ID', () => {
    expect(clientDeploymentProgress(reporter('A'), delivered('A', 10008, 13), settings).state).toBe('success')
    expect(clientDeploymentProgress(reporter('A'), delivered('A', 10022, 12), settings).state).toBe(
      'restart_pending',
    )
    expect(clientDeploymentProgress(reporter('A'), delivered('A', 10073, 8), settings).state).toBe(
      'waiting_maintenance_window',
    )
    expect(clientDeploymentProgress(reporter('A'), delivered('A', 10037, 8), settings).state).toBe(
      'waiting_another_installation',
    )
    expect(clientDeploymentProgress(reporter('A'), delivered('A', 10035, 8), settings).state).toBe(
      'waiting_content',
    )
    expect(clientDeploymentProgress(reporter('A'), delivered('A', 10006, 11), settings)).toMatchObject({
      state: 'error',
      messageId: 10006,
    })
    expect(clientDeploymentProgress(reporter('A'), delivered('A', 10005, 9), settings).state).toBe(
      'in_progress',
    )
  })

  it('reads requirements not met from the platform rejection 10018 on the acceptance track', () => {
    const status: ClientDeploymentStatus = {
      deploymentId: 'PS120001',
      client: 'A',
      lastReportedAt: NOW,
      acceptance: { messageId: 10018, state: 2, severity: 'warning', time: NOW, sequence: 1 },
    }
    expect(clientDeploymentProgress(reporter('A'), status, settings).state).toBe('requirements_not_met')
  })

  it('reads requirements not met from 10080, the requirement check the agent reports on the delivery track', () => {
    const status: ClientDeploymentStatus = {
      deploymentId: 'PS120001',
      client: 'A',
      lastReportedAt: NOW,
      delivery: { messageId: 10080, state: 11, severity: 'error', time: NOW, sequence: 1 },
    }
    expect(clientDeploymentProgress(reporter('A'), status, settings).state).toBe('requirements_not_met')
  })

  it('is not yet reported for a client heard from lately, unreachable for one silent too long', () => {
    expect(clientDeploymentProgress(reporter('A'), undefined, settings).state).toBe('not_reported')
    expect(clientDeploymentProgress(reporter('B', NOW - 4 * 3600_000), undefined, settings).state).toBe(
      'unreachable',
    )
    expect(clientDeploymentProgress(reporter('C', null), undefined, settings).state).toBe('unreachable')
  })

  it('keeps a settled state through silence but shows an unsettled one as unreachable', () => {
    const old = NOW - 5 * 3600_000
    expect(clientDeploymentProgress(reporter('A', old), delivered('A', 10008, 13, old), settings).state).toBe(
      'success',
    )
    expect(clientDeploymentProgress(reporter('A', old), delivered('A', 10005, 9, old), settings).state).toBe(
      'unreachable',
    )
  })
})

describe('summarizeDeploymentProgress', () => {
  it('puts every expected reporter in exactly one state and gives percentages', () => {
    const summary = summarizeDeploymentProgress(
      [reporter('a'), reporter('B'), reporter('C'), reporter('D', NOW - 10 * 3600_000)],
      [delivered('A', 10008, 13), delivered('b', 10006, 11), delivered('STRANGER', 10008, 13)],
      settings,
    )
    expect(summary.expected).toBe(4)
    expect(summary.counts).toMatchObject({ success: 1, error: 1, not_reported: 1, unreachable: 1 })
    expect(summary.percentages.success).toBe(25)
    expect(summary.clients.map((c) => c.state)).toEqual(['success', 'error', 'not_reported', 'unreachable'])
  })
})

describe('deploymentStateOfAppEnforcement', () => {
  it('reads the ranges of topic 1702 and the finer state IDs', () => {
    expect(
      [1000, 1003, 2000, 2001, 2004, 2008, 2014, 3000, 4000, 5000, 5014, 6000].map(
        deploymentStateOfAppEnforcement,
      ),
    ).toEqual([
      'success',
      'success',
      'in_progress',
      'waiting_content',
      'waiting_maintenance_window',
      'restart_pending',
      'waiting_another_installation',
      'requirements_not_met',
      'in_progress',
      'error',
      'error',
      'in_progress',
    ])
  })
})

describe('clientDeploymentProgress with state messages', () => {
  it('takes a state message newer than the status messages, with its exit code', () => {
    const failed = { stateId: 5000, time: NOW - 500, exitCode: 1603 }
    expect(clientDeploymentProgress(reporter('A'), delivered('A', 10005, 9), settings, failed)).toEqual({
      clientId: 'GUID:A',
      machine: 'A',
      state: 'error',
      stateId: 5000,
      at: NOW - 500,
      exitCode: 1603,
    })
  })

  it('keeps a status message newer than the state message, with the exit code it carried', () => {
    const older = { stateId: 2000, time: NOW - 5000 }
    const status = delivered('A', 10006, 11)
    const withCode: ClientDeploymentStatus = {
      ...status,
      delivery: {
        messageId: 10006,
        state: 11,
        severity: 'error',
        time: NOW - 1000,
        sequence: 1,
        exitCode: 1,
      },
    }
    expect(clientDeploymentProgress(reporter('A'), withCode, settings, older)).toMatchObject({
      state: 'error',
      messageId: 10006,
      exitCode: 1,
    })
  })

  it('counts a client that sent only state messages by its client ID', () => {
    const summary = summarizeDeploymentProgress(
      [reporter('A'), reporter('B')],
      [],
      settings,
      new Map([['GUID:B', { stateId: 1000, time: NOW - 100 }]]),
    )
    expect(summary.counts.success).toBe(1)
    expect(summary.counts.not_reported).toBe(1)
  })
})
