import { describe, expect, it } from 'vitest'
import {
  CLIENT_DEPLOYMENT_STATES,
  describeSegments,
  isClientState,
  stateSegments,
} from './deployment-states.ts'
import type { ClientDeploymentState } from './deployment-states.ts'

const zero = Object.fromEntries(CLIENT_DEPLOYMENT_STATES.map((s) => [s, 0])) as Record<
  ClientDeploymentState,
  number
>

describe('deployment state bar', () => {
  it('splits the bar among the states that have clients, in the states order', () => {
    const segments = stateSegments({ ...zero, error: 1, success: 2, not_reported: 1 })
    expect(segments).toEqual([
      { state: 'success', count: 2, percent: 50 },
      { state: 'error', count: 1, percent: 25 },
      { state: 'not_reported', count: 1, percent: 25 },
    ])
    expect(describeSegments(segments)).toBe('2 of 4 Success, 1 of 4 Error, 1 of 4 Not yet reported')
  })

  it('draws nothing for a collection without members, and says so', () => {
    expect(stateSegments(zero)).toEqual([])
    expect(describeSegments([])).toBe('no clients in the collection')
  })

  it('rounds shares to one decimal', () => {
    expect(stateSegments({ ...zero, success: 1, unreachable: 2 }).map((s) => s.percent)).toEqual([33.3, 66.7])
  })

  it('takes only known state names from a route', () => {
    expect(isClientState('requirements_not_met')).toBe(true)
    expect(isClientState('failed')).toBe(false)
    expect(isClientState(undefined)).toBe(false)
  })
})
