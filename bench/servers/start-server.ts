/** Starts a server child (a site or a bare baseline) and waits until it listens. */
import { forkTsx } from '../lib/tsx-child.ts'
import type { ServerReady } from './server-messages.ts'
import { isServerReady } from './server-messages.ts'

/** A server child that listens on 127.0.0.1. */
export interface ServerChild {
  readonly pid: number
  readonly url: string
  stop(): Promise<void>
}

const START_TIMEOUT_MS = 60_000

/** Forks `entry` and resolves once it has sent {@link ServerReady}; stops it if it never does. */
export async function startServer(
  entry: URL,
  options: { readonly args?: readonly string[]; readonly env?: Readonly<Record<string, string>> } = {},
): Promise<ServerChild> {
  const child = forkTsx<ServerReady>(entry, isServerReady, options)
  try {
    const ready = await child.next(START_TIMEOUT_MS, `${entry.pathname} to listen`)
    return { pid: child.pid, url: ready.url, stop: () => child.stop() }
  } catch (error) {
    await child.stop()
    throw error
  }
}

/** The bare HTTP server baseline (`plain`) or the bare durable one (`durable`, appending to `file`). */
export function startBareHttpServer(mode: 'plain' | 'durable', file?: string): Promise<ServerChild> {
  return startServer(new URL('./bare-http-server.ts', import.meta.url), {
    args: file === undefined ? [mode] : [mode, file],
  })
}

/** A Sitrep site child from a site configuration object (as a config file holds it). */
export function startSiteServer(config: Readonly<Record<string, unknown>>): Promise<ServerChild> {
  return startServer(new URL('./site-server.ts', import.meta.url), {
    env: { BENCH_SITE_CONFIG: JSON.stringify(config) },
  })
}
