import { expect, it } from 'vitest'
import { makeMessage, T0, toStore } from '../helpers/messages.ts'
import { createTestStores, describeEachStore } from '../helpers/test-stores.ts'

const adapters = await createTestStores()

describeEachStore(adapters, 'summaries, deployment reports, saved queries and storage usage', (ctx) => {
  it('saves, replaces, lists and deletes summarizer state by kind and key', async () => {
    const store = ctx.store()
    await store.saveSummaries('component-state', [
      { key: 'b', valueJson: '{"n":1}', updatedAt: T0 },
      { key: 'a', valueJson: '{"n":2}', updatedAt: T0 },
    ])
    await store.saveSummaries('other', [{ key: 'a', valueJson: '{}', updatedAt: T0 }])
    await store.saveSummaries('component-state', [{ key: 'b', valueJson: '{"n":3}', updatedAt: T0 + 1 }])
    expect(await store.listSummaries('component-state')).toEqual([
      { key: 'a', valueJson: '{"n":2}', updatedAt: T0 },
      { key: 'b', valueJson: '{"n":3}', updatedAt: T0 + 1 },
    ])
    await store.deleteSummaries('component-state', ['a'])
    expect((await store.listSummaries('component-state')).map((e) => e.key)).toEqual(['b'])
    expect(await store.listSummaries('other')).toHaveLength(1)
  })

  it('appends deployment reports in a batch transaction and lists them by deployment ignoring case', async () => {
    const store = ctx.store()
    const report = {
      client: 'PC-1',
      messageId: 10002,
      severity: 'informational',
      createdAt: T0,
      sequence: 1,
    } as const
    await store.transaction(async (tx) => {
      await tx.addDeploymentReports([
        { ...report, deploymentId: 'PS120001' },
        { ...report, deploymentId: 'ps120001', messageId: 10008, sequence: 2 },
        { ...report, deploymentId: 'PS120002' },
      ])
    })
    const one = await store.listDeploymentReports({ deploymentId: 'Ps120001' })
    expect(one.map((r) => [r.deploymentId, r.messageId, r.sequence])).toEqual([
      ['PS120001', 10002, 1],
      ['ps120001', 10008, 2],
    ])
    expect(await store.listDeploymentReports()).toHaveLength(3)
  })

  it('saves, replaces, lists and deletes saved queries', async () => {
    const store = ctx.store()
    const q = {
      id: 'q1',
      name: 'Errors',
      owner: 'admin',
      filterJson: '{"severity":["error"]}',
      promptsJson: '[]',
      createdAt: T0,
    }
    await store.saveQuery(q)
    await store.saveQuery({ ...q, id: 'q2', createdAt: T0 + 1 })
    await store.saveQuery({ ...q, name: 'Errors, renamed' })
    expect((await store.listSavedQueries()).map((r) => [r.id, r.name])).toEqual([
      ['q1', 'Errors, renamed'],
      ['q2', 'Errors'],
    ])
    expect(await store.deleteSavedQuery('q1')).toBe(true)
    expect(await store.deleteSavedQuery('q1')).toBe(false)
    expect(await store.listSavedQueries()).toHaveLength(1)
  })

  it('filters messages by several severities and several message IDs', async () => {
    const store = ctx.store()
    await store.transaction((tx) =>
      tx.saveMessages(
        toStore([
          makeMessage({ severity: 'error', messageId: 10006 }),
          makeMessage({ severity: 'warning', messageId: 10007 }),
          makeMessage({ severity: 'informational', messageId: 10008 }),
        ]),
      ),
    )
    expect(await store.countMessages({ severities: ['error', 'warning'] })).toBe(2)
    expect(await store.countMessages({ messageIds: [10006, 10008] })).toBe(2)
    expect(await store.countMessages({ severities: [] })).toBe(0)
  })

  it('reports the database size where the engine can measure it', async () => {
    const usage = await ctx.store().storageUsage()
    if (ctx.kind === 'postgres') expect(usage.databaseBytes).toBeGreaterThan(0)
    else expect(usage).toEqual({ databaseBytes: null, databaseFile: null, databaseName: 'in-memory SQLite' })
  })
})
