import { describe, expect, it } from 'vitest'
import { createSseParser } from './sse-frames.ts'

describe('createSseParser', () => {
  it('reads events split across chunks, skips ping comments and joins data lines', () => {
    const parser = createSseParser()
    expect(parser.push('event: activity\ndata: {"a"')).toEqual([])
    expect(parser.push(':1}\n\n: ping\n\n')).toEqual([{ event: 'activity', data: '{"a":1}' }])
    expect(parser.push('data: one\r\ndata: two\r\n\r\nevent: x\n\n')).toEqual([
      { event: 'message', data: 'one\ntwo' },
    ])
  })
})
