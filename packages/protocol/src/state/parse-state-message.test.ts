import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { arbitraryStateMessage } from '../../test/arbitraries.ts'
import { encodeStateMessageJson } from '../codecs/state-json.ts'
import { newMessageId } from '../message-id.ts'
import { parseStateMessage } from './parse-state-message.ts'
import { parseStateMessageBody } from './parse-state-message-body.ts'

function validInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: newMessageId(Date.UTC(2026, 10, 21)),
    origin: { kind: 'client', id: 'GUID:4d1c2c2e-6a55-4b8e-9d3e-0a0b0c0d0e0f' },
    messageTime: '2014-01-20T17:18:55.573Z',
    serialNumber: 232,
    topic: { id: '505fda07-b4f3-45fb-83d9-8642554e2773', type: 500, idType: 3 },
    state: { id: 2 },
    ...overrides,
  }
}

function issuesOf(input: unknown): readonly { field: string; code: string; limit?: number | string }[] {
  const result = parseStateMessage(input)
  if (result.ok) throw new Error('expected the parser to refuse the input')
  return result.issues
}

describe('parseStateMessage', () => {
  it('returns a typed message with defaults for the optional fields', () => {
    const result = parseStateMessage(validInput())
    expect(result.ok && result.value).toMatchObject({
      messageTime: Date.UTC(2014, 0, 20, 17, 18, 55, 573),
      serialNumber: 232,
      topic: { id: '505fda07-b4f3-45fb-83d9-8642554e2773', type: 500, idType: 3, user: '', userSid: '' },
      state: { id: 2, criticality: 0 },
      userParameters: { flags: 0, params: [] },
    })
    expect(result.ok && 'details' in result.value).toBe(false)
  })

  it('refuses a missing id, origin, topic and state all at once', () => {
    const fields = issuesOf({ messageTime: 0, serialNumber: 1 }).map((i) => i.field)
    expect(fields).toEqual(expect.arrayContaining(['id', 'origin', 'topic', 'state']))
  })

  it('refuses details longer than 64 KiB, naming the limit', () => {
    const issues = issuesOf(validInput({ details: { type: 1, text: 'x'.repeat(64 * 1024 + 1) } }))
    expect(issues).toEqual([
      expect.objectContaining({ field: 'details.text', code: 'too_long', limit: 65536 }),
    ])
  })

  it('refuses more than 100 user parameters and any longer than 255 characters', () => {
    const many = issuesOf(validInput({ userParameters: { params: Array.from({ length: 101 }, () => '1') } }))
    expect(many).toEqual([
      expect.objectContaining({ field: 'userParameters.params', code: 'too_many', limit: 100 }),
    ])
    const long = issuesOf(validInput({ userParameters: { params: ['ok', 'x'.repeat(256)] } }))
    expect(long).toEqual([expect.objectContaining({ field: 'userParameters.params[1]', code: 'too_long' })])
  })

  it('refuses unknown fields at every level', () => {
    const fields = issuesOf(validInput({ extra: 1, topic: { id: 't', type: 1, colour: 'red' } })).map(
      (i) => i.field,
    )
    expect(fields).toEqual(['extra', 'topic.colour'])
  })

  it('refuses a NUL character and a negative state ID', () => {
    const fields = issuesOf(validInput({ topic: { id: 'a\u0000', type: 1 }, state: { id: -1 } })).map(
      (i) => i.field,
    )
    expect(fields).toEqual(['topic.id', 'state.id'])
  })

  it('prefixes issue fields with the path it is given', () => {
    const result = parseStateMessage(validInput({ state: {} }), 'stateMessages[4]')
    expect(result.ok || result.issues.map((i) => i.field)).toEqual(['stateMessages[4].state.id'])
  })

  it('reads back every message encodeStateMessageJson writes', () => {
    fc.assert(
      fc.property(arbitraryStateMessage(), (message) => {
        expect(parseStateMessage(encodeStateMessageJson(message))).toEqual({ ok: true, value: message })
      }),
    )
  })
})

describe('parseStateMessageBody', () => {
  it('refuses the delivery fields, which only parseStateMessage reads', () => {
    const { id: _, origin: __, ...body } = validInput()
    expect(parseStateMessageBody(body).ok).toBe(true)
    const result = parseStateMessageBody(validInput())
    expect(result.ok || result.issues.map((i) => i.field)).toEqual(['id', 'origin'])
  })
})
