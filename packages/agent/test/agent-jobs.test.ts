import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Agent } from '../src/agent.ts'
import type { RecordedRestart } from '../src/io/restart-action.ts'
import { startTestAgent, TEST_MINUTE_MS } from './helpers/test-agent.ts'
import { testPolicyBody } from './helpers/policy.ts'
import type { TestSite } from './helpers/test-site.ts'
import { startTestSite } from './helpers/test-site.ts'
import { tempDir } from './helpers/temp-dir.ts'
import { waitFor } from './helpers/wait-for.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setup(): Promise<{
  site: TestSite
  dir: string
  start: () => Promise<{ agent: Agent; restarts: RecordedRestart[] }>
}> {
  const site = await startTestSite()
  cleanups.push(() => site.close())
  const dir = await tempDir()
  return {
    site,
    dir,
    start: async () => {
      const started = await startTestAgent(path.join(dir, 'state'), site.url)
      cleanups.push(started.stop)
      return started
    },
  }
}

function finished(agent: Agent, deploymentId: string): string | undefined {
  return (
    agent.jobs().find((j) => j.deploymentId === deploymentId && j.stage === 'finished')?.outcome ?? undefined
  )
}

/** An installer that writes `file` (detection looks for it) after `seconds`. */
const installer = (file: string, seconds = 0, exitCode = 0): string[] => [
  'sh',
  '-c',
  `sleep ${seconds}; echo installed > ${file}; exit ${exitCode}`,
]

