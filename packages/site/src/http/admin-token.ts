/**
 * The local administrator's API token (DESIGN.md "Local administration needs no typing of
 * secrets"): created on first start in `<dataDir>/admin-token`, readable by its owner only, and
 * found there by `sitrep token` and the CLI.
 */
import { randomBytes } from 'node:crypto'
import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** File name of the token inside the data directory. */
export const ADMIN_TOKEN_FILE = 'admin-token'

/**
 * Returns the site's administrator token, creating `<dataDir>/admin-token` (32 random bytes,
 * base64url, mode 0600) when it does not exist yet. The data directory must exist.
 */
export function ensureAdminToken(dataDir: string): string {
  const file = path.join(dataDir, ADMIN_TOKEN_FILE)
  const token = randomBytes(32).toString('base64url')
  try {
    // `wx` fails when the file exists, so two starts never overwrite each other's token.
    writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' })
    return token
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error
  }
  // An existing file keeps its token; its mode is tightened in case someone loosened it.
  chmodSync(file, 0o600)
  return readFileSync(file, 'utf8').trim()
}
