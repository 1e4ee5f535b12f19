import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { rawPublicKey } from './client-identity.ts'
import { registrationProof, signingBytes, signRequest } from './sign-request.ts'

describe('signingBytes', () => {
  it('lays out scheme, method, path, timestamp and then the body bytes exactly', () => {
    const body = Buffer.from('{"messages":[]}', 'utf8')
    const bytes = signingBytes({
      method: 'post',
      path: '/mp/v1/status?x=1',
      timestamp: '2026-11-21T08:00:00.000Z',
      body,
    })
    expect(bytes.toString('utf8')).toBe(
      'sitrep-v1\nPOST\n/mp/v1/status\n2026-11-21T08:00:00.000Z\n{"messages":[]}',
    )
  })

  it('keeps non-UTF-8 body bytes as they are', () => {
    const body = Buffer.from([0xff, 0xfe, 0x3c, 0x00])
    const bytes = signingBytes({ method: 'POST', path: '/mp/v1/status', timestamp: 't', body })
    expect(bytes.subarray(bytes.length - 4)).toEqual(body)
  })
})

describe('signRequest', () => {
  it('produces headers whose signature node:crypto verifies over the documented bytes', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519')
    const body = Buffer.from('hello', 'utf8')
    const now = Date.UTC(2026, 10, 21, 8, 0, 0)
    const headers = signRequest(
      { clientId: 'GUID:abc', privateKey },
      { method: 'POST', path: '/mp/v1/status', body },
      now,
    )
    expect(headers['X-Sitrep-Client-Id']).toBe('GUID:abc')
    expect(headers['X-Sitrep-Timestamp']).toBe('2026-11-21T08:00:00.000Z')
    const signature = headers['X-Sitrep-Signature'] ?? ''
    expect(signature).toMatch(/^ed25519=[A-Za-z0-9+/]+=*$/)
    const expected = Buffer.from('sitrep-v1\nPOST\n/mp/v1/status\n2026-11-21T08:00:00.000Z\nhello', 'utf8')
    expect(verify(null, expected, publicKey, Buffer.from(signature.slice('ed25519='.length), 'base64'))).toBe(
      true,
    )
  })
})

describe('registrationProof', () => {
  it('signs "sitrep-register-v1\\n" + the base64 raw public key, verifiable from the raw key alone', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519')
    const raw = rawPublicKey(publicKey)
    expect(raw).toHaveLength(32)
    const publicKeyBase64 = raw.toString('base64')
    const proof = registrationProof(privateKey, publicKeyBase64)
    const rebuilt = createPublicKey({
      key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]),
      format: 'der',
      type: 'spki',
    })
    const signed = Buffer.from(`sitrep-register-v1\n${publicKeyBase64}`, 'utf8')
    expect(verify(null, signed, rebuilt, Buffer.from(proof, 'base64'))).toBe(true)
  })
})
