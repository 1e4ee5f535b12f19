import { DEFAULT_FILTER_RULES } from '@sitrep/core'
import type { FilterRule } from '@sitrep/core'
import { expect, it } from 'vitest'
import { isStoreError } from '../../src/index.ts'
import type { NewUser } from '../../src/index.ts'
import { T0 } from '../helpers/messages.ts'
import { createTestStores, describeEachStore } from '../helpers/test-stores.ts'

const adapters = await createTestStores()

function newUser(overrides: Partial<NewUser> = {}): NewUser {
  return {
    username: 'Alice',
    passwordHash: 'scrypt$32768$8$1$c2FsdA$aGFzaA',
    role: 'full-administrator',
    createdAt: T0,
    ...overrides,
  }
}

describeEachStore(adapters, 'users', (ctx) => {
  it('creates a user once, with names unique ignoring case', async () => {
    const store = ctx.store()
    expect(await store.countUsers()).toBe(0)
    const alice = await store.createUser(newUser())
    expect(alice).toEqual({ ...newUser(), updatedAt: T0 })
    expect(await store.createUser(newUser({ username: 'ALICE', role: 'read-only-analyst' }))).toBeUndefined()
    expect(await store.getUser('alice')).toEqual(alice)
    expect(await store.countUsers()).toBe(1)
  })

  it('changes a password and role but never demotes or deletes the last full administrator', async () => {
    const store = ctx.store()
    await store.createUser(newUser())
    expect(await store.updateUser('alice', { role: 'read-only-analyst', updatedAt: T0 + 1 })).toEqual({
      outcome: 'last_full_administrator',
    })
    expect(await store.deleteUser('ALICE')).toEqual({ outcome: 'last_full_administrator' })
    const changed = await store.updateUser('alice', { passwordHash: 'new', updatedAt: T0 + 2 })
    expect(changed).toMatchObject({ outcome: 'done', user: { passwordHash: 'new', updatedAt: T0 + 2 } })
    await store.createUser(newUser({ username: 'bob' }))
    expect(
      await store.updateUser('alice', { role: 'operations-administrator', updatedAt: T0 + 3 }),
    ).toMatchObject({
      outcome: 'done',
      user: { role: 'operations-administrator' },
    })
    expect(await store.deleteUser('bob')).toEqual({ outcome: 'last_full_administrator' })
    expect(await store.deleteUser('alice')).toMatchObject({ outcome: 'done', user: { username: 'Alice' } })
    expect(await store.deleteUser('alice')).toEqual({ outcome: 'not_found' })
    expect(await store.updateUser('nobody', { role: 'full-administrator', updatedAt: T0 })).toEqual({
      outcome: 'not_found',
    })
    expect((await store.listUsers()).map((u) => u.username)).toEqual(['bob'])
  })

  it('lets only one of two concurrent demotions of the last two full administrators pass', async () => {
    const store = ctx.store()
    await store.createUser(newUser({ username: 'a' }))
    await store.createUser(newUser({ username: 'b' }))
    const outcomes = await Promise.all([
      store.updateUser('a', { role: 'read-only-analyst', updatedAt: T0 }),
      store.updateUser('b', { role: 'read-only-analyst', updatedAt: T0 }),
    ])
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['done', 'last_full_administrator'])
  })
})

describeEachStore(adapters, 'sessions and API tokens', (ctx) => {
  it('keeps sessions with the current user, touches, expires and deletes them', async () => {
    const store = ctx.store()
    await store.createUser(newUser())
    const session = { idHash: 'h1', username: 'alice', csrfToken: 'c1', createdAt: T0, expiresAt: T0 + 100 }
    await store.createSession(session)
    await store.createSession({ ...session, idHash: 'h2', expiresAt: T0 + 10 })
    expect(await store.getSession('h1')).toEqual({
      idHash: 'h1',
      user: { ...newUser(), updatedAt: T0 },
      csrfToken: 'c1',
      createdAt: T0,
      lastUsedAt: T0,
      expiresAt: T0 + 100,
    })
    await store.touchSession('h1', { lastUsedAt: T0 + 5, expiresAt: T0 + 200 })
    expect(await store.getSession('h1')).toMatchObject({ lastUsedAt: T0 + 5, expiresAt: T0 + 200 })
    expect(await store.deleteExpiredSessions(T0 + 10)).toBe(1)
    expect(await store.getSession('h2')).toBeUndefined()
    await store.createSession({ ...session, idHash: 'h3' })
    await store.deleteUserSessions('ALICE', { keep: 'h3' })
    expect(await store.getSession('h1')).toBeUndefined()
    expect(await store.getSession('h3')).toBeDefined()
    await store.deleteSession('h3')
    expect(await store.getSession('h3')).toBeUndefined()
  })

  it('issues tokens for existing users only, finds them by hash, and revokes them', async () => {
    const store = ctx.store()
    await store.createUser(newUser({ role: 'operations-administrator' }))
    await store.createUser(newUser({ username: 'root' }))
    const token = { id: 't1', name: 'ci', username: 'alice', tokenHash: 'th1', createdAt: T0 }
    expect(await store.createApiToken(token)).toBe(true)
    expect(await store.createApiToken({ ...token, id: 't2', username: 'nobody', tokenHash: 'th2' })).toBe(
      false,
    )
    const found = await store.getApiTokenByHash('th1')
    expect(found).toEqual({
      token: { id: 't1', name: 'ci', username: 'Alice', createdAt: T0, lastUsedAt: null },
      user: expect.objectContaining({ username: 'Alice', role: 'operations-administrator' }) as unknown,
    })
    await store.touchApiToken('t1', T0 + 9)
    expect(await store.listApiTokens()).toEqual([
      { id: 't1', name: 'ci', username: 'Alice', createdAt: T0, lastUsedAt: T0 + 9 },
    ])
    expect(await store.deleteApiToken('t1')).toBe(true)
    expect(await store.deleteApiToken('t1')).toBe(false)
    expect(await store.getApiTokenByHash('th1')).toBeUndefined()
  })

  it('deletes a user together with their sessions and tokens', async () => {
    const store = ctx.store()
    await store.createUser(newUser({ role: 'read-only-analyst' }))
    await store.createSession({
      idHash: 'h',
      username: 'alice',
      csrfToken: 'c',
      createdAt: T0,
      expiresAt: T0 + 9,
    })
    await store.createApiToken({ id: 't', name: 'n', username: 'alice', tokenHash: 'th', createdAt: T0 })
    expect((await store.deleteUser('alice')).outcome).toBe('done')
    expect(await store.getSession('h')).toBeUndefined()
    expect(await store.listApiTokens()).toEqual([])
  })
})

describeEachStore(adapters, 'saving filter rules', (ctx) => {
  it('refuses an invalid rule list with invalid_argument naming the field, keeping the old list', async () => {
    const store = ctx.store()
    await store.saveRules(DEFAULT_FILTER_RULES)
    const [first] = DEFAULT_FILTER_RULES
    if (first === undefined) throw new Error('the default rules are not empty')
    // A rule as a hand-written caller might send it; the store must check it, not trust the type.
    const bad = { ...first, actions: { ...first.actions, daysToKeep: -1 } } as unknown as FilterRule
    const error: unknown = await store
      .saveRules([...DEFAULT_FILTER_RULES.slice(1), bad])
      .catch((e: unknown) => e)
    expect(isStoreError(error, 'invalid_argument')).toBe(true)
    expect(String(error)).toContain(`rules[${DEFAULT_FILTER_RULES.length - 1}].actions.daysToKeep`)
    expect(await store.listRules()).toEqual(DEFAULT_FILTER_RULES)
  })
})
