/**
 * IDs for state messages that arrive in XML reports, which carry none. The ID is derived from
 * what identifies the state message (client, serial number, topic, state, time), so a client
 * that resends the same report gets `duplicate` instead of a second copy.
 */
import { createHash } from 'node:crypto'
import type { StateMessageBody } from '@sitrep/protocol'

/** Returns a UUIDv7 whose time is the message time and whose other bits hash its identity. */
export function stateMessageIdFor(clientId: string, body: StateMessageBody): string {
  const hash = createHash('sha256')
    .update(
      JSON.stringify([
        clientId,
        body.serialNumber,
        body.topic.type,
        body.topic.id,
        body.state.id,
        body.messageTime,
      ]),
    )
    .digest()
  const bytes = Buffer.from(hash.subarray(0, 16))
  const ms = Math.min(Math.max(0, Math.trunc(body.messageTime)), 2 ** 48 - 1)
  bytes.writeUIntBE(ms, 0, 6)
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f) // version 7
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f) // RFC 4122 variant
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
