/**
 * An in-process feed of newly stored messages: the status manager publishes each committed
 * batch, and the live tail (`GET /api/v1/messages/stream`) subscribes. Listeners run
 * synchronously and must not throw; a slow one only costs itself (it writes to its own socket).
 */
import type { StoredMessage } from '@sitrep/store'

/** A feed of stored messages. */
export interface StoredMessageFeed {
  /** Hands a committed batch to every listener. */
  publish(messages: readonly StoredMessage[]): void
  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: (messages: readonly StoredMessage[]) => void): () => void
  /** How many listeners there are (for tests and health). */
  size(): number
}

/** Creates an empty feed. */
export function createStoredMessageFeed(): StoredMessageFeed {
  const listeners = new Set<(messages: readonly StoredMessage[]) => void>()
  return {
    publish(messages) {
      if (messages.length === 0) return
      for (const listener of [...listeners]) listener(messages)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    size: () => listeners.size,
  }
}
