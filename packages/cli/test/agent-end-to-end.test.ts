/**
 * The client agent end to end: a real site (`startSite`, SQLite, port 0) with applications,
 * content and deployments made through its store, and the real agent process (`sitrep agent
 * run`, its own state directory and socket) on loopback. The installer is a node script that
 * the site serves as content by hash; it sleeps, writes a file and exits with a chosen code.
 * What the tests check is what the site stored and what its deployment status shows.
 */
import { execFile } from 'node:child_process'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AgentActivity, InstallRequestReply, QueuedJob } from '@sitrep/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import { EXIT } from '../src/cli-io.ts'
import { runCli } from '../src/run-cli.ts'
import type { AgentProcess } from './agent-process.ts'
import { startAgentProcess, waitUntil } from './agent-process.ts'
import type { AgentTestSite, TestDeploymentType } from './agent-site.ts'
import { INSTALLER_SCRIPT, messageIds, startAgentTestSite } from './agent-site.ts'
import { fakeIo } from './cli-io.ts'

const SITREP_BIN = fileURLToPath(new URL('../bin/sitrep.js', import.meta.url))

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Setup {
  readonly site: AgentTestSite
  readonly dir: string
  readonly stateDir: string
  readonly socket: string
  startAgent(): Promise<AgentProcess>
  /** A deployment type that runs the installer from content: sleeps, writes `file`, exits `exitCode`. */
  installer(
    file: string,
    options?: { sleepMs?: number; exitCode?: number; text?: string },
  ): TestDeploymentType
  /** `sitrep agent <args> --socket … --json` in this process; the parsed output. */
  cli(args: readonly string[]): Promise<unknown>
}

