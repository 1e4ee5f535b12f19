import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { ADMIN_TOKEN_FILE } from '@sitrep/site'
import { resolveDataDir } from '../client-settings.ts'
import type { CliIo } from '../cli-io.ts'
import { EXIT } from '../cli-io.ts'

/** Options of `sitrep token`. */
export interface TokenOptions {
  readonly dataDir?: string
}

/** The local admin token, or why it could not be read. */
export type TokenLookup =
  | { readonly ok: true; readonly token: string; readonly file: string }
  | { readonly ok: false; readonly message: string }

/**
 * Reads the local administrator's API token from `<dataDir>/admin-token`, which the site writes
 * on first start.
 *
 * @example
 * const found = await readAdminToken('.sitrep')
 * if (found.ok) headers.authorization = `Bearer ${found.token}`
 */
export async function readAdminToken(dataDir: string): Promise<TokenLookup> {
  const file = path.join(dataDir, ADMIN_TOKEN_FILE)
  try {
    const token = (await readFile(file, 'utf8')).trim()
    if (token === '') return { ok: false, message: `${file} is empty; restart the site to write a new token` }
    return { ok: true, token, file }
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      return {
        ok: false,
        message: `no admin token at ${file}; start the site there first (\`sitrep up --data-dir ${dataDir}\`) or pass --data-dir`,
      }
    }
    const reason = error instanceof Error ? error.message : String(error)
    return { ok: false, message: `cannot read ${file}: ${reason}` }
  }
}

/**
 * `sitrep token`: prints the local administrator's API token, for `curl` and scripts.
 *
 * @example
 * // sitrep token --data-dir /var/lib/sitrep
 * await tokenCommand({ dataDir: '/var/lib/sitrep' }, io) // prints the token, resolves to 0
 */
export async function tokenCommand(options: TokenOptions, io: CliIo): Promise<number> {
  const found = await readAdminToken(resolveDataDir(options.dataDir, io))
  if (!found.ok) {
    io.stderr(`sitrep token: ${found.message}\n`)
    return EXIT.failure
  }
  io.stdout(`${found.token}\n`)
  return EXIT.ok
}
