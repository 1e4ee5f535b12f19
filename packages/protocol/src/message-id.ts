import { v7 as uuidv7, validate as validateUuid, version as uuidVersion } from 'uuid'

/**
 * Creates a message `id`: a UUIDv7, so IDs sort by creation time and every hop can drop
 * duplicates by it. Pass `now` (epoch ms) to make the time part explicit; IDs made in the
 * same millisecond by one process still sort in creation order.
 */
export function newMessageId(now?: number): string {
  return now === undefined ? uuidv7() : uuidv7({ msecs: now })
}

/** True when `value` is a UUID of version 7, in canonical lower- or upper-case form. */
export function isMessageId(value: string): boolean {
  return validateUuid(value) && uuidVersion(value) === 7
}

/** Returns the creation time (epoch ms) encoded in a UUIDv7. */
export function messageIdTime(id: string): number {
  return Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16)
}
