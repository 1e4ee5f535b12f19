import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createSqliteStore } from '@sitrep/store'
import { afterEach, describe, expect, it } from 'vitest'
import { ADMIN_PASSWORD_FILE, ensureFirstAdministrator } from '../../src/http/auth/first-start-admin.ts'
import { verifyPassword } from '../../src/http/auth/password-hash.ts'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('ensureFirstAdministrator', () => {
  it('creates admin with a random password in a 0600 file on the first start, and nothing on the second', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sitrep-first-start-'))
    dirs.push(dataDir)
    const filename = path.join(dataDir, 'site.sqlite')
    const first = await createSqliteStore({ filename })
    const password = await ensureFirstAdministrator(first, { dataDir, clock: () => 1 })
    expect(password).toMatch(/^[\w-]{24}$/)
    const file = path.join(dataDir, ADMIN_PASSWORD_FILE)
    expect(readFileSync(file, 'utf8')).toBe(`${password}\n`)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const admin = await first.getUser('admin')
    expect(admin?.role).toBe('full-administrator')
    expect(await verifyPassword(password ?? '', admin?.passwordHash ?? '')).toBe(true)
    await first.close()

    const second = await createSqliteStore({ filename })
    expect(await ensureFirstAdministrator(second, { dataDir, clock: () => 2 })).toBeNull()
    expect(readFileSync(file, 'utf8')).toBe(`${password}\n`)
    expect(await second.countUsers()).toBe(1)
    await second.close()
  })
})
