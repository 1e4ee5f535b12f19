import { newMessageId } from '@sitrep/protocol'
import type { EnqueueOutcome, InboxItem } from '@sitrep/store'
import { createSqliteStore } from '@sitrep/store'
import { describe, expect, it } from 'vitest'
import { createInboxCommitter } from './create-inbox-committer.ts'

function item(id: string = newMessageId()): InboxItem {
  return { id, body: '{}', receivedAt: 0, source: 'mp', trusted: true }
}

/** A store whose commits stay open until the test releases them, recording each call. */
function createControlledStore() {
  const calls: { items: readonly InboxItem[]; finish: (error?: Error) => void }[] = []
  return {
    calls,
    enqueueInbox(items: readonly InboxItem[]): Promise<readonly EnqueueOutcome[]> {
      return new Promise((resolve, reject) => {
        calls.push({
          items,
          finish: (error) =>
            error === undefined ? resolve(items.map((): EnqueueOutcome => 'accepted')) : reject(error),
        })
      })
    },
  }
}

/** Lets the committer's setImmediate and promise callbacks run. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('createInboxCommitter', () => {
  it('commits requests that arrive while a commit is in flight together, each getting its own slice', async () => {
    const store = createControlledStore()
    let notified = 0
    const committer = createInboxCommitter({ store, maxGroupItems: 100, onCommitted: () => (notified += 1) })
    const first = committer.enqueue([item()])
    await turn()
    expect(store.calls).toHaveLength(1)
    const second = committer.enqueue([item(), item()])
    const third = committer.enqueue([item()])
    store.calls[0]?.finish()
    expect(await first).toEqual(['accepted'])
    await turn()
    expect(store.calls).toHaveLength(2)
    expect(store.calls[1]?.items).toHaveLength(3)
    store.calls[1]?.finish()
    expect(await second).toEqual(['accepted', 'accepted'])
    expect(await third).toEqual(['accepted'])
    expect(committer.commits()).toBe(2)
    expect(notified).toBe(2)
  })

  it('keeps groups within maxGroupItems, but commits an oversized request alone', async () => {
    const store = createControlledStore()
    const committer = createInboxCommitter({ store, maxGroupItems: 3 })
    const requests = [
      committer.enqueue([item(), item()]),
      committer.enqueue([item(), item()]),
      committer.enqueue([item(), item(), item(), item()]),
    ]
    await turn()
    expect(store.calls.map((c) => c.items.length)).toEqual([2])
    store.calls[0]?.finish()
    await turn()
    expect(store.calls.map((c) => c.items.length)).toEqual([2, 2])
    store.calls[1]?.finish()
    await turn()
    expect(store.calls.map((c) => c.items.length)).toEqual([2, 2, 4])
    store.calls[2]?.finish()
    expect((await Promise.all(requests)).map((r) => r.length)).toEqual([2, 2, 4])
  })

  it('rejects every request of a group whose commit fails, and goes on with the next group', async () => {
    const store = createControlledStore()
    const committer = createInboxCommitter({ store, maxGroupItems: 100 })
    const a = committer.enqueue([item()])
    const b = committer.enqueue([item()])
    await turn()
    const failure = new Error('disk full')
    store.calls[0]?.finish(failure)
    await expect(a).rejects.toBe(failure)
    await expect(b).rejects.toBe(failure)
    const c = committer.enqueue([item()])
    await turn()
    store.calls[1]?.finish()
    expect(await c).toEqual(['accepted'])
  })

  it('groups concurrent requests on a real SQLite store and answers duplicates across requests', async () => {
    const store = await createSqliteStore({ filename: ':memory:' })
    try {
      const committer = createInboxCommitter({ store, maxGroupItems: 5000 })
      const shared = newMessageId()
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => committer.enqueue(i < 2 ? [item(shared)] : [item(), item()])),
      )
      expect(results[0]).toEqual(['accepted'])
      expect(results[1]).toEqual(['duplicate'])
      expect(
        results
          .slice(2)
          .flat()
          .every((o) => o === 'accepted'),
      ).toBe(true)
      expect(await store.inboxSize()).toBe(1 + 48 * 2)
      expect(committer.commits()).toBeLessThan(50)
    } finally {
      await store.close()
    }
  })
})
