/**
 * Signatures of site-link transfers (docs/hierarchy.md "Authentication"). The child signs each
 * request, the parent signs each reply, both over
 * `sitrep-link-v1\n<request|reply>\n<METHOD>\n<path>\n<timestamp>\n<body>`, so neither a
 * request nor a reply can be replayed as the other or as a client's MP request.
 */
import { parseIsoTime } from '@sitrep/protocol'
import { decodeBase64, ed25519PublicKey, verifyEd25519 } from '../mp/ed25519.ts'
import type { SiteKey } from './site-key.ts'

/** Headers of a signed link request or reply. */
export const LINK_HEADERS = {
  siteCode: 'x-sitrep-site-code',
  timestamp: 'x-sitrep-timestamp',
  signature: 'x-sitrep-signature',
} as const

/** Which way a signed body travels. */
export type LinkDirection = 'request' | 'reply'

/** The bytes signed for one transfer. */
export function linkSignedBytes(
  direction: LinkDirection,
  method: string,
  path: string,
  timestamp: string,
  body: Uint8Array,
): Buffer {
  const head = `sitrep-link-v1\n${direction}\n${method}\n${path}\n${timestamp}\n`
  return Buffer.concat([Buffer.from(head, 'utf8'), body])
}

/** Signs a transfer; returns the headers to send with it. */
export function signLink(
  key: SiteKey,
  siteCode: string,
  what: {
    readonly direction: LinkDirection
    readonly method: string
    readonly path: string
    readonly body: Uint8Array
  },
  now: number,
): Record<string, string> {
  const timestamp = new Date(now).toISOString()
  const signature = key.sign(linkSignedBytes(what.direction, what.method, what.path, timestamp, what.body))
  return {
    [LINK_HEADERS.siteCode]: siteCode,
    [LINK_HEADERS.timestamp]: timestamp,
    [LINK_HEADERS.signature]: `ed25519=${signature.toString('base64')}`,
  }
}

/** Why a signature was refused, or `null` when it verifies and is fresh. */
export function checkLinkSignature(
  publicKey: string,
  what: {
    readonly direction: LinkDirection
    readonly method: string
    readonly path: string
    readonly body: Uint8Array
    readonly timestamp: string | undefined
    readonly signature: string | undefined
  },
  now: number,
  maxSkewMs: number,
): 'bad_signature' | 'stale_timestamp' | null {
  const key = ed25519PublicKey(publicKey)
  const header = what.signature ?? ''
  const signature = header.startsWith('ed25519=') ? decodeBase64(header.slice('ed25519='.length)) : undefined
  const timestamp = what.timestamp ?? ''
  const data = linkSignedBytes(what.direction, what.method, what.path, timestamp, what.body)
  if (key === undefined || signature === undefined || !verifyEd25519(key, data, signature))
    return 'bad_signature'
  const signedAt = parseIsoTime(timestamp)
  if (signedAt === undefined || Math.abs(now - signedAt) > maxSkewMs) return 'stale_timestamp'
  return null
}
