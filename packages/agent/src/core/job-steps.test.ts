import { describe, expect, it } from 'vitest'
import { testJob } from '../../test/helpers/jobs.ts'
import {
  normalizeExitCode,
  beginDownload,
  beginJob,
  beginRun,
  finishJob,
  judgeInterrupted,
  judgeRun,
  recoverJob,
} from './job-steps.ts'

const run = {
  timedOut: false,
  detectedAfter: true,
  action: 'install' as const,
  successExitCodes: [],
  successAction: 'none' as const,
}

describe('judgeRun', () => {
  it('maps 0 to success, 3010 and 1641 to success with a restart, 1618 to a retry, others to failure', () => {
    expect(judgeRun({ ...run, exitCode: 0 })).toMatchObject({ kind: 'finished', outcome: 'succeeded' })
    expect(judgeRun({ ...run, exitCode: 3010 })).toMatchObject({ outcome: 'succeeded_restart_required' })
    expect(judgeRun({ ...run, exitCode: 1641 })).toMatchObject({ outcome: 'succeeded_restart_required' })
    expect(judgeRun({ ...run, exitCode: 1618 })).toMatchObject({
      kind: 'retry',
      reason: 'another_installation',
    })
    expect(judgeRun({ ...run, exitCode: 2 })).toMatchObject({ outcome: 'failed', detail: 'exit code 2' })
  })

  it('counts the deployment type extra success codes and its success action', () => {
    expect(judgeRun({ ...run, exitCode: 17, successExitCodes: [17], successAction: 'logoff' })).toMatchObject(
      {
        outcome: 'succeeded_logoff_required',
      },
    )
    expect(judgeRun({ ...run, exitCode: 0, successAction: 'restart' })).toMatchObject({
      outcome: 'succeeded_restart_required',
    })
  })

  it('fails a success exit code when detection afterwards does not find the application', () => {
    const verdict = judgeRun({ ...run, exitCode: 0, detectedAfter: false })
    expect(verdict).toMatchObject({ kind: 'finished', outcome: 'failed' })
  })

  it('reads an uninstall as done when detection no longer finds the application', () => {
    expect(judgeRun({ ...run, action: 'uninstall', exitCode: 0, detectedAfter: false })).toMatchObject({
      outcome: 'succeeded',
    })
  })

  it('reports a run past its maximum run time as timed out whatever the exit code', () => {
    expect(judgeRun({ ...run, exitCode: null, timedOut: true })).toMatchObject({ outcome: 'timed_out' })
  })
})

describe('normalizeExitCode', () => {
  it('reads the low byte of 3010, 1641 and 1618 as those codes on POSIX, and passes Windows codes through', () => {
    expect([194, 105, 82, 1].map((c) => normalizeExitCode(c, 'linux'))).toEqual([3010, 1641, 1618, 1])
    expect(normalizeExitCode(194, 'win32')).toBe(194)
  })
})

describe('recoverJob', () => {
  it('never runs a finished job again', () => {
    const done = finishJob(testJob(), { outcome: 'succeeded', now: 5 })
    expect(recoverJob(done)).toBe(done)
  })

  it('re-detects a job whose program was running instead of starting it again', () => {
    const running = beginRun(beginJob(testJob(), 1), 2)
    expect(recoverJob(running)).toMatchObject({ stage: 'detecting', attempts: 1 })
  })

  it('puts an interrupted download back in the queue, where it resumes', () => {
    expect(recoverJob(beginDownload(beginJob(testJob(), 1)))).toMatchObject({ stage: 'queued' })
  })
})

describe('judgeInterrupted', () => {
  it('finishes an interrupted install that detection finds present', () => {
    expect(judgeInterrupted(beginRun(testJob(), 1), true, 2)).toMatchObject({
      kind: 'finished',
      outcome: 'succeeded',
    })
  })

  it('queues it again when detection does not find it, until the attempts are used up', () => {
    const once = beginRun(testJob(), 1)
    expect(judgeInterrupted(once, false, 2)).toEqual({ kind: 'requeue' })
    const thrice = beginRun(beginRun(once, 2), 3)
    expect(judgeInterrupted(thrice, false, 4)).toMatchObject({ kind: 'finished', outcome: 'failed' })
  })
})
