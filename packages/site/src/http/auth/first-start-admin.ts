/**
 * The first-start administrator (DESIGN.md "Local administration needs no typing of secrets"):
 * a site without users creates `admin` (full administrator) with a random password, written to
 * `<dataDir>/admin-password` (mode 0600) for `sitrep up` to point at. Later starts change nothing.
 */
import { chmodSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { UserStore } from '@sitrep/store'
import { hashPassword } from './password-hash.ts'
import { randomSecret } from './secrets.ts'

/** File name of the first-start password inside the data directory. */
export const ADMIN_PASSWORD_FILE = 'admin-password'

/** User name of the first-start administrator. */
export const FIRST_ADMIN_USERNAME = 'admin'

/**
 * Creates the first administrator when the site has no users; resolves the password it wrote,
 * or `null` when users existed (or another process created them at the same moment).
 */
export async function ensureFirstAdministrator(
  store: UserStore,
  options: { readonly dataDir: string; readonly clock: () => number },
): Promise<string | null> {
  if ((await store.countUsers()) > 0) return null
  // 18 random bytes: 24 base64url characters, 144 bits.
  const password = randomSecret(18)
  const user = await store.createUser({
    username: FIRST_ADMIN_USERNAME,
    passwordHash: await hashPassword(password),
    role: 'full-administrator',
    createdAt: options.clock(),
  })
  if (user === undefined) return null
  const file = path.join(options.dataDir, ADMIN_PASSWORD_FILE)
  writeFileSync(file, `${password}\n`, { mode: 0o600 })
  // An older file (from a database that was replaced) keeps its mode on rewrite; tighten it.
  chmodSync(file, 0o600)
  return password
}
