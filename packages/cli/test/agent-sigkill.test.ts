/**
 * SIGKILL of the real agent process (`sitrep agent run`) against a real site: once while it
 * downloads content (the network stalls mid-file on a relay between them) and once while an
 * installer runs. After a restart on the same state directory the interrupted job is finished —
 * the download resumes with a range request, the running install is detected, not run again —
 * no job that succeeded runs twice, and the site stores every status message exactly once.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { AgentActivity } from '@sitrep/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import type { AgentProcess } from './agent-process.ts'
import { localApi, startAgentProcess, waitUntil } from './agent-process.ts'
import type { AgentTestSite } from './agent-site.ts'
import { INSTALLER_SCRIPT, messageIds, startAgentTestSite } from './agent-site.ts'
import type { SlowLink } from './slow-link.ts'
import { startSlowLink } from './slow-link.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Setup {
  readonly site: AgentTestSite
  readonly link: SlowLink
  readonly dir: string
  readonly stateDir: string
  readonly socket: string
  startAgent(): Promise<AgentProcess>
}

async function setup(): Promise<Setup> {
  const site = await startAgentTestSite()
  cleanups.push(() => site.stop())
  const link = await startSlowLink(site.site.url)
  cleanups.push(() => link.close())
  const dir = await mkdtemp(path.join(tmpdir(), 'sitrep-agent-kill-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true, maxRetries: 10 }))
  const stateDir = path.join(dir, 'state')
  const socket = path.join(dir, 'agent.sock')
  return {
    site,
    link,
    dir,
    stateDir,
    socket,
    async startAgent() {
      const agent = await startAgentProcess({ stateDir, socket, mpUrl: link.url })
      cleanups.push(() => agent.stop('SIGKILL'))
      return agent
    },
  }
}

async function activity(socket: string): Promise<AgentActivity> {
  return (await localApi(socket, 'GET', '/v1/activity')) as AgentActivity
}

/** How many times the test installer ran for `file` (it notes each run in `<file>.runs`). */
async function runs(file: string): Promise<number> {
  try {
    return (await readFile(`${file}.runs`, 'utf8')).split('\n').filter((l) => l !== '').length
  } catch {
    return 0
  }
}

/**
 * Each of these message IDs stored exactly once for the deployment, and nothing else. The
 * deployment status can show success (from the state message, stored as the relay takes it)
 * before the status manager has stored the status messages, so this waits for them first.
 */
async function expectOnce(site: AgentTestSite, deploymentId: string, ids: readonly number[]): Promise<void> {
  const stored = async (): Promise<number[]> =>
    messageIds(await site.messages(deploymentId)).sort((a, b) => a - b)
  await waitUntil(`${ids.join(', ')} stored for ${deploymentId}`, async () => {
    const now = await stored()
    return ids.every((id) => now.includes(id))
  })
  expect(await stored()).toEqual([...ids].sort((a, b) => a - b))
}

