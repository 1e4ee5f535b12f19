/**
 * Group commit of the inbox: durability must not cap throughput, so requests that arrive while a
 * commit is in flight (or in the same turn of the event loop) are committed together in one
 * `enqueueInbox` call — one transaction, one sync — and each request gets its own slice of the
 * outcomes. A failed commit rejects every request of the group; their clients retry, and
 * nothing that was acknowledged is lost.
 */
import type { EnqueueOutcome, InboxItem, InboxStore } from '@sitrep/store'

/** Commits inbox items for many concurrent requests at once. */
export interface InboxCommitter {
  /** Resolves with one outcome per item, in order, once the group holding them has committed. */
  enqueue(items: readonly InboxItem[]): Promise<readonly EnqueueOutcome[]>
  /** Number of store commits so far (for tests and the self-report). */
  commits(): number
}

/** What the committer needs. */
export interface InboxCommitterDeps {
  readonly store: Pick<InboxStore, 'enqueueInbox'>
  /** Most items in one commit; a request larger than this still commits, alone. */
  readonly maxGroupItems: number
  /** Called after every successful commit that accepted something (wakes the status manager). */
  readonly onCommitted?: () => void
}

interface Waiting {
  readonly items: readonly InboxItem[]
  readonly resolve: (outcomes: readonly EnqueueOutcome[]) => void
  readonly reject: (error: unknown) => void
}

/** Creates an {@link InboxCommitter}; it holds no timers, so there is nothing to stop. */
export function createInboxCommitter(deps: InboxCommitterDeps): InboxCommitter {
  const waiting: Waiting[] = []
  let flushing = false
  let commitCount = 0

  const takeGroup = (): Waiting[] => {
    const group: Waiting[] = []
    let size = 0
    while (waiting.length > 0) {
      const next = waiting[0]
      if (next === undefined) break
      if (group.length > 0 && size + next.items.length > deps.maxGroupItems) break
      group.push(next)
      size += next.items.length
      waiting.shift()
    }
    return group
  }

  const commitGroup = async (group: readonly Waiting[]): Promise<void> => {
    const all = group.flatMap((w) => w.items)
    let outcomes: readonly EnqueueOutcome[]
    try {
      commitCount += 1
      outcomes = await deps.store.enqueueInbox(all)
    } catch (error) {
      for (const w of group) w.reject(error)
      return
    }
    let offset = 0
    for (const w of group) {
      w.resolve(outcomes.slice(offset, offset + w.items.length))
      offset += w.items.length
    }
    if (outcomes.includes('accepted')) deps.onCommitted?.()
  }

  const flush = async (): Promise<void> => {
    // One commit at a time: whatever arrives meanwhile waits and forms the next group.
    while (waiting.length > 0) await commitGroup(takeGroup())
    flushing = false
  }

  return {
    enqueue(items) {
      if (items.length === 0) return Promise.resolve([])
      return new Promise((resolve, reject) => {
        waiting.push({ items, resolve, reject })
        if (flushing) return
        flushing = true
        // Wait for the rest of this event-loop turn, so requests parsed together commit together.
        setImmediate(() => void flush())
      })
    },
    commits: () => commitCount,
  }
}
