import { expect, it } from 'vitest'
import { T0 } from '../helpers/messages.ts'
import { createTestStores, describeEachStore } from '../helpers/test-stores.ts'

const adapters = await createTestStores()

function revision(applicationId: string, n: number, name = 'Editor') {
  return {
    applicationId,
    revision: n,
    name,
    bodyJson: JSON.stringify({ id: applicationId, revision: n, name }),
    createdAt: T0 + n,
    createdBy: 'alice',
  }
}

describeEachStore(adapters, 'software distribution', (ctx) => {
  it('keeps every revision of an application and shows the newest', async () => {
    const store = ctx.store()
    await store.addApplicationRevision(revision('APP-00001', 1))
    const second = await store.addApplicationRevision(revision('APP-00001', 2, 'Editor Pro'))
    expect(second).toMatchObject({ id: 'APP-00001', name: 'Editor Pro', latestRevision: 2, removedAt: null })
    expect(second.latest.revision).toBe(2)
    expect((await store.getApplicationRevision('APP-00001', 1))?.bodyJson).toContain('"Editor"')
    expect((await store.listApplicationRevisions('APP-00001')).map((r) => r.revision)).toEqual([1, 2])
    expect((await store.listApplications()).map((a) => a.id)).toEqual(['APP-00001'])
  })

  it('refuses a revision based on an older one, and changes nothing', async () => {
    const store = ctx.store()
    await store.addApplicationRevision(revision('APP-00001', 1))
    await store.addApplicationRevision(revision('APP-00001', 2))
    await expect(store.addApplicationRevision(revision('APP-00001', 2, 'Other'))).rejects.toMatchObject({
      code: 'store_conflict',
    })
    await expect(store.addApplicationRevision(revision('APP-00002', 3))).rejects.toMatchObject({
      code: 'store_conflict',
    })
    expect((await store.getApplication('APP-00001'))?.name).toBe('Editor')
    expect(await store.getApplication('APP-00002')).toBeUndefined()
  })

  it('hides a removed application from the list but keeps its revisions', async () => {
    const store = ctx.store()
    await store.addApplicationRevision(revision('APP-00001', 1))
    expect(await store.removeApplication('APP-00001', T0 + 10)).toBe(true)
    expect(await store.removeApplication('APP-00001', T0 + 11)).toBe(false)
    expect(await store.listApplications()).toEqual([])
    expect((await store.getApplication('APP-00001'))?.removedAt).toBe(T0 + 10)
    expect(await store.getApplicationRevision('APP-00001', 1)).toBeDefined()
  })

  it('records content once per hash', async () => {
    const store = ctx.store()
    const sha256 = 'a'.repeat(64)
    expect(await store.addContent({ sha256, size: 5_000_000_000, createdAt: T0 })).toBe(true)
    expect(await store.addContent({ sha256, size: 5_000_000_000, createdAt: T0 + 1 })).toBe(false)
    expect(await store.getContent(sha256)).toEqual({ sha256, size: 5_000_000_000, createdAt: T0 })
    expect(await store.listContent()).toHaveLength(1)
  })

  it('sets collection members, counting them and keeping the history of changes', async () => {
    const store = ctx.store()
    await store.saveCollection({
      id: 'PS100001',
      name: 'Linux',
      definitionJson: '{}',
      builtin: false,
      at: T0,
    })
    expect(await store.setCollectionMembers('PS100001', ['GUID:a', 'GUID:b'], T0 + 1)).toEqual({
      added: ['GUID:a', 'GUID:b'],
      removed: [],
    })
    expect(await store.setCollectionMembers('PS100001', ['GUID:b', 'GUID:c'], T0 + 2)).toEqual({
      added: ['GUID:c'],
      removed: ['GUID:a'],
    })
    expect(await store.listCollectionMembers('PS100001')).toEqual([
      { clientId: 'GUID:b', since: T0 + 1 },
      { clientId: 'GUID:c', since: T0 + 2 },
    ])
    expect(await store.getCollection('PS100001')).toMatchObject({ memberCount: 2, evaluatedAt: T0 + 2 })
    const history = await store.listMembershipHistory('PS100001')
    expect(history.map((h) => `${h.change} ${h.clientId}`)).toEqual([
      'removed GUID:a',
      'added GUID:c',
      'added GUID:b',
      'added GUID:a',
    ])
    expect((await store.listAllCollectionMembers()).map((m) => m.collectionId)).toEqual([
      'PS100001',
      'PS100001',
    ])
  })

  it('moves one client between collections, keeping counts and history right', async () => {
    const store = ctx.store()
    for (const id of ['PS100001', 'PS100002', 'PS100003']) {
      await store.saveCollection({ id, name: id, definitionJson: '{}', builtin: false, at: T0 })
    }
    await store.setCollectionMembers('PS100001', ['GUID:a', 'GUID:b'], T0)
    expect(await store.setClientCollections('GUID:a', ['PS100002', 'PS100003'], T0 + 1)).toEqual({
      added: ['PS100002', 'PS100003'],
      removed: ['PS100001'],
    })
    const counts = (await store.listCollections()).map((c) => c.memberCount)
    expect(counts).toEqual([1, 1, 1])
    expect((await store.listMembershipHistory('PS100001'))[0]).toMatchObject({
      change: 'removed',
      clientId: 'GUID:a',
    })
  })

  it('keeps the last facts each client reported', async () => {
    const store = ctx.store()
    await store.saveClientFacts({ clientId: 'GUID:a', factsJson: '{"platform":"linux"}', updatedAt: T0 })
    await store.saveClientFacts({ clientId: 'GUID:a', factsJson: '{"platform":"macos"}', updatedAt: T0 + 1 })
    expect(await store.listClientFacts()).toEqual([
      { clientId: 'GUID:a', factsJson: '{"platform":"macos"}', updatedAt: T0 + 1 },
    ])
  })

  it('replaces a collection definition and empties a removed collection', async () => {
    const store = ctx.store()
    await store.saveCollection({
      id: 'PS100001',
      name: 'A',
      definitionJson: '{"a":1}',
      builtin: false,
      at: T0,
    })
    const saved = await store.saveCollection({
      id: 'PS100001',
      name: 'B',
      definitionJson: '{"b":1}',
      builtin: false,
      at: T0 + 5,
    })
    expect(saved).toMatchObject({ name: 'B', definitionJson: '{"b":1}', createdAt: T0, updatedAt: T0 + 5 })
    await store.setCollectionMembers('PS100001', ['GUID:a'], T0 + 6)
    expect(await store.removeCollection('PS100001', T0 + 7)).toBe(true)
    expect(await store.removeCollection('PS100001', T0 + 8)).toBe(false)
    expect(await store.listCollections()).toEqual([])
    expect(await store.listCollectionMembers('PS100001')).toEqual([])
    expect((await store.listMembershipHistory('PS100001'))[0]).toMatchObject({
      change: 'removed',
      clientId: 'GUID:a',
    })
  })

  it('adds, lists, changes and cancels deployments (a cancelled one keeps its settings), refusing a second deployment with the same ID', async () => {
    const store = ctx.store()
    const base = {
      applicationId: 'APP-00001',
      revision: 1,
      collectionId: 'PS100001',
      settingsJson: '{"intent":"required"}',
      createdBy: 'alice',
    }
    await store.addDeployment({ ...base, id: 'PS120001', createdAt: T0 })
    await store.addDeployment({ ...base, id: 'PS120002', createdAt: T0 + 1, collectionId: 'SMS00001' })
    await expect(store.addDeployment({ ...base, id: 'PS120001', createdAt: T0 })).rejects.toMatchObject({
      code: 'store_conflict',
    })
    expect((await store.listDeployments()).map((d) => d.id)).toEqual(['PS120002', 'PS120001'])
    expect((await store.listDeployments({ collectionId: 'PS100001' })).map((d) => d.id)).toEqual(['PS120001'])
    const changed = await store.updateDeploymentSettings('PS120001', '{"intent":"available"}')
    expect(changed?.settingsJson).toBe('{"intent":"available"}')
    expect(await store.updateDeploymentSettings('PS1FFFFF', '{}')).toBeUndefined()
    const cancelled = await store.cancelDeployment('PS120001', 'bob', T0 + 9)
    expect(cancelled).toMatchObject({ cancelledAt: T0 + 9, cancelledBy: 'bob' })
    expect((await store.cancelDeployment('PS120001', 'carol', T0 + 10))?.cancelledBy).toBe('bob')
    expect(await store.cancelDeployment('PS1FFFFF', 'bob', T0)).toBeUndefined()
    const frozen = await store.updateDeploymentSettings('PS120001', '{"intent":"required"}')
    expect(frozen?.settingsJson).toBe('{"intent":"available"}')
    expect((await store.listDeployments({ active: true })).map((d) => d.id)).toEqual(['PS120002'])
  })
})
