import { describe, expect, it } from 'vitest'
import {
  DEPLOYMENT_MESSAGE_TABLE,
  DEPLOYMENT_STATES,
  deploymentStateName,
  deploymentStateOfMessage,
  deploymentStateTrack,
} from './deployment-states.ts'

describe('DEPLOYMENT_MESSAGE_TABLE', () => {
  it('maps each message ID once', () => {
    const ids = DEPLOYMENT_MESSAGE_TABLE.flatMap(([messageIds]) => messageIds)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('follows the reference table', () => {
    const expected: Record<number, number> = {
      10000: 2,
      10001: 11,
      10002: 1,
      10003: 11,
      10004: 11,
      10005: 9,
      10006: 11,
      10007: 11,
      10008: 13,
      10009: 13,
      10018: 2,
      10019: 3,
      10020: 8,
      10021: 11,
      10022: 12,
      10023: 5,
      10024: 6,
      10025: 11,
      10030: 11,
      10031: 7,
      10034: 7,
      10035: 8,
      10036: 8,
      10037: 8,
      10040: 13,
      10041: 4,
      10042: 4,
      10045: 10,
      10046: 10,
      10050: 11,
      10051: 11,
      10052: 11,
      10053: 11,
      10054: 11,
      10055: 10,
      10056: 10,
      10057: 11,
      10058: 11,
      10060: 10,
      10061: 10,
      10062: 10,
      10070: 11,
      10071: 10,
      10072: 10,
      10073: 8,
      10074: 11,
      10075: 12,
      10076: 12,
      10077: 8,
      10078: 11,
      10079: 11,
      10080: 11,
    }
    for (const [id, state] of Object.entries(expected))
      expect(deploymentStateOfMessage(Number(id)), id).toBe(state)
    expect(DEPLOYMENT_MESSAGE_TABLE.flatMap(([ids]) => ids)).toHaveLength(Object.keys(expected).length)
    expect(deploymentStateOfMessage(10010)).toBeUndefined()
  })
})

describe('deploymentStateTrack', () => {
  it('puts 1–3 on acceptance, 4–13 on delivery, and -1 and 0 on neither', () => {
    expect(DEPLOYMENT_STATES.map((s) => deploymentStateTrack(s) ?? '-')).toEqual([
      '-',
      '-',
      'acceptance',
      'acceptance',
      'acceptance',
      ...Array<string>(10).fill('delivery'),
    ])
    expect(deploymentStateName(-1)).toBe('Accepted - No Further Status')
    expect(deploymentStateName(12)).toBe('Reboot Pending')
  })
})
