/**
 * Ed25519 keys and signatures with `node:crypto`. Clients send raw 32-byte public keys in
 * base64; Node wants a `KeyObject`, built by wrapping the key in the fixed SPKI DER prefix.
 */
import { createPublicKey, verify } from 'node:crypto'
import type { KeyObject } from 'node:crypto'

/** SPKI DER header of an Ed25519 public key (RFC 8410): the raw 32 bytes follow it. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** Decodes strict base64 (padding optional), or `undefined` when the text is not base64. */
export function decodeBase64(text: string): Buffer | undefined {
  if (!BASE64.test(text) || text.length % 4 === 1) return undefined
  return Buffer.from(text, 'base64')
}

/**
 * Returns the public key object of a base64 raw Ed25519 key, or `undefined` when the text is
 * not 32 bytes of base64 or not a valid curve point.
 */
export function ed25519PublicKey(base64: string): KeyObject | undefined {
  // Building a KeyObject costs about as much as verifying a signature, and a client's key is
  // the same on every request, so keys are remembered (a pure memo, bounded in size).
  if (KEY_OBJECTS.has(base64)) return KEY_OBJECTS.get(base64)
  if (KEY_OBJECTS.size >= KEY_OBJECTS_MAX) KEY_OBJECTS.clear()
  const key = buildPublicKey(base64)
  KEY_OBJECTS.set(base64, key)
  return key
}

const KEY_OBJECTS = new Map<string, KeyObject | undefined>()
const KEY_OBJECTS_MAX = 100_000

function buildPublicKey(base64: string): KeyObject | undefined {
  const raw = decodeBase64(base64)
  if (raw?.length !== 32) return undefined
  try {
    return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' })
  } catch {
    return undefined
  }
}

/**
 * Resolves true when `signature` is a valid Ed25519 signature of `data` by `key`; never rejects.
 * The check runs on libuv's thread pool, not on the event loop: at about 130 µs per signature on
 * a small server it is the largest single cost of a one-message request, and the event loop has
 * HTTP, parsing and the inbox to do meanwhile.
 */
export function verifyEd25519Async(
  key: KeyObject,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (signature.length !== 64) return Promise.resolve(false)
  return new Promise((resolve) => {
    try {
      verify(null, data, key, signature, (error, ok) => {
        resolve(error === null && ok)
      })
    } catch {
      resolve(false)
    }
  })
}

/** True when `signature` is a valid Ed25519 signature of `data` by `key`. Never throws. */
export function verifyEd25519(key: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false
  try {
    return verify(null, data, key, signature)
  } catch {
    return false
  }
}
