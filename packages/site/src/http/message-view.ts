/**
 * Stored messages as the REST API shows them (`MessageView` of `@sitrep/api`): the JSON wire form
 * with the text rendered from the catalogue, and a page of them with its cursor. Used by the
 * messages, query, summary, stream and export routes.
 */
import type { MessagePage, MessageView } from '@sitrep/api'
import { attributeName, encodeStatusMessageJson, formatIsoTime, renderMessage } from '@sitrep/protocol'
import type { Catalogue } from '@sitrep/protocol'
import type { StoredMessage } from '@sitrep/store'

/** Renders a stored message for the API in `locale` (the catalogue's default when `undefined`). */
export function toMessageView(
  message: StoredMessage,
  catalogue: Catalogue,
  locale: string | undefined,
): MessageView {
  const rendered = renderMessage(catalogue, message, locale === undefined ? {} : { locale })
  return {
    ...encodeStatusMessageJson(message),
    insertionStrings: [...message.insertionStrings],
    attributes: message.attributes.map((a) => ({ id: a.id, value: a.value })),
    recordId: message.recordId,
    receivedAt: formatIsoTime(message.receivedAt),
    deleteAfter: message.deleteAfter === null ? null : formatIsoTime(message.deleteAfter),
    trusted: message.trusted,
    text: rendered.text,
    known: rendered.known,
    attributeNames: Object.fromEntries(
      message.attributes.flatMap((a) => {
        const name = attributeName(a.id)
        return name === undefined ? [] : [[String(a.id), name]]
      }),
    ),
  }
}

/**
 * A page of `messages` read with `limit`, newest first: a full page gets the cursor of its last
 * (oldest) message, so the next request continues below it; a short page is the last one.
 */
export function toMessagePage(
  messages: readonly StoredMessage[],
  limit: number,
  toView: (message: StoredMessage) => MessageView,
): MessagePage {
  const last = messages.at(-1)
  return {
    messages: messages.map(toView),
    nextCursor: last !== undefined && messages.length === limit ? last.recordId : null,
  }
}
