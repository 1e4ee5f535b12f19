import { encodeStatusMessageJson, parseStatusMessage } from '@sitrep/protocol'
import { describe, expect, it } from 'vitest'
import { statusJson } from '../../test/mp/mp-test-site.ts'
import { MpError } from './mp-error.ts'
import { decodeStatusJsonBody, statusItemsOrThrow } from './status-candidates.ts'

const bytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8')

describe('decodeStatusJsonBody', () => {
  it('gives each valid message its inbox body, the normalized JSON of the parsed message', () => {
    const sent = statusJson('GUID:client-1')
    const decoded = decodeStatusJsonBody(bytes({ messages: [sent] }), 1000)
    expect(decoded.ok).toBe(true)
    const [item] = statusItemsOrThrow(decoded)
    const parsed = parseStatusMessage(sent)
    if (item?.ok !== true || !parsed.ok) throw new Error('expected a valid message')
    expect(item.value).toEqual({
      id: sent.id,
      origin: { kind: 'client', id: 'GUID:client-1' },
      module: 'SMS Provider',
      body: JSON.stringify(encodeStatusMessageJson(parsed.value)),
    })
  })

  it('keeps the order of the batch, with the issues of each bad message in its place', () => {
    const batch = [statusJson('c'), statusJson('c', { severity: 'fatal' }), statusJson('c')]
    const items = statusItemsOrThrow(decodeStatusJsonBody(bytes({ messages: batch }), 1000))
    expect(items.map((i) => [i.index, i.ok])).toEqual([
      [0, true],
      [1, false],
      [2, true],
    ])
    expect(items[1]).toMatchObject({ issues: [{ field: 'messages[1].severity' }] })
  })

  it.each([
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0x7d]), 'invalid_body', 'not valid UTF-8'],
    ['text that is not JSON', Buffer.from('{"messages": ['), 'invalid_body', 'not valid JSON'],
    ['a batch without messages', bytes({ message: [] }), 'invalid_body', 'message'],
    ['more messages than the limit', bytes({ messages: [{}, {}, {}] }), 'batch_too_large', 'limit is 2'],
  ])('refuses %s as a whole, as a plain value a worker can send back', (_what, body, code, text) => {
    const decoded = decodeStatusJsonBody(body, 2)
    expect(decoded).toMatchObject({ ok: false, code })
    expect(JSON.parse(JSON.stringify(decoded))).toEqual(decoded)
    let thrown: unknown
    try {
      statusItemsOrThrow(decoded)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(MpError)
    expect(thrown).toMatchObject({ code, message: expect.stringContaining(text) as unknown })
  })
})