describe('the agent with a management point', () => {
  it('installs a required deployment and reports received, started and succeeded with attribute 401', async () => {
    const { site, dir, start } = await setup()
    const marker = path.join(dir, 'editor-installed')
    site.bodies.set('PS100001', testPolicyBody({ install: installer(marker), detectionPath: marker }))
    site.publish()
    const { agent } = await start()
    expect(await waitFor('the job to finish', () => finished(agent, 'PS100001'))).toBe('succeeded')
    expect(await readFile(marker, 'utf8')).toBe('installed\n')
    await waitFor('success at the site', () => site.messages(10008, 'PS100001').length === 1)
    expect(site.messages(10002, 'PS100001')).toHaveLength(1)
    expect(site.messages(10005, 'PS100001')).toHaveLength(1)
    expect(site.messages(10008, 'PS100001')[0]?.insertionStrings.slice(0, 2)).toEqual(['PS100001', '0'])
  })

  it('queues user requests behind a running required install with positions 1-3 and shrinking estimates, and runs them in order', async () => {
    const { site, dir, start } = await setup()
    const required = path.join(dir, 'required')
    site.bodies.set(
      'PS100001',
      testPolicyBody({ install: installer(required, 2), detectionPath: required, estimatedRunMinutes: 2 }),
    )
    for (const id of ['PS100002', 'PS100003', 'PS100004']) {
      const marker = path.join(dir, id)
      site.bodies.set(
        id,
        testPolicyBody({
          deploymentId: id,
          intent: 'available',
          install: installer(marker, 0.3),
          detectionPath: marker,
        }),
      )
    }
    site.publish()
    const { agent } = await start()
    await waitFor('the required install to run', () => agent.activity().current?.phase === 'installing')
    const replies = []
    for (const id of ['PS100002', 'PS100003', 'PS100004']) {
      replies.push(
        await agent.request({ deploymentId: id, action: 'install', userName: 'ada', userUid: 1000 }),
      )
    }
    expect(replies.map((r) => r.position)).toEqual([1, 2, 3])
    const firstEstimates = replies.map((r) => r.estimatedStartAt ?? 0)
    expect(firstEstimates[0]).toBeLessThan(firstEstimates[1] ?? 0)
    expect(firstEstimates[1]).toBeLessThan(firstEstimates[2] ?? 0)
    expect(agent.activity().queue.map((q) => [q.deploymentId, q.position, q.userName])).toEqual([
      ['PS100002', 1, 'ada'],
      ['PS100003', 2, 'ada'],
      ['PS100004', 3, 'ada'],
    ])
    await waitFor('the first request to start', () => agent.activity().current?.deploymentId === 'PS100002')
    const later = agent.activity().queue.find((q) => q.deploymentId === 'PS100004')
    expect(later?.position).toBe(2)
    expect(later?.estimatedStartAt ?? Infinity).toBeLessThan(firstEstimates[2] ?? 0)
    await waitFor('all four to finish', () =>
      ['PS100001', 'PS100002', 'PS100003', 'PS100004'].every((id) => finished(agent, id) === 'succeeded'),
    )
    const order = agent
      .jobs()
      .filter((j) => j.stage === 'finished')
      .sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0))
      .map((j) => j.deploymentId)
    expect(order).toEqual(['PS100001', 'PS100002', 'PS100003', 'PS100004'])
  })

  it('ends an install that runs past its maximum run time and reports it', async () => {
    const { site, dir, start } = await setup()
    const marker = path.join(dir, 'slow')
    site.bodies.set(
      'PS100001',
      testPolicyBody({ install: installer(marker, 30), detectionPath: marker, maxRunMinutes: 1 }),
    )
    site.publish()
    const { agent } = await start()
    expect(await waitFor('the job to end', () => finished(agent, 'PS100001'))).toBe('timed_out')
    await waitFor('10070 at the site', () => site.messages(10070, 'PS100001').length === 1)
    expect(site.messages(10070, 'PS100001')[0]?.insertionStrings[1]).toBe('1')
    expect(TEST_MINUTE_MS).toBe(1000)
  })

  it('reaches failed, requirements not met and already installed, each with its message', async () => {
    const { site, dir, start } = await setup()
    site.bodies.set(
      'PS100001',
      testPolicyBody({ install: ['sh', '-c', 'exit 2'], detectionPath: path.join(dir, 'x') }),
    )
    site.bodies.set(
      'PS100002',
      testPolicyBody({
        deploymentId: 'PS100002',
        deploymentType: { requirements: [{ kind: 'memory', minMegabytes: 1_000_000 }] },
      }),
    )
    site.bodies.set('PS100003', testPolicyBody({ deploymentId: 'PS100003', detectionPath: dir }))
    site.publish()
    const { agent } = await start()
    await waitFor('three results', () =>
      ['PS100001', 'PS100002', 'PS100003'].every((id) => finished(agent, id) !== undefined),
    )
    expect(['PS100001', 'PS100002', 'PS100003'].map((id) => finished(agent, id))).toEqual([
      'failed',
      'requirements_not_met',
      'already_installed',
    ])
    await waitFor(
      'the messages',
      () => site.messages(10006, 'PS100001').length === 1 && site.messages(10040, 'PS100003').length === 1,
    )
    expect(site.messages(10006, 'PS100001')[0]?.insertionStrings[1]).toBe('2')
    await waitFor('10080', () => site.messages(10080, 'PS100002').length === 1)
    expect(site.messages(10080, 'PS100002')[0]?.insertionStrings[1]).toContain('needs 1000000 MB of memory')
  })

  it('leaves a restart pending with its deadline after exit code 3010, and enforces it at the deadline', async () => {
    const { site, dir, start } = await setup()
    const marker = path.join(dir, 'driver')
    site.bodies.set(
      'PS100001',
      testPolicyBody({
        install: installer(marker, 0, 3010),
        detectionPath: marker,
        settings: { restartGraceMinutes: 3, restartCountdownMinutes: 1 },
      }),
    )
    site.publish()
    const started = Date.now()
    const { agent, restarts } = await start()
    await waitFor('the job', () => finished(agent, 'PS100001'))
    expect(agent.jobs()[0]).toMatchObject({ outcome: 'succeeded_restart_required' })
    const restart = agent.activity().restart
    expect(restart).toMatchObject({ kind: 'restart', requestedBy: [{ source: 'job', name: 'App PS100001' }] })
    expect(restart?.deadline).toBeGreaterThanOrEqual(started + 3 * TEST_MINUTE_MS)
    expect(restart?.countdownFrom).toBe((restart?.deadline ?? 0) - TEST_MINUTE_MS)
    await waitFor(
      '10022 and 10075',
      () => site.messages(10022, 'PS100001').length === 1 && site.messages(10075, 'PS100001').length === 1,
    )
    expect(restarts).toEqual([])
    await waitFor('the enforced restart', () => restarts.length === 1)
    expect(Date.now()).toBeGreaterThanOrEqual(restart?.deadline ?? Infinity)
    expect(restarts[0]).toMatchObject({ kind: 'restart', reason: 'the restart deadline passed' })
    await waitFor('42003 at the site', () => site.messages(42003).length === 1)
  })
})
