/**
 * Checks, before the site creates anything, that it may listen on its address: a port another
 * program holds, a privileged port or a host that is not this machine's fail here with one line,
 * instead of after the data directory and the database were set up.
 */
import net from 'node:net'
import { StartupError } from '../errors.ts'
import { codeOf, osReason } from './os-reason.ts'

/** Binds `host:port` and releases it at once; throws `port_unavailable` when the bind fails. */
export async function checkPortAvailable(host: string, port: number): Promise<void> {
  // Port 0 asks the OS for any free port, which cannot be taken.
  if (port === 0) return
  const server = net.createServer()
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen({ host, port, exclusive: true }, resolve)
    })
  } catch (error) {
    throw portUnavailable(host, port, error)
  }
  await new Promise<void>((resolve) => server.close(() => resolve()))
}

/** The one-line `port_unavailable` error for a failed bind of `host:port`. */
export function portUnavailable(host: string, port: number, error: unknown): StartupError {
  const where = `${host}:${port}`
  const code = codeOf(error)
  const fix =
    code === 'EADDRINUSE'
      ? 'another program listens there; stop it, or choose another port with --port, SITREP_PORT or http.port'
      : code === 'EACCES' || code === 'EPERM'
        ? 'ports below 1024 need privileges; choose a port of 1024 or more with --port, SITREP_PORT or http.port'
        : 'check http.host (SITREP_HOST): it must be an address of this machine'
  return new StartupError('port_unavailable', `cannot listen on ${where} (${osReason(error)}); ${fix}`, {
    cause: error,
  })
}
