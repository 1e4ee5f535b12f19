/**
 * Last-seen times of clients, written in batches: each authenticated request marks its client,
 * and a periodic flush records them all in one statement instead of one write per request.
 */
import type { ClientStore } from '@sitrep/store'

/** Collects client IDs between flushes. */
export interface SeenClients {
  mark(clientId: string): void
  /** Writes the marked clients' last-seen time (now) and forgets them. */
  flush(): Promise<void>
}

/** Creates the collector; the caller runs `flush` on a timer and once at shutdown. */
export function createSeenClients(deps: {
  readonly store: ClientStore
  readonly clock: () => number
}): SeenClients {
  let marked = new Set<string>()
  return {
    mark: (clientId) => void marked.add(clientId),
    async flush() {
      if (marked.size === 0) return
      const ids = [...marked]
      marked = new Set()
      await deps.store.touchClients(ids, deps.clock())
    },
  }
}
