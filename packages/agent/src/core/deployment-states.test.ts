import { parseStateMessage } from '@sitrep/protocol'
import { describe, expect, it } from 'vitest'
import { testJob } from '../../test/helpers/jobs.ts'
import { jobEventReport } from './deployment-reports.ts'
import { APP_ENFORCEMENT_STATES, buildStateMessage, jobEventState } from './deployment-states.ts'

describe('jobEventState', () => {
  it('sets the application enforcement state of each event, inside the ranges the site reads', () => {
    const job = testJob({ deploymentId: 'PS100007' })
    const state = (event: Parameters<typeof jobEventState>[1]): number | undefined =>
      jobEventState(job, event)?.stateId
    // 1000–1003 success, 2000–2020 in progress, 3000–3001 requirements not met, 5000–5014 error.
    expect(state({ kind: 'received', siteCode: 'PS1' })).toBe(2000)
    expect(state({ kind: 'program_started', commandLine: 'x', folder: '/', runAs: 'root' })).toBe(2002)
    expect(state({ kind: 'succeeded', exitCode: 0 })).toBe(1000)
    expect(state({ kind: 'already_installed' })).toBe(1001)
    expect(state({ kind: 'succeeded_restart', exitCode: 3010 })).toBe(2008)
    expect(state({ kind: 'waiting_content' })).toBe(2001)
    expect(state({ kind: 'waiting_maintenance_window' })).toBe(2004)
    expect(state({ kind: 'retry_another_installation' })).toBe(2014)
    expect(state({ kind: 'requirements_not_met', requirements: 'memory' })).toBe(3000)
    expect(state({ kind: 'failed', exitCode: 7, detail: '' })).toBe(5000)
    expect(state({ kind: 'timed_out', maxRunMinutes: 1 })).toBe(5011)
    expect(state({ kind: 'content_integrity_failed', file: 'setup.sh' })).toBe(5003)
  })

  it('sends no state for events that change none: the download, a cancellation, the restart schedule', () => {
    const job = testJob()
    for (const kind of ['download_completed', 'cancelled_by_user', 'restart_requested'] as const)
      expect(jobEventState(job, { kind })).toBeNull()
    expect(jobEventState(job, { kind: 'download_started', source: 'http://mp' })).toBeNull()
  })

  it('reads an interruption as a failure once the job is finished, and as in progress while it is queued again', () => {
    expect(jobEventState(testJob({ stage: 'finished' }), { kind: 'interrupted' })?.stateId).toBe(
      APP_ENFORCEMENT_STATES.failed,
    )
    expect(jobEventState(testJob({ stage: 'queued' }), { kind: 'interrupted' })?.stateId).toBe(
      APP_ENFORCEMENT_STATES.inProgress,
    )
  })

  it('travels beside the status message of the same event', () => {
    const report = jobEventReport(testJob({ deploymentId: 'PS100007' }), { kind: 'succeeded', exitCode: 0 })
    expect(report.messageId).toBe(10008)
    expect(report.appState).toEqual({ deploymentId: 'PS100007', stateId: 1000, exitCode: 0, user: '' })
  })
})

describe('buildStateMessage', () => {
  it('builds a state message of topic 1702 about the deployment, with the exit code as the first parameter, that the relay accepts', () => {
    const report = jobEventState(testJob({ deploymentId: 'PS100007', userName: 'ada' }), {
      kind: 'failed',
      exitCode: 7,
      detail: 'exit code 7',
    })
    expect(report).not.toBeNull()
    const message = buildStateMessage(report ?? { deploymentId: '', stateId: 0, exitCode: null, user: '' }, {
      id: '0193a5b4-7d2e-7c3a-8f00-000000000001',
      messageTime: Date.UTC(2026, 11, 7, 21, 0, 0),
      serialNumber: 12,
    })
    const parsed = parseStateMessage({ ...message, origin: { kind: 'client', id: 'GUID:client' } }, 'message')
    expect(parsed.ok).toBe(true)
    expect(message).toMatchObject({
      serialNumber: 12,
      messageTime: '2026-12-07T21:00:00.000Z',
      topic: { id: 'PS100007', type: 1702, idType: 2, user: 'ada' },
      state: { id: 5000, criticality: 0 },
      userParameters: { flags: 0, params: ['7'] },
    })
  })
})
