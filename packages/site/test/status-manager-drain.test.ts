/**
 * `drain()` of a running status manager returns only once what the inbox held is stored, even
 * when a worker claimed it first. On PostgreSQL the worker's claim locks the rows (`FOR UPDATE
 * SKIP LOCKED`), so drain's own claim comes back empty while the worker has not committed yet;
 * drain used to return there, and a test that read right after it missed messages.
 */
import type { SiteStore, SiteTransaction } from '@sitrep/store'
import { afterEach, expect, it } from 'vitest'
import { describeEachEngine } from './helpers/engines.ts'
import { makeMessage } from './helpers/messages.ts'
import type { TestSite } from './helpers/test-site.ts'
import { createTestSite } from './helpers/test-site.ts'

describeEachEngine('drain of a running status manager', (engine) => {
  let site: TestSite | undefined
  afterEach(async () => {
    await site?.close()
    site = undefined
  })

  // PostgreSQL only, skipped on SQLite: SQLite runs one transaction at a time, so a worker's
  // claimed batch cannot be pending beside drain's claim there (and holding it open, as below,
  // would block drain for good).
  it.runIf(engine.kind === 'postgres')(
    'waits for the batch a worker claimed and has not committed, and then has it stored',
    async () => {
      const store = await engine.openStore()
      // The worker's first batch holds its transaction open until drain's first claim has come
      // back (empty: the worker's rows are locked), and 2 s longer, far beyond the read that
      // follows a drain that returned early; then it commits.
      let workerClaimed!: () => void
      const claimed = new Promise<void>((resolve) => (workerClaimed = resolve))
      let letWorkerCommit!: () => void
      const gate = new Promise<void>((resolve) => (letWorkerCommit = resolve))
      let armed = false
      let transactions = 0
      const gated: SiteStore = {
        ...store,
        transaction<T>(work: (tx: SiteTransaction) => Promise<T>): Promise<T> {
          if (!armed) return store.transaction(work)
          transactions += 1
          if (transactions === 1) {
            return store.transaction(async (tx) => {
              const result = await work(tx)
              workerClaimed()
              await gate
              return result
            })
          }
          return store.transaction(work).then((result) => {
            setTimeout(letWorkerCommit, 2000)
            return result
          })
        },
      }
      site = await createTestSite({ store: gated, logger: engine.siteLog('PS1').logger })
      // One message stored first, so the day's partition exists: creating it locks the message
      // table, and a read would then wait for the worker's commit whatever drain did.
      await site.enqueue([makeMessage({ component: 'Earlier' })])
      await site.statusManager.drain()
      armed = true
      const message = makeMessage({ component: 'Drain' })
      await site.enqueue([message])
      site.statusManager.start()
      await claimed

      await site.statusManager.drain()
      expect((await store.listMessages({ component: 'Drain' })).map((m) => m.id)).toEqual([message.id])
      expect(await store.inboxSize()).toBe(0)
    },
  )
})
