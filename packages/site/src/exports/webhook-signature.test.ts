import { describe, expect, it } from 'vitest'
import { signWebhookBody } from './webhook-signature.ts'

describe('signWebhookBody', () => {
  it('signs "<t>.<body>" with HMAC-SHA256, as `openssl dgst -sha256 -hmac` does', () => {
    // printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 't0p-s3cret-for-hooks'
    expect(
      signWebhookBody({ secret: 't0p-s3cret-for-hooks', body: '{"a":1}', timestampSeconds: 1_700_000_000 }),
    ).toBe('t=1700000000,v1=3230cfea8e1186e46896b398b96fa0386f8bcb184df3603580b35cb39fc3940f')
  })

  it('gives another signature for another time, so an old signature does not fit a new request', () => {
    const at = (t: number) =>
      signWebhookBody({ secret: 't0p-s3cret-for-hooks', body: '{}', timestampSeconds: t })
    expect(at(1).split(',v1=')[1]).not.toBe(at(2).split(',v1=')[1])
  })
})