async function setup(): Promise<Setup> {
  const site = await startAgentTestSite()
  cleanups.push(() => site.stop())
  const dir = await mkdtemp(path.join(tmpdir(), 'sitrep-agent-e2e-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true, maxRetries: 10 }))
  const stateDir = path.join(dir, 'state')
  const socket = path.join(dir, 'agent.sock')
  return {
    site,
    dir,
    stateDir,
    socket,
    async startAgent() {
      const agent = await startAgentProcess({ stateDir, socket, mpUrl: site.site.url })
      cleanups.push(() => agent.stop('SIGKILL'))
      return agent
    },
    installer(file, options = {}) {
      return {
        install: [
          process.execPath,
          'install.mjs',
          file,
          options.text ?? 'installed',
          String(options.sleepMs ?? 0),
          String(options.exitCode ?? 0),
        ],
        detectionPath: file,
        content: [{ path: 'install.mjs', bytes: INSTALLER_SCRIPT }],
      }
    },
    async cli(args) {
      const io = fakeIo({ homeDir: dir })
      const code = await runCli(['agent', ...args, '--socket', socket, '--json'], io)
      if (code !== 0) throw new Error(`sitrep agent ${args.join(' ')} exited ${code}: ${io.err()}`)
      return JSON.parse(io.out()) as unknown
    },
  }
}

/**
 * Waits until these status messages are stored for the deployment. The deployment status can
 * show a final state from a state message (stored as the relay takes it) before the status
 * manager has stored the status messages of the same step.
 */
async function storedMessages(
  site: AgentTestSite,
  deploymentId: string,
  ids: readonly number[],
): Promise<void> {
  await waitUntil(`${ids.join(', ')} stored for ${deploymentId}`, async () => {
    const stored = messageIds(await site.messages(deploymentId))
    return ids.every((id) => stored.includes(id))
  })
}

/** Sorted, so batching on the wire cannot change what the test compares. */
function sortedIds(ids: readonly number[]): number[] {
  return [...ids].sort((a, b) => a - b)
}

// Hang guards for real processes on a shared machine, not performance checks.
describe('the agent against a real site', { timeout: 240_000 }, () => {
  it('installs a required deployment: content by hash, argv without a shell, detection, and the site shows success', async () => {
    const t = await setup()
    const marker = path.join(t.dir, 'editor-installed')
    await t.site.deploy({
      deploymentId: 'PS120001',
      name: 'Editor',
      intent: 'required',
      type: t.installer(marker, { text: 'editor 1.0' }),
    })
    const agent = await t.startAgent()
    await waitUntil(
      'success in the deployment status',
      async () => (await t.site.clientState('PS120001')) === 'success',
      60_000,
      () => agent.stderr(),
    )
    expect(await readFile(marker, 'utf8')).toBe('editor 1.0')
    await storedMessages(t.site, 'PS120001', [10008])
    const messages = await t.site.messages('PS120001')
    // Accepted, download started and done, program started, succeeded: each once.
    expect(sortedIds(messageIds(messages))).toEqual([10002, 10005, 10008, 10023, 10024])
    const started = messages.find((m) => m.messageId === 10005)
    expect(started?.insertionStrings[1]).toBe(`${process.execPath} install.mjs ${marker} "editor 1.0" 0 0`)
    expect(started?.insertionStrings[8]).toBe('the system account')
    expect(messages.every((m) => m.module === 'SMS Client')).toBe(true)
    const agentMessages = await t.site.messagesOf('Sitrep Agent')
    expect(messageIds(agentMessages)).toEqual([42000])
  })

  it("reports deployment state as state messages (topic 1702), and the site's deployment status follows them alone", async () => {
    const t = await setup()
    // The agent's 100xx messages are still stored, but kept from the summarizers: what the
    // deployment status shows below it can only have learned from the state messages.
    await t.site.keepStatusMessagesFromSummaries()
    const deployments: [string, string, TestDeploymentType][] = [
      ['PS120031', 'Works', t.installer(path.join(t.dir, 'works'))],
      ['PS120032', 'Breaks', t.installer('-', { exitCode: 7 })],
      [
        'PS120033',
        'Too big',
        {
          ...t.installer(path.join(t.dir, 'too-big')),
          requirements: [{ kind: 'memory', minMegabytes: 64 * 1024 * 1024 }],
        },
      ],
    ]
    for (const [deploymentId, name, type] of deployments)
      await t.site.deploy({ deploymentId, name, intent: 'required', type })
    const agent = await t.startAgent()
    const expected = {
      PS120031: { state: 'success', stateId: 1000, exitCode: 0 },
      PS120032: { state: 'error', stateId: 5000, exitCode: 7 },
      PS120033: { state: 'requirements_not_met', stateId: 3000 },
    }
    const progress = async (): Promise<Record<string, unknown>> =>
      Object.fromEntries(
        await Promise.all(
          Object.keys(expected).map(async (id): Promise<[string, unknown]> => {
            const p = await t.site.clientProgress(id)
            return [
              id,
              {
                state: p?.state,
                stateId: p?.stateId,
                ...(p?.exitCode === undefined ? {} : { exitCode: p.exitCode }),
              },
            ]
          }),
        ),
      )
    await waitUntil(
      'each deployment in its final state from state messages',
      async () => JSON.stringify(await progress()) === JSON.stringify(expected),
      90_000,
      () => `${JSON.stringify(expected)}\n${agent.stderr()}`,
    )
    // The status messages arrived too (stored, not summarized), beside the state messages.
    await storedMessages(t.site, 'PS120031', [10002, 10005, 10008])
    const states = await t.site.stateMessages('PS120031')
    expect(states.map((m) => m.state.id)).toEqual([2000, 2002, 1000])
    const clientId = ((await t.cli(['status'])) as AgentActivity).agent.clientId
    expect(states.every((m) => m.origin.id === clientId && m.topic.type === 1702)).toBe(true)
    expect(states.at(-1)?.userParameters.params).toEqual(['0'])
  })

  it('refuses `sitrep agent install` from a local user who is not logged on and not in the allowed group, and the site hears of it', async () => {
    const t = await setup()
    // Other users must reach the socket; the state directory inside stays owner-only.
    await chmod(t.dir, 0o755)
    await t.site.deploy({
      deploymentId: 'PS120051',
      name: 'Viewer',
      intent: 'available',
      type: t.installer(path.join(t.dir, 'viewer')),
    })
    const agent = await t.startAgent()
    await waitUntil(
      'Viewer to be available',
      async () => ((await t.cli(['status'])) as AgentActivity).available.length === 1,
      60_000,
      () => agent.stderr(),
    )
    // The command a user types, run as nobody (no login session on this test machine).
    const installAsNobody = (): Promise<{ code: number; stderr: string }> =>
      new Promise((resolve, reject) => {
        const argv = [process.execPath, SITREP_BIN, 'agent', 'install', 'Viewer', '--socket', t.socket]
        execFile('runuser', ['-u', 'nobody', '--', ...argv], (error, _stdout, stderr) => {
          if (error !== null && typeof error.code !== 'number')
            return reject(new Error('runuser could not run sitrep as nobody', { cause: error }))
          resolve({ code: typeof error?.code === 'number' ? error.code : 0, stderr })
        })
      })
    const asNobody = await installAsNobody()
    expect(asNobody.code).toBe(EXIT.failure)
    expect(asNobody.stderr).toMatch(
      /^the agent refused to queue Viewer \(403 forbidden\): nobody \(uid 65534\) has no login session on this machine; only root and the logged-on users may request installs/,
    )
    expect(((await t.cli(['queue'])) as QueuedJob[]).length).toBe(0)
    await waitUntil('42010 at the site', async () =>
      messageIds(await t.site.messagesOf('Sitrep Agent')).includes(42010),
    )
    const refused = (await t.site.messagesOf('Sitrep Agent')).find((m) => m.messageId === 42010)
    expect(refused?.insertionStrings.slice(0, 3)).toEqual(['POST /v1/requests', 'nobody', '65534'])
    // With nobody's group allowed (`--allow-group`, here from the environment) the same
    // command queues the install, and it runs.
    await agent.stop()
    const allowing = await startAgentProcess({
      stateDir: t.stateDir,
      socket: t.socket,
      mpUrl: t.site.site.url,
      env: { SITREP_AGENT_ALLOW_GROUP: 'nogroup' },
    })
    cleanups.push(() => allowing.stop('SIGKILL'))
    expect((await installAsNobody()).code).toBe(0)
    await waitUntil(
      'Viewer to succeed',
      async () => (await t.site.clientState('PS120051')) === 'success',
      60_000,
      () => allowing.stderr(),
    )
  })

  it('ends each job in the right state: a failing exit code, requirements not met, already installed, 3010 and a run past its maximum time', async () => {
    const t = await setup()
    const present = path.join(t.dir, 'already-there')
    await writeFile(present, 'installed before')
    const deployments: [string, string, TestDeploymentType][] = [
      ['PS120011', 'Fails', t.installer('-', { exitCode: 7 })],
      [
        'PS120012',
        'Needs memory',
        {
          ...t.installer(path.join(t.dir, 'never-run')),
          requirements: [{ kind: 'memory', minMegabytes: 64 * 1024 * 1024 }],
        },
      ],
      ['PS120013', 'Present', t.installer(present)],
      // POSIX keeps the low byte of an exit status: 194 is how an installer here says 3010.
      ['PS120014', 'Wants restart', t.installer(path.join(t.dir, 'restart-app'), { exitCode: 194 })],
      [
        'PS120015',
        'Too slow',
        { ...t.installer(path.join(t.dir, 'slow-app'), { sleepMs: 60_000 }), maxRunMinutes: 1 },
      ],
    ]
    for (const [deploymentId, name, type] of deployments)
      await t.site.deploy({ deploymentId, name, intent: 'required', type })
    const agent = await t.startAgent()
    const expected: Record<string, string> = {
      PS120011: 'error',
      PS120012: 'requirements_not_met',
      PS120013: 'success',
      PS120014: 'restart_pending',
      PS120015: 'error',
    }
    const states = async (): Promise<Record<string, string | undefined>> =>
      Object.fromEntries(
        await Promise.all(
          Object.keys(expected).map(async (id): Promise<[string, string | undefined]> => [
            id,
            await t.site.clientState(id),
          ]),
        ),
      )
    await waitUntil(
      'every deployment in its final state',
      async () => JSON.stringify(await states()) === JSON.stringify(expected),
      90_000,
      () => `${JSON.stringify(expected)}\n${agent.stderr()}`,
    )
    await storedMessages(t.site, 'PS120011', [10006])
    await storedMessages(t.site, 'PS120012', [10080])
    await storedMessages(t.site, 'PS120013', [10040])
    await storedMessages(t.site, 'PS120014', [10022])
    await storedMessages(t.site, 'PS120015', [10070])
    const last = async (id: string): Promise<number | undefined> =>
      (await t.site.messages(id)).at(-1)?.messageId
    const failed = (await t.site.messages('PS120011')).find((m) => m.messageId === 10006)
    expect(failed?.insertionStrings[1]).toBe('7')
    expect(await last('PS120012')).toBe(10080)
    expect(await last('PS120013')).toBe(10040)
    expect(sortedIds(messageIds(await t.site.messages('PS120014')))).toContain(10022)
    expect(messageIds(await t.site.messages('PS120015'))).toContain(10070)
    // The slow installer's whole process group was ended: it never wrote its file.
    await expect(readFile(path.join(t.dir, 'slow-app'))).rejects.toThrow(/ENOENT/)
    // 3010 leaves a restart pending with a deadline: the grace period of the deployment.
    const status = (await t.cli(['status'])) as AgentActivity
    expect(status.restart).toMatchObject({ kind: 'restart' })
    expect(status.restart?.deadline).toBeGreaterThan(Date.now())
  })

  it('holds a required deployment for its maintenance window; three user requests made while it runs queue 1–3 and run in order', async () => {
    const t = await setup()
    const agent = await t.startAgent()
    await waitUntil(
      'registration',
      async () => ((await t.cli(['status'])) as AgentActivity).agent.clientId !== null,
    )
    // A window that opens at the next minute boundary at least 10 s away and lasts two hours.
    const opensAt = Math.ceil((Date.now() + 10_000) / 60_000) * 60_000
    const open = new Date(opensAt)
    await t.site.linuxCollection('PS100010', [
      {
        name: 'Tonight',
        timeZone: 'UTC',
        start: open.toISOString().slice(11, 16),
        durationMinutes: 120,
        recurrence: { kind: 'once', date: open.toISOString().slice(0, 10) },
      },
    ])
    await t.site.deploy({
      deploymentId: 'PS120021',
      name: 'Office suite',
      intent: 'required',
      collectionId: 'PS100010',
      type: t.installer(path.join(t.dir, 'office'), { sleepMs: 4_000 }),
    })
    const names = ['Viewer', 'Notes', 'Paint']
    for (const [i, name] of names.entries()) {
      await t.site.deploy({
        deploymentId: `PS12002${i + 2}`,
        name,
        intent: 'available',
        type: t.installer(path.join(t.dir, name), { sleepMs: 1_500 }),
      })
    }
    await waitUntil(
      'the required deployment waiting for its window at the site',
      async () => (await t.site.clientState('PS120021')) === 'waiting_maintenance_window',
      30_000,
      () => agent.stderr(),
    )
    expect(Date.now()).toBeLessThan(opensAt)
    const waiting = (await t.cli(['status'])) as AgentActivity
    expect(waiting.queue[0]).toMatchObject({ deploymentId: 'PS120021', waitingFor: 'maintenance_window' })
    expect(waiting.queue[0]?.estimatedStartAt).toBe(opensAt)
    // The window may open up to 70 s after it was chosen: the hang guard counts from its opening.
    await waitUntil(
      'the required install to start in its window',
      async () => {
        const activity = (await t.cli(['status'])) as AgentActivity
        return activity.current?.deploymentId === 'PS120021'
      },
      Math.max(0, opensAt - Date.now()) + 60_000,
      () => agent.stderr(),
    )
    expect(Date.now()).toBeGreaterThanOrEqual(opensAt)

    const replies: InstallRequestReply[] = []
    for (const name of names) replies.push((await t.cli(['install', name])) as InstallRequestReply)
    expect(replies.map((r) => r.position)).toEqual([1, 2, 3])
    const starts = replies.map((r) => r.estimatedStartAt ?? Number.NaN)
    expect(starts[1]).toBeGreaterThan(starts[0] ?? Infinity)
    expect(starts[2]).toBeGreaterThan(starts[1] ?? Infinity)

    // Paint's estimated start moves earlier as the jobs before it finish sooner than estimated.
    const paintStart = async (): Promise<number | null> => {
      const queue = (await t.cli(['queue'])) as QueuedJob[]
      return queue.find((q) => q.applicationName === 'Paint')?.estimatedStartAt ?? null
    }
    await waitUntil(
      'the required install to finish',
      async () => (await t.site.clientState('PS120021')) === 'success',
    )
    const afterFirst = await paintStart()
    expect(afterFirst).toBeLessThan(starts[2] ?? 0)
    await waitUntil('Viewer to finish', async () => (await t.site.clientState('PS120022')) === 'success')
    const afterSecond = await paintStart()
    expect(afterSecond).toBeLessThan(afterFirst ?? 0)
    for (const id of ['PS120023', 'PS120024'])
      await waitUntil(`${id} to succeed`, async () => (await t.site.clientState(id)) === 'success')

    // They ran one at a time in queue order: each program started after the one before succeeded.
    const timeOf = async (id: string, messageId: number): Promise<number> =>
      (await t.site.messages(id)).find((m) => m.messageId === messageId)?.createdAt ?? Number.NaN
    const order = ['PS120021', 'PS120022', 'PS120023', 'PS120024']
    for (const id of order) await storedMessages(t.site, id, [10005, 10008])
    for (let i = 1; i < order.length; i++) {
      expect(await timeOf(order[i] ?? '', 10005)).toBeGreaterThanOrEqual(
        await timeOf(order[i - 1] ?? '', 10008),
      )
    }
    expect(messageIds(await t.site.messages('PS120021')).filter((id) => id === 10073)).toHaveLength(1)
    // The requests were made by root at the machine; the site heard of each (42001) once.
    const requested = (await t.site.messagesOf('Sitrep Agent')).filter((m) => m.messageId === 42001)
    expect(requested.map((m) => m.insertionStrings[1])).toEqual(names)
  })
})
