import { afterEach, describe, expect, it } from 'vitest'
import { describeEachEngine } from '../helpers/engines.ts'
import type { TestMp } from './mp-test-site.ts'
import { createTestMp, statusJson } from './mp-test-site.ts'

describeEachEngine('group commit', (engine) => {
  let mp: TestMp | undefined
  afterEach(async () => {
    await mp?.close()
    mp = undefined
  })
  const start = async (options: Parameters<typeof createTestMp>[0] = {}): Promise<TestMp> =>
    createTestMp({ ...options, store: await engine.openStore(), logger: engine.siteLog('PS1').logger })

  describe('group commit at POST /mp/v1/status', () => {
    it('commits 50 concurrent posts in far fewer transactions, and every message is in the inbox', async () => {
      mp = await start()
      const test = mp
      const { clientId, keys } = await test.register()
      const before = test.committer.commits()
      const replies = await Promise.all(
        Array.from({ length: 50 }, () =>
          test.signed({
            clientId,
            keys,
            body: JSON.stringify({ messages: [statusJson(clientId), statusJson(clientId)] }),
          }),
        ),
      )
      expect(replies.map((r) => r.statusCode)).toEqual(Array.from({ length: 50 }, () => 202))
      expect(await test.store.inboxSize()).toBe(100)
      expect(test.committer.commits() - before).toBeLessThan(50)
    })
  })
})
