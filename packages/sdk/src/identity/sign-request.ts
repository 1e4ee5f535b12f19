/**
 * Request signing of the native MP protocol (docs/protocol.md "Authentication"): Ed25519 over
 * `sitrep-v1\n<METHOD>\n<path>\n<timestamp>\n` followed by the body bytes exactly as sent.
 */
import { sign, type KeyObject } from 'node:crypto'

/** The first line of every signed request; changes only with a new signature scheme. */
export const SIGNATURE_SCHEME = 'sitrep-v1'

/** The first line of a registration proof. */
export const REGISTRATION_PROOF_SCHEME = 'sitrep-register-v1'

/** Header names of a signed request. */
export const SIGNATURE_HEADERS = {
  clientId: 'X-Sitrep-Client-Id',
  timestamp: 'X-Sitrep-Timestamp',
  signature: 'X-Sitrep-Signature',
} as const

/** What a request signature covers. */
export interface SignedParts {
  readonly method: string
  /** Path with or without a query string; the query is not signed. */
  readonly path: string
  /** Exactly the `X-Sitrep-Timestamp` header value. */
  readonly timestamp: string
  readonly body: Uint8Array
}

/**
 * Returns the bytes a request signature covers.
 *
 * @example
 * signingBytes({ method: 'POST', path: '/mp/v1/status', timestamp: '2026-11-21T08:00:00.000Z', body })
 * // 'sitrep-v1\nPOST\n/mp/v1/status\n2026-11-21T08:00:00.000Z\n' followed by body
 */
export function signingBytes(parts: SignedParts): Buffer {
  const pathOnly = parts.path.split('?', 1)[0] ?? parts.path
  const head = `${SIGNATURE_SCHEME}\n${parts.method.toUpperCase()}\n${pathOnly}\n${parts.timestamp}\n`
  return Buffer.concat([Buffer.from(head, 'utf8'), parts.body])
}

/** Who signs: the site-assigned client ID and the private key registered under it. */
export interface RequestSigner {
  readonly clientId: string
  readonly privateKey: KeyObject
}

/**
 * Returns the three headers that sign one request at time `now` (epoch ms).
 *
 * @example
 * const headers = signRequest(signer, { method: 'POST', path: '/mp/v1/status', body }, Date.now())
 * // { 'X-Sitrep-Client-Id': 'GUID:…', 'X-Sitrep-Timestamp': '…Z', 'X-Sitrep-Signature': 'ed25519=…' }
 */
export function signRequest(
  signer: RequestSigner,
  request: { readonly method: string; readonly path: string; readonly body: Uint8Array },
  now: number,
): Record<string, string> {
  const timestamp = new Date(now).toISOString()
  const signature = sign(null, signingBytes({ ...request, timestamp }), signer.privateKey)
  return {
    [SIGNATURE_HEADERS.clientId]: signer.clientId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.signature]: `ed25519=${signature.toString('base64')}`,
  }
}

/**
 * Returns the registration `proof`: the base64 Ed25519 signature of the UTF-8 bytes of
 * `sitrep-register-v1\n` + the base64 public key, showing the caller holds the private key.
 */
export function registrationProof(privateKey: KeyObject, publicKeyBase64: string): string {
  const bytes = Buffer.from(`${REGISTRATION_PROOF_SCHEME}\n${publicKeyBase64}`, 'utf8')
  return sign(null, bytes, privateKey).toString('base64')
}
