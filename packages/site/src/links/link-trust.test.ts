import { describe, expect, it } from 'vitest'
import { takeLinkTrust } from './link-trust.ts'

describe('takeLinkTrust', () => {
  it('takes the marks off and lists the messages marked untrusted', () => {
    const { batch, untrusted } = takeLinkTrust({
      messages: [{ id: 'a' }, { id: 'b', trusted: false }, { id: 'c', trusted: true }],
    })
    expect(batch).toEqual({ messages: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] })
    expect([...untrusted]).toEqual([1])
  })

  it('counts a mark that is not exactly true as untrusted', () => {
    const { untrusted } = takeLinkTrust({
      messages: [{ trusted: 'yes' }, { trusted: 1 }, { trusted: null }],
    })
    expect([...untrusted]).toEqual([0, 1, 2])
  })

  it('leaves a body that is not a batch for the batch parser to refuse', () => {
    expect(takeLinkTrust([1, 2]).batch).toEqual([1, 2])
    expect(takeLinkTrust({ messages: 'none' }).batch).toEqual({ messages: 'none' })
    expect(takeLinkTrust(null).untrusted.size).toBe(0)
  })
})
