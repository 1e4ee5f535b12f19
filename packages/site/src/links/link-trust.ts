/**
 * How trust travels up a site link. A replicated message is the status JSON the child stored,
 * plus `"trusted": false` when it came in by an unauthenticated door (the unsigned fallback
 * endpoint), so the parent stores it as untrusted too. The key is the link's, not the status
 * JSON's: the parent takes it off before the message is parsed and stored.
 */
import type { StatusMessage } from '@sitrep/protocol'
import { encodeStatusMessageJson } from '@sitrep/protocol'

/** The outbox payload of a `replicate` entry: the message, marked when it is not trusted. */
export function replicatePayload(message: StatusMessage, trusted: boolean): string {
  const json = encodeStatusMessageJson(message)
  return JSON.stringify(trusted ? json : { ...json, trusted: false })
}

/** The inbox source of the messages a child replicated here. */
export function linkSource(childSiteCode: string): string {
  return `link:${childSiteCode}`
}

/**
 * Whether an inbox item came from a child. The child counted it and took its deployment report
 * when it arrived there; those reach this site with the child's summaries, as absolute values.
 */
export function isFromChild(item: { readonly source: string }): boolean {
  return item.source.startsWith(linkSource(''))
}

/** A link upload with the trust marks taken off: the plain status batch and the untrusted indexes. */
export interface LinkBatchTrust {
  readonly batch: unknown
  readonly untrusted: ReadonlySet<number>
}

/**
 * Takes the `trusted` marks off the messages of a link upload `{ messages: [...] }`. A message
 * is untrusted when its mark is anything but `true` or absent, so a malformed mark never makes a
 * message more trusted than it was. Anything else is left for the batch parser to judge.
 */
export function takeLinkTrust(value: unknown): LinkBatchTrust {
  const untrusted = new Set<number>()
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { batch: value, untrusted }
  const messages: unknown = (value as Record<string, unknown>)['messages'] // an object, checked above
  if (!Array.isArray(messages)) return { batch: value, untrusted }
  const plain = messages.map((message: unknown, index) => {
    if (typeof message !== 'object' || message === null || !('trusted' in message)) return message
    const { trusted, ...rest } = message as Record<string, unknown> // an object holding the key
    if (trusted !== true) untrusted.add(index)
    return rest
  })
  return { batch: { ...value, messages: plain }, untrusted }
}