// Hang guards for real processes on a shared machine, not performance checks.
describe('SIGKILL of the agent process', { timeout: 240_000 }, () => {
  it('during a download: after a restart the download resumes with a range request and every message arrives once', async () => {
    const t = await setup()
    const payload = randomBytes(2 * 1024 * 1024)
    const payloadSha = createHash('sha256').update(payload).digest('hex')
    const marker = path.join(t.dir, 'big-app')
    await t.site.deploy({
      deploymentId: 'PS120031',
      name: 'Big app',
      intent: 'required',
      type: {
        install: [process.execPath, 'install.mjs', marker, 'big app', '0', '0'],
        detectionPath: marker,
        content: [
          { path: 'install.mjs', bytes: INSTALLER_SCRIPT },
          { path: 'payload.bin', bytes: payload },
        ],
      },
    })
    const heldAt = 256 * 1024
    t.link.holdAfter = heldAt
    const first = await t.startAgent()
    // The payload's first bytes are on disk in the content cache, and the link has stalled.
    const payloadRequest = (): boolean =>
      t.link.contentRequests.some((r) => r.sha256 === payloadSha && r.range === null && r.status === 200)
    await waitUntil(
      'the download to stall mid-file',
      async () => payloadRequest() && (await partSize(t.stateDir)) === heldAt,
      120_000,
      () => first.stderr(),
    )
    expect((await activity(t.socket)).current).toMatchObject({
      deploymentId: 'PS120031',
      phase: 'downloading',
    })
    await first.stop('SIGKILL')
    t.link.release()

    const second = await t.startAgent()
    await waitUntil(
      'success after the restart',
      async () => (await t.site.clientState('PS120031')) === 'success',
      120_000,
      () => second.stderr(),
    )
    const resumed = t.link.contentRequests.filter((r) => r.range !== null)
    expect(resumed).toEqual([{ sha256: payloadSha, range: `bytes=${heldAt}-`, status: 206 }])
    expect(await runs(marker)).toBe(1)
    // Accepted, download started, download done, program started, succeeded: once each, though
    // the download began in one process and ended in another.
    await expectOnce(t.site, 'PS120031', [10002, 10023, 10024, 10005, 10008])
    expect(messageIds(await t.site.messagesOf('Sitrep Agent'))).toEqual([42000, 42000])
  })

  it('during an install: the installer is not started again, the job is detected and finished, and a finished job never reruns', async () => {
    const t = await setup()
    const before = path.join(t.dir, 'first-app')
    const during = path.join(t.dir, 'second-app')
    const deploy = (deploymentId: string, name: string, file: string, sleepMs: number, hours: number) =>
      t.site.deploy({
        deploymentId,
        name,
        intent: 'required',
        // The deadlines order the two: the first app runs before the second.
        settings: { deadline: Date.now() + hours * 3_600_000 },
        type: {
          install: [process.execPath, 'install.mjs', file, name, String(sleepMs), '0'],
          detectionPath: file,
          content: [{ path: 'install.mjs', bytes: INSTALLER_SCRIPT }],
        },
      })
    await deploy('PS120041', 'First app', before, 0, 1)
    await deploy('PS120042', 'Second app', during, 8_000, 2)
    const first = await t.startAgent()
    await waitUntil(
      'the second installer to be running, its pid written down',
      async () => {
        const { jobs } = (await localApi(t.socket, 'GET', '/v1/jobs')) as {
          jobs: { deploymentId: string; stage: string; runPid: number | null }[]
        }
        const job = jobs.find((j) => j.deploymentId === 'PS120042')
        return job?.stage === 'running' && job.runPid !== null
      },
      120_000,
      () => first.stderr(),
    )
    expect(await runs(before)).toBe(1)
    await first.stop('SIGKILL')
    // The installer lives on in its own process group and finishes while the agent is away.

    const second = await t.startAgent()
    await waitUntil(
      'the interrupted install to be detected as finished',
      async () => (await t.site.clientState('PS120042')) === 'success',
      120_000,
      () => second.stderr(),
    )
    expect(await readFile(during, 'utf8')).toBe('Second app')
    expect(await runs(during)).toBe(1)
    expect(await runs(before)).toBe(1)
    await expectOnce(t.site, 'PS120041', [10002, 10023, 10024, 10005, 10008])
    await expectOnce(t.site, 'PS120042', [10002, 10023, 10024, 10005, 10008])
    // The state messages beside them, too: in progress, installing, success, each once.
    const states = async (id: string): Promise<number[]> =>
      (await t.site.stateMessages(id)).map((m) => m.state.id)
    await waitUntil('the success state messages', async () => (await states('PS120042')).includes(1000))
    expect(await states('PS120041')).toEqual([2000, 2002, 1000])
    expect(await states('PS120042')).toEqual([2000, 2002, 1000])
    const success = (await t.site.messages('PS120042')).find((m) => m.messageId === 10008)
    expect(success?.insertionStrings[1]).toBe('unknown (detected after the agent restarted)')
    const recent = (await activity(t.socket)).recent.map((r) => [r.deploymentId, r.outcome])
    expect(recent).toEqual(
      expect.arrayContaining([
        ['PS120041', 'succeeded'],
        ['PS120042', 'succeeded'],
      ]),
    )
  })
})

/** Size of the partial download in the agent's content cache (0 when there is none). */
async function partSize(stateDir: string): Promise<number> {
  const { readdir } = await import('node:fs/promises')
  const dir = path.join(stateDir, 'content')
  try {
    for (const name of await readdir(dir)) {
      if (name.endsWith('.part')) return (await stat(path.join(dir, name))).size
    }
  } catch {
    return 0
  }
  return 0
}
