/**
 * The local page's per-session secret: a random token, and the file that hands the page's
 * address (with the token) to the user's own programs — owner-only, in the user's runtime
 * directory, so another account on the machine can neither read it nor open the page.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** A fresh token: 32 random bytes, base64url. */
export function createPageToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Whether `given` is the token, in constant time. */
export function isPageToken(token: string, given: string | undefined): boolean {
  if (given === undefined) return false
  const a = Buffer.from(token)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Where the page file goes: `$XDG_RUNTIME_DIR/sitrep/indicator-page.url`. The runtime
 * directory belongs to the user's session (systemd makes it 0700 under /run/user/<uid>).
 */
export function pageFilePath(runtimeDir: string): string {
  return path.join(runtimeDir, 'sitrep', 'indicator-page.url')
}

/** Writes the page's address (with its token) 0600, its folder 0700; returns the file's path. */
export async function writePageFile(runtimeDir: string, url: string): Promise<string> {
  const file = pageFilePath(runtimeDir)
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
  await chmod(path.dirname(file), 0o700)
  await rm(file, { force: true })
  await writeFile(file, `${url}\n`, { mode: 0o600, flag: 'wx' })
  return file
}

/** Removes the page file when the indicator stops. */
export async function removePageFile(file: string): Promise<void> {
  await rm(file, { force: true })
}
