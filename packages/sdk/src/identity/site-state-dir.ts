/**
 * One client state directory per site: a client that reports to several management points
 * keeps a key pair, registration, sequence counter and spool for each, so a message spooled
 * for one site is never delivered to another, and each site knows the client by its own key.
 */
import { createHash } from 'node:crypto'
import path from 'node:path'
import { parseTarget } from '../transport/transport.ts'

/** Folder under the base directory that holds the per-site directories. */
export const SITES_FOLDER = 'sites'

/**
 * The state directory for `target` under `baseDir`: `<baseDir>/sites/<host>-<port>-<hash>`
 * for an HTTP(S) URL, `<baseDir>/sites/socket-<hash>` for a socket. The hash is of the
 * normalised target (`parseTarget`), so `http://mp:8080` and `http://mp:8080/` share one
 * directory while another port, scheme or path gets its own. Throws `invalid_argument` for a
 * target `parseTarget` refuses.
 *
 * @example
 * siteStateDir('/home/ann/.sitrep-client', 'http://127.0.0.1:8080')
 * // '/home/ann/.sitrep-client/sites/127.0.0.1-8080-1b2c3d4e'
 */
export function siteStateDir(baseDir: string, target: string): string {
  const parsed = parseTarget(target)
  const normalised = parsed.kind === 'http' ? parsed.url : `socket:${parsed.path}`
  const hash = createHash('sha256').update(normalised).digest('hex').slice(0, 8)
  let label = 'socket'
  if (parsed.kind === 'http') {
    const url = new URL(parsed.url)
    const port = url.port === '' ? (url.protocol === 'https:' ? '443' : '80') : url.port
    // Host names and IPv4 are safe in a file name; IPv6 brackets and colons are not.
    label = `${url.hostname.replace(/[^A-Za-z0-9.-]/g, '_')}-${port}`
  }
  return path.join(baseDir, SITES_FOLDER, `${label}-${hash}`)
}
