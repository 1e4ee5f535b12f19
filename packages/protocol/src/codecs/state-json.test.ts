import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { arbitraryStateMessage } from '../../test/arbitraries.ts'
import { parseStateMessage } from '../state/parse-state-message.ts'
import {
  STATE_BATCH_MAX,
  encodeStateBatchJson,
  encodeStateMessageJson,
  parseStateBatch,
} from './state-json.ts'

describe('encodeStateMessageJson', () => {
  it('writes messageTime as ISO 8601 UTC', () => {
    const [message] = fc.sample(arbitraryStateMessage(), { numRuns: 1, seed: 3 })
    if (message === undefined) throw new Error('no sample')
    expect(encodeStateMessageJson({ ...message, messageTime: 0 }).messageTime).toBe(
      '1970-01-01T00:00:00.000Z',
    )
  })

  it('survives JSON text and parseStateMessage unchanged', () => {
    fc.assert(
      fc.property(arbitraryStateMessage(), (message) => {
        const wire: unknown = JSON.parse(JSON.stringify(encodeStateMessageJson(message)))
        expect(parseStateMessage(wire)).toEqual({ ok: true, value: message })
      }),
    )
  })
})

describe('parseStateBatch', () => {
  it('reads back every batch encodeStateBatchJson writes', () => {
    fc.assert(
      fc.property(fc.array(arbitraryStateMessage(), { maxLength: 5 }), (messages) => {
        const wire: unknown = JSON.parse(JSON.stringify(encodeStateBatchJson(messages)))
        const result = parseStateBatch(wire)
        expect(result).toEqual({
          accepted: messages.map((value, index) => ({ index, value })),
          rejected: [],
          issues: [],
        })
      }),
      { numRuns: 50 },
    )
  })

  it('reports invalid state messages by index with stateMessages[i] paths', () => {
    const [message] = fc.sample(arbitraryStateMessage(), { numRuns: 1, seed: 4 })
    if (message === undefined) throw new Error('no sample')
    const good = encodeStateMessageJson(message)
    const result = parseStateBatch({ stateMessages: [{ ...good, serialNumber: -1 }, good] })
    expect(result.accepted.map((a) => a.index)).toEqual([1])
    expect(result.rejected[0]?.issues[0]?.field).toBe('stateMessages[0].serialNumber')
  })

  it('refuses a batch without a stateMessages array or over the maximum size', () => {
    expect(parseStateBatch({ messages: [] }).issues.map((i) => i.field)).toEqual(['messages'])
    expect(parseStateBatch(null).issues.map((i) => i.code)).toEqual(['type'])
    const big = parseStateBatch({ stateMessages: Array.from({ length: STATE_BATCH_MAX + 1 }, () => null) })
    expect(big.issues).toEqual([expect.objectContaining({ code: 'too_many', limit: STATE_BATCH_MAX })])
  })
})
