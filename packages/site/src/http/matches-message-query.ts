/**
 * A store {@link MessageQuery} evaluated in memory against one message, for the live tail: the
 * same filters as `GET /api/v1/messages`, so a stream shows what a refresh of the list would.
 * Paging fields (`beforeRecordId`, `limit`) do not apply to a stream and are ignored.
 */
import type { MessageQuery, StoredMessage } from '@sitrep/store'

const same = (a: string | null, b: string): boolean => a !== null && a.toLowerCase() === b.toLowerCase()

/** True when `message` passes every filter of `query`. */
export function matchesMessageQuery(query: MessageQuery, message: StoredMessage): boolean {
  if (query.siteCode !== undefined && !same(message.siteCode, query.siteCode)) return false
  if (query.machine !== undefined && !same(message.machine, query.machine)) return false
  if (query.component !== undefined && !same(message.component, query.component)) return false
  if (query.module !== undefined && !same(message.module, query.module)) return false
  if (query.severity !== undefined && message.severity !== query.severity) return false
  if (query.severities !== undefined && !query.severities.includes(message.severity)) return false
  if (query.messageType !== undefined && message.messageType !== query.messageType) return false
  if (query.messageId !== undefined && message.messageId !== query.messageId) return false
  if (query.messageIds !== undefined && !query.messageIds.includes(message.messageId)) return false
  if (query.since !== undefined && message.createdAt < query.since) return false
  if (query.until !== undefined && message.createdAt >= query.until) return false
  if (query.trusted !== undefined && message.trusted !== query.trusted) return false
  const attribute = query.attribute
  if (
    attribute !== undefined &&
    !message.attributes.some(
      (a) => a.id === attribute.id && (attribute.value === undefined || a.value === attribute.value),
    )
  ) {
    return false
  }
  const at = query.insertionString
  if (at !== undefined && message.insertionStrings[at.position - 1] !== at.value) return false
  const needle = query.insertionStringContains?.toLowerCase()
  if (needle !== undefined && !message.insertionStrings.some((s) => s.toLowerCase().includes(needle)))
    return false
  return true
}
