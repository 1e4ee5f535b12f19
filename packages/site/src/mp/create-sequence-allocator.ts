/**
 * Sequence numbers for messages the MP numbers itself (XML `Status` bodies carry none), with the
 * inbox's group commit applied to the counter: requests that arrive in the same turn of the event
 * loop, or while an allocation is in flight, share one store transaction instead of one each.
 * Numbers stay gap-free and unique across restarts and processes, because the store hands them
 * out (`allocateSequences`).
 */
import type { SequenceStore } from '@sitrep/store'

/** Hands out the next sequence number of an origin. */
export interface SequenceAllocator {
  next(origin: string): Promise<number>
}

interface Waiting {
  readonly origin: string
  readonly resolve: (sequence: number) => void
  readonly reject: (error: unknown) => void
}

/** Creates a {@link SequenceAllocator} over `store`; it holds no timers, so there is nothing to stop. */
export function createSequenceAllocator(store: Pick<SequenceStore, 'allocateSequences'>): SequenceAllocator {
  let waiting: Waiting[] = []
  let running = false

  const allocate = async (group: readonly Waiting[]): Promise<void> => {
    // One request per origin, counting how many numbers it needs; handed out in arrival order.
    const counts = new Map<string, number>()
    for (const w of group) counts.set(w.origin, (counts.get(w.origin) ?? 0) + 1)
    const origins = [...counts.keys()]
    let firsts: readonly number[]
    try {
      firsts = await store.allocateSequences(
        origins.map((origin) => ({ origin, count: counts.get(origin) ?? 1 })),
      )
    } catch (error) {
      for (const w of group) w.reject(error)
      return
    }
    const next = new Map(origins.map((origin, i) => [origin, firsts[i] ?? 0]))
    for (const w of group) {
      const sequence = next.get(w.origin) ?? 0
      next.set(w.origin, sequence + 1)
      w.resolve(sequence)
    }
  }

  const run = async (): Promise<void> => {
    while (waiting.length > 0) {
      const group = waiting
      waiting = []
      await allocate(group)
    }
    running = false
  }

  return {
    next(origin) {
      return new Promise((resolve, reject) => {
        waiting.push({ origin, resolve, reject })
        if (running) return
        running = true
        setImmediate(() => void run())
      })
    },
  }
}
