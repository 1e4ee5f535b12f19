import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { ADMIN_PASSWORD_FILE, ensureFirstAdministrator } from '../../src/http/auth/first-start-admin.ts'
import { verifyPassword } from '../../src/http/auth/password-hash.ts'
import { describeEachEngine } from '../helpers/engines.ts'

describeEachEngine('ensureFirstAdministrator', (engine) => {
  it('creates admin with a random password in a 0600 file on the first start, and nothing on the second', async () => {
    const dataDir = engine.tempDir('first-start')
    const store = await engine.openStore()
    const password = await ensureFirstAdministrator(store, { dataDir, clock: () => 1 })
    expect(password).toMatch(/^[\w-]{24}$/)
    const file = path.join(dataDir, ADMIN_PASSWORD_FILE)
    expect(readFileSync(file, 'utf8')).toBe(`${password}\n`)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const admin = await store.getUser('admin')
    expect(admin?.role).toBe('full-administrator')
    expect(await verifyPassword(password ?? '', admin?.passwordHash ?? '')).toBe(true)

    // The second start finds the administrator in the database and leaves the file alone.
    expect(await ensureFirstAdministrator(store, { dataDir, clock: () => 2 })).toBeNull()
    expect(readFileSync(file, 'utf8')).toBe(`${password}\n`)
    expect(await store.countUsers()).toBe(1)
  })
})
