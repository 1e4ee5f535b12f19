/**
 * Authentication of signed MP requests (docs/protocol.md "Authentication"): the client is
 * known, the Ed25519 signature over `sitrep-v1\n<METHOD>\n<path>\n<timestamp>\n<body>`
 * verifies with its registered key, the timestamp is fresh, and the client is approved —
 * checked in that order, each with its own error code.
 */
import { parseIsoTime } from '@sitrep/protocol'
import type { ClientRecord, ClientStore } from '@sitrep/store'
import { decodeBase64, ed25519PublicKey, verifyEd25519Async } from './ed25519.ts'
import { MpError } from './mp-error.ts'

/** What authentication reads from a request. */
export interface SignedRequest {
  readonly method: string
  /** Path only, no query string. */
  readonly path: string
  readonly clientId: string | undefined
  readonly timestamp: string | undefined
  readonly signature: string | undefined
  readonly body: Uint8Array
}

/** What authentication needs. */
export interface AuthenticateDeps {
  readonly store: ClientStore
  readonly clock: () => number
  readonly maxClockSkewMs: number
}

/** Returns the bytes a client signs for a request (docs/protocol.md). */
export function signedBytes(method: string, path: string, timestamp: string, body: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`sitrep-v1\n${method}\n${path}\n${timestamp}\n`, 'utf8'), body])
}

/** Returns the approved client that signed `request`, or throws the {@link MpError} that says why not. */
export async function authenticateRequest(
  request: SignedRequest,
  deps: AuthenticateDeps,
): Promise<ClientRecord> {
  if (request.clientId === undefined || request.clientId === '') {
    throw new MpError(
      'unknown_client',
      'X-Sitrep-Client-Id is missing; register at POST /mp/v1/registration first',
    )
  }
  const client = await deps.store.getClient(request.clientId)
  if (client === undefined) {
    throw new MpError(
      'unknown_client',
      `client ${request.clientId.slice(0, 64)} is not registered here; register at POST /mp/v1/registration`,
    )
  }
  const signature = parseSignatureHeader(request.signature)
  const key = ed25519PublicKey(client.publicKey)
  const timestamp = request.timestamp ?? ''
  const data = signedBytes(request.method, request.path, timestamp, request.body)
  if (signature === undefined || key === undefined || !(await verifyEd25519Async(key, data, signature))) {
    throw new MpError(
      'bad_signature',
      'X-Sitrep-Signature does not verify with the registered key; sign "sitrep-v1\\n<METHOD>\\n<path>\\n<timestamp>\\n<body>" as docs/protocol.md says',
    )
  }
  const signedAt = parseIsoTime(timestamp)
  const now = deps.clock()
  if (signedAt === undefined || Math.abs(now - signedAt) > deps.maxClockSkewMs) {
    throw new MpError(
      'stale_timestamp',
      `X-Sitrep-Timestamp ${JSON.stringify(timestamp.slice(0, 40))} is more than ${deps.maxClockSkewMs / 1000} s from the site's clock (${new Date(now).toISOString()}); fix the client's clock`,
    )
  }
  switch (client.status) {
    case 'approved':
      return client
    case 'pending':
      throw new MpError(
        'client_not_approved',
        `client ${client.clientId} waits for an administrator's approval`,
      )
    case 'rejected':
      throw new MpError(
        'client_rejected',
        `client ${client.clientId} was rejected; contact the site administrator`,
      )
  }
}

function parseSignatureHeader(header: string | undefined): Buffer | undefined {
  if (header?.startsWith('ed25519=') !== true) return undefined
  return decodeBase64(header.slice('ed25519='.length))
}
