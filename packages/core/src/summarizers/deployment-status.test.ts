import { describe, expect, it } from 'vitest'
import { buildDeploymentMessage } from '../../test/helpers/deployment-message.ts'
import { buildStatusMessage } from '../../test/helpers/build-status-message.ts'
import {
  applyDeploymentMessage,
  currentDeploymentState,
  deploymentExitCode,
  foldDeploymentMessages,
} from './deployment-status.ts'

const T0 = Date.parse('2026-11-21T08:00:00Z')
const MINUTE = 60_000
const msg = (id: number, minute: number, sequence = minute + 1) =>
  buildDeploymentMessage('PS120001', 'PC01', id, T0 + minute * MINUTE, { sequence })

describe('applyDeploymentMessage', () => {
  it('keeps the last acceptance and the last delivery message apart', () => {
    const status = [msg(10002, 0), msg(10005, 1), msg(10008, 2)].reduce(applyDeploymentMessage, undefined)
    expect(status).toMatchObject({
      deploymentId: 'PS120001',
      client: 'PC01',
      acceptance: { messageId: 10002, state: 1, time: T0 },
      delivery: { messageId: 10008, state: 13, time: T0 + 2 * MINUTE },
      lastReportedAt: T0 + 2 * MINUTE,
    })
  })

  it('ignores a message older than the last one on its track, so late arrivals do not regress', () => {
    const status = [msg(10008, 5), msg(10005, 3), msg(10002, 1)].reduce(applyDeploymentMessage, undefined)
    expect(status?.delivery?.messageId).toBe(10008)
    expect(status && currentDeploymentState(status)).toBe(13)
  })

  it('orders messages of the same millisecond by sequence', () => {
    const status = [msg(10008, 0, 7), msg(10005, 0, 6)].reduce(applyDeploymentMessage, undefined)
    expect(status?.delivery?.messageId).toBe(10008)
  })

  it('leaves other messages alone and refuses to fold a message into another client', () => {
    const other = buildStatusMessage({ messageId: 10005 })
    expect(applyDeploymentMessage(undefined, other)).toBeUndefined()
    const noAttribute = buildDeploymentMessage('PS120001', 'PC01', 10005, T0, { attributes: [] })
    expect(applyDeploymentMessage(undefined, noAttribute)).toBeUndefined()
    const mine = applyDeploymentMessage(undefined, msg(10002, 0))
    const theirs = buildDeploymentMessage('PS120001', 'PC02', 10005, T0)
    expect(() => applyDeploymentMessage(mine, theirs)).toThrow(RangeError)
  })
})

describe('currentDeploymentState', () => {
  it('shows accepted with nothing after it as -1, and an unmapped message alone as 0', () => {
    expect(currentDeploymentState({ deploymentId: 'D', client: 'C', lastReportedAt: T0 })).toBe(0)
    const accepted = applyDeploymentMessage(undefined, msg(10002, 0))
    expect(accepted && currentDeploymentState(accepted)).toBe(-1)
  })

  it('follows a newer acceptance over an older delivery, as when a deployment is received again', () => {
    const status = [msg(10006, 0), msg(10002, 5)].reduce(applyDeploymentMessage, undefined)
    expect(status && currentDeploymentState(status)).toBe(-1)
  })
})

describe('foldDeploymentMessages', () => {
  it('groups by deployment and client ignoring case, in any arrival order', () => {
    const messages = [
      buildDeploymentMessage('PS120001', 'PC01', 10005, T0),
      buildDeploymentMessage('ps120001', 'pc01', 10008, T0 + MINUTE, { sequence: 2 }),
      buildDeploymentMessage('PS120002', 'PC01', 10002, T0),
    ]
    const statuses = foldDeploymentMessages(messages)
    expect(statuses.map((s) => [s.deploymentId, currentDeploymentState(s)])).toEqual([
      ['PS120001', 13],
      ['PS120002', -1],
    ])
  })
})

describe('deploymentExitCode', () => {
  it('reads %2 of 10006, 10008 and 10022 as the exit code, and nothing else', () => {
    expect(deploymentExitCode({ messageId: 10006, insertionStrings: ['PS120001', '1603'] })).toBe(1603)
    expect(deploymentExitCode({ messageId: 10022, insertionStrings: ['PS120001', ' 3010 '] })).toBe(3010)
    expect(deploymentExitCode({ messageId: 10008, insertionStrings: ['PS120001', '-1'] })).toBe(-1)
    expect(deploymentExitCode({ messageId: 10005, insertionStrings: ['PS120001', '7'] })).toBeNull()
    expect(
      deploymentExitCode({
        messageId: 10008,
        insertionStrings: ['PS120001', 'unknown (detected after the agent restarted)'],
      }),
    ).toBeNull()
    expect(deploymentExitCode({ messageId: 10006, insertionStrings: ['PS120001'] })).toBeNull()
  })
})
