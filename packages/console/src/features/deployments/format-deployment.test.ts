import { describe, expect, it } from 'vitest'
import type { DeploymentSummary } from '../../api/api-types.ts'
import { progressSegments, stateParam } from './format-deployment.ts'

const d: DeploymentSummary = {
  deploymentId: 'PS120001',
  targeted: 4,
  accepted: 0,
  running: 1,
  waiting: 0,
  retrying: 0,
  succeeded: 2,
  failed: 0,
  rebootPending: 0,
  noStatus: 0,
  notYetReported: 1,
}

describe('deployment progress', () => {
  it('splits the bar among the states that have clients, not-yet-reported included', () => {
    expect(progressSegments(d)).toEqual([
      { state: 'running', count: 1, percent: 25 },
      { state: 'succeeded', count: 2, percent: 50 },
      { state: 'notYetReported', count: 1, percent: 25 },
    ])
  })

  it('names states as the clients route takes them', () => {
    expect(stateParam('notYetReported')).toBe('not-yet-reported')
    expect(stateParam('failed')).toBe('failed')
  })
})
