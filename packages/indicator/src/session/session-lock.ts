/**
 * One indicator per user session: the first `sitrep indicator` (page and desktop) listens on a
 * Unix socket in the user's runtime directory; a second one finds it answering there, learns its
 * process and page address, and stops instead of showing a second tray icon and sending every
 * notification twice. A socket rather than a PID file: when the first indicator dies, nothing
 * answers any more (connect is refused), so a stale socket is taken over safely and a reused
 * process number cannot keep the lock.
 */
import { mkdir, rm } from 'node:fs/promises'
import type { Server } from 'node:net'
import { createConnection, createServer } from 'node:net'
import path from 'node:path'

/** What the running indicator says about itself. */
export interface RunningIndicator {
  readonly pid: number
  /** Its local page's address, or `null` when it serves none. */
  readonly pageUrl: string | null
}

/** The outcome of {@link claimIndicatorSession}. */
export type SessionClaim =
  | { readonly claimed: true; readonly socketPath: string; release(): Promise<void> }
  | { readonly claimed: false; readonly socketPath: string; readonly running: RunningIndicator }

/** The lock socket of the session whose runtime directory is `runtimeDir`. */
export function sessionLockPath(runtimeDir: string): string {
  return path.join(runtimeDir, 'sitrep', 'indicator.sock')
}

/** Asks the indicator listening at `socketPath` who it is; `null` when nothing answers. */
function askRunning(socketPath: string): Promise<RunningIndicator | null> {
  return new Promise((resolve) => {
    let text = ''
    const socket = createConnection(socketPath)
    const timer = setTimeout(() => {
      socket.destroy()
      // Something accepts but does not answer: a hung indicator still holds the session.
      resolve({ pid: 0, pageUrl: null })
    }, 2000)
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (text += chunk))
    socket.on('end', () => {
      clearTimeout(timer)
      try {
        const value = JSON.parse(text) as Partial<RunningIndicator>
        resolve({
          pid: typeof value.pid === 'number' ? value.pid : 0,
          pageUrl: typeof value.pageUrl === 'string' ? value.pageUrl : null,
        })
      } catch {
        resolve({ pid: 0, pageUrl: null })
      }
    })
    socket.on('error', () => {
      clearTimeout(timer)
      resolve(null)
    })
  })
}

function listen(server: Server, socketPath: string): Promise<'listening' | 'in_use'> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening)
      if (error.code === 'EADDRINUSE') resolve('in_use')
      else reject(error)
    }
    const onListening = (): void => {
      server.off('error', onError)
      resolve('listening')
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(socketPath)
  })
}

/**
 * Claims the session for this indicator, or names the one that already runs. `self()` is what
 * this indicator answers a later one (its page address may be known only after the claim).
 */
export async function claimIndicatorSession(
  runtimeDir: string,
  self: () => RunningIndicator,
): Promise<SessionClaim> {
  const socketPath = sessionLockPath(runtimeDir)
  await mkdir(path.dirname(socketPath), { recursive: true, mode: 0o700 })
  const server = createServer((socket) => {
    socket.end(JSON.stringify(self()))
  })
  // Two tries: the second after removing a socket that nobody answers on (a crashed indicator).
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if ((await listen(server, socketPath)) === 'listening') {
      return {
        claimed: true,
        socketPath,
        async release() {
          await new Promise<void>((resolve) => server.close(() => resolve()))
          await rm(socketPath, { force: true })
        },
      }
    }
    const running = await askRunning(socketPath)
    if (running !== null) return { claimed: false, socketPath, running }
    await rm(socketPath, { force: true })
  }
  const running = await askRunning(socketPath)
  return { claimed: false, socketPath, running: running ?? { pid: 0, pageUrl: null } }
}
