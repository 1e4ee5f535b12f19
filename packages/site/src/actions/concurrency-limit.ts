/** A slot from {@link createConcurrencyLimit}; call `release` exactly once when the work ends. */
export interface ConcurrencySlot {
  release(): void
}

/** Bounds how many tasks run at once; extra tasks wait in a bounded FIFO queue. */
export interface ConcurrencyLimit {
  /** Resolves with a slot when one is free, or `null` at once when the queue is full. */
  acquire(): Promise<ConcurrencySlot | null>
  readonly running: number
  readonly queued: number
}

/**
 * Creates a counting semaphore with `maxConcurrent` slots and room for `maxQueued` waiters.
 * Refusing beyond the queue keeps a burst of matching messages from piling up unbounded work.
 */
export function createConcurrencyLimit(options: {
  readonly maxConcurrent: number
  readonly maxQueued: number
}): ConcurrencyLimit {
  let running = 0
  const waiters: ((slot: ConcurrencySlot) => void)[] = []

  const makeSlot = (): ConcurrencySlot => {
    let released = false
    return {
      release() {
        if (released) return
        released = true
        const next = waiters.shift()
        // The slot passes straight to the next waiter, so `running` stays the same.
        if (next !== undefined) next(makeSlot())
        else running--
      },
    }
  }

  return {
    acquire() {
      if (running < options.maxConcurrent) {
        running++
        return Promise.resolve(makeSlot())
      }
      if (waiters.length >= options.maxQueued) return Promise.resolve(null)
      return new Promise((resolve) => waiters.push(resolve))
    },
    get running() {
      return running
    },
    get queued() {
      return waiters.length
    },
  }
}
