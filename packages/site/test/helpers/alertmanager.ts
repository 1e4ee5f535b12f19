/**
 * A private Prometheus Alertmanager for tests (Debian package `prometheus-alertmanager`): its own
 * config, storage directory and loopback port, clustering off, stopped by the test.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { waitFor } from './site-process.ts'

/** Path of the Alertmanager binary when installed. */
export const ALERTMANAGER = ['/usr/bin/prometheus-alertmanager', '/usr/bin/alertmanager'].find((p) =>
  existsSync(p),
)

/** A running private Alertmanager. */
export interface PrivateAlertmanager {
  readonly url: string
  stop(): Promise<void>
}

/** A port that was free a moment ago (for programs that cannot be told to take port 0). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo // listening on TCP, so an AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

// One receiver that sends nowhere: the test reads Alertmanager's own API.
const CONFIG = `route:
  receiver: 'nowhere'
  group_wait: 1s
receivers:
  - name: 'nowhere'
`

/** Starts Alertmanager and resolves once it answers ready. */
export async function startPrivateAlertmanager(): Promise<PrivateAlertmanager> {
  if (ALERTMANAGER === undefined)
    throw new Error('Alertmanager is not installed (apt-get install prometheus-alertmanager)')
  const dir = await mkdtemp(join(tmpdir(), 'sitrep-alertmanager-'))
  const configFile = join(dir, 'alertmanager.yml')
  await writeFile(configFile, CONFIG)
  const port = await freePort()
  const child = spawn(
    ALERTMANAGER,
    [
      `--config.file=${configFile}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`Alertmanager exited: ${stderr}`)
        return fetch(`${url}/-/ready`).then(
          (r) => r.ok,
          () => false,
        )
      },
      'Alertmanager to be ready',
      60_000,
    )
  } catch (error) {
    child.kill('SIGKILL')
    await rm(dir, { recursive: true, force: true })
    throw error
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM')
      await exited
      await rm(dir, { recursive: true, force: true })
    },
  }
}
