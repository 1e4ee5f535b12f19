import { createSqliteStore } from '@sitrep/store'
import { describe, expect, it } from 'vitest'
import { siteInstalledAt } from './site-installation.ts'

describe('siteInstalledAt', () => {
  it('records the first start and returns the same time on every later start', async () => {
    const store = await createSqliteStore({ filename: ':memory:' })
    try {
      expect(await siteInstalledAt(store, 1000)).toBe(1000)
      expect(await siteInstalledAt(store, 5000)).toBe(1000)
    } finally {
      await store.close()
    }
  })
})
