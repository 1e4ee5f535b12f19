import { sign } from 'node:crypto'
import type { TestKeys } from '../mp/mp-test-site.ts'

/** The headers of a request signed as docs/protocol.md says, stamped with the real clock. */
export function signedHeaders(options: {
  readonly clientId: string
  readonly keys: TestKeys
  readonly path: string
  readonly body: string
}): Record<string, string> {
  const timestamp = new Date().toISOString()
  const data = Buffer.concat([
    Buffer.from(`sitrep-v1\nPOST\n${options.path}\n${timestamp}\n`),
    Buffer.from(options.body, 'utf8'),
  ])
  return {
    'content-type': 'application/json',
    'x-sitrep-client-id': options.clientId,
    'x-sitrep-timestamp': timestamp,
    'x-sitrep-signature': `ed25519=${sign(null, data, options.keys.privateKey).toString('base64')}`,
  }
}
