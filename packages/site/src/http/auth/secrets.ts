/**
 * Random secrets (session IDs, CSRF tokens, API tokens, first-start passwords) and the SHA-256
 * digests the store keeps instead of them.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** Prefix of issued API tokens, so they are recognisable in logs and secret scanners. */
export const API_TOKEN_PREFIX = 'sitrep_'

/** A random secret of `bytes` bytes, base64url. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

/** SHA-256 of `text` as hex: what the store keeps for session IDs and tokens. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** Compares two strings in constant time (through their digests, so lengths leak nothing). */
export function safeEqual(a: string, b: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest()
  return timingSafeEqual(digest(a), digest(b))
}
