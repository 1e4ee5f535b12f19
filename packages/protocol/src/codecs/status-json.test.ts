import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { arbitraryStatusMessage } from '../../test/arbitraries.ts'
import { parseStatusMessage } from '../parse-status-message.ts'
import {
  STATUS_BATCH_MAX,
  encodeStatusBatchJson,
  encodeStatusMessageJson,
  parseStatusBatch,
} from './status-json.ts'

describe('encodeStatusMessageJson', () => {
  it('writes createdAt as ISO 8601 UTC and enumerations by name', () => {
    fc.assert(
      fc.property(arbitraryStatusMessage(), (message) => {
        const json = encodeStatusMessageJson(message)
        expect(json.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
        expect(json.severity).toBe(message.severity)
      }),
      { numRuns: 20 },
    )
  })

  it('leaves out the fields a site adds when it stores a message', () => {
    const [message] = fc.sample(arbitraryStatusMessage(), { numRuns: 1, seed: 1 })
    if (message === undefined) throw new Error('no sample')
    const stored = { ...message, recordId: 7, receivedAt: 0, deleteAfter: null }
    expect(Object.keys(encodeStatusMessageJson(stored))).not.toContain('recordId')
  })

  it('survives JSON text and parseStatusMessage unchanged', () => {
    fc.assert(
      fc.property(arbitraryStatusMessage(), (message) => {
        const wire: unknown = JSON.parse(JSON.stringify(encodeStatusMessageJson(message)))
        expect(parseStatusMessage(wire)).toEqual({ ok: true, value: message })
      }),
    )
  })
})

describe('parseStatusBatch', () => {
  it('reads back every batch encodeStatusBatchJson writes', () => {
    fc.assert(
      fc.property(fc.array(arbitraryStatusMessage(), { maxLength: 5 }), (messages) => {
        const wire: unknown = JSON.parse(JSON.stringify(encodeStatusBatchJson(messages)))
        const result = parseStatusBatch(wire)
        expect(result).toEqual({
          accepted: messages.map((value, index) => ({ index, value })),
          rejected: [],
          issues: [],
        })
      }),
      { numRuns: 50 },
    )
  })

  it('reports the issues of invalid messages by index and keeps the valid ones', () => {
    const [message] = fc.sample(arbitraryStatusMessage(), { numRuns: 1, seed: 2 })
    if (message === undefined) throw new Error('no sample')
    const good = encodeStatusMessageJson(message)
    const result = parseStatusBatch({ messages: [good, { ...good, severity: 'fatal' }, 'nope'] })
    expect(result.accepted.map((a) => a.index)).toEqual([0])
    expect(result.rejected.map((r) => [r.index, r.issues[0]?.field])).toEqual([
      [1, 'messages[1].severity'],
      [2, 'messages[2]'],
    ])
    expect(result.issues).toEqual([])
  })

  it.each([
    ['input that is not an object', [], 'batch', 'type'],
    ['a missing messages array', {}, 'messages', 'required'],
    ['messages that is not an array', { messages: {} }, 'messages', 'type'],
    ['an unknown top-level field', { messages: [], more: 1 }, 'more', 'unknown_field'],
  ])('refuses the whole batch for %s', (_, input, field, code) => {
    expect(parseStatusBatch(input)).toEqual({
      accepted: [],
      rejected: [],
      issues: [expect.objectContaining({ field, code })],
    })
  })

  it('refuses a batch over the maximum size, naming the limit', () => {
    const result = parseStatusBatch({ messages: Array.from({ length: STATUS_BATCH_MAX + 1 }, () => ({})) })
    expect(result.issues).toEqual([
      expect.objectContaining({ field: 'messages', code: 'too_many', limit: 1000 }),
    ])
    expect(result.issues[0]?.message).toMatch(/limit is 1000/)
  })
})
