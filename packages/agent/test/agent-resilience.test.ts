import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Agent } from '../src/agent.ts'
import { testPolicyBody } from './helpers/policy.ts'
import { startTestAgent } from './helpers/test-agent.ts'
import { startTestSite, TEST_CLIENT_ID } from './helpers/test-site.ts'
import { tempDir } from './helpers/temp-dir.ts'
import { waitFor } from './helpers/wait-for.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const outcome = (agent: Agent, id: string): string | undefined =>
  agent.jobs().find((j) => j.deploymentId === id && j.stage === 'finished')?.outcome ?? undefined

describe('the agent when things go wrong', () => {
  it('keeps working from cached policy while the site is away, and delivers everything when it returns', async () => {
    const site = await startTestSite()
    cleanups.push(() => site.close())
    const dir = await tempDir()
    const state = path.join(dir, 'state')
    site.bodies.set('PS100001', testPolicyBody({ install: ['true'], detectionPath: path.join(dir, 'never') }))
    const second = path.join(dir, 'second')
    // The second deployment becomes available in an hour. The first agent runs on the real
    // clock and so never starts it; the second runs an hour and a minute ahead, so it is due at
    // once. No race between the two agents and the wall clock decides what runs where.
    const HOUR_MS = 3_600_000
    site.bodies.set(
      'PS100002',
      testPolicyBody({
        deploymentId: 'PS100002',
        settings: { availableAt: Date.now() + HOUR_MS },
        install: ['sh', '-c', `touch ${second}`],
        detectionPath: second,
      }),
    )
    site.publish()
    const first = await startTestAgent(state, site.url)
    await waitFor('the first job', () => outcome(first.agent, 'PS100001'))
    await waitFor('the policy cache', () => first.agent.activity().agent.lastPolicyAt !== null)
    expect(first.agent.jobs().map((j) => j.deploymentId)).toEqual(['PS100001'])
    await first.stop()

    site.down = true
    const before = site.stored.length
    const second_ = await startTestAgent(state, site.url, { clock: () => Date.now() + HOUR_MS + 60_000 })
    cleanups.push(second_.stop)
    // The second deployment is due while the site is away: cached policy is enough to run it.
    expect(
      await waitFor('the cached deployment to run', () => outcome(second_.agent, 'PS100002'), 30_000),
    ).toBe('succeeded')
    expect(second_.agent.activity().agent.siteReachable).toBe(false)
    expect(site.stored.length).toBe(before)

    site.down = false
    await waitFor(
      'delivery after the site returns',
      () => site.messages(10008, 'PS100002').length === 1,
      30_000,
    )
    // Delivery is at least once on the wire; the site stores each message once, and the agent
    // made each report once: one success, one "received", one "started" for the cached deployment.
    for (const id of [10002, 10005, 10008]) expect(site.messages(id, 'PS100002')).toHaveLength(1)
    expect(new Set(site.stored.map((m) => m.id)).size).toBe(site.stored.length)
    // The state messages beside them (topic 1702) come through their own spool the same way:
    // received, installing, success, each once, numbered on across the two runs of the agent.
    await waitFor('the success state message', () =>
      site.states.some((m) => m.topic.id === 'PS100002' && m.state.id === 1000),
    )
    expect(site.states.filter((m) => m.topic.id === 'PS100002').map((m) => m.state.id)).toEqual([
      2000, 2002, 1000,
    ])
    expect(site.states.every((m) => m.topic.type === 1702 && m.origin.id === TEST_CLIENT_ID)).toBe(true)
    const serials = site.states.map((m) => m.serialNumber)
    expect(serials).toEqual([...serials].sort((x, y) => x - y))
    expect(new Set(serials).size).toBe(serials.length)
  })

  it('refuses a tampered policy body, reports it, and runs nothing from it', async () => {
    const site = await startTestSite()
    cleanups.push(() => site.close())
    const dir = await tempDir()
    const planted = path.join(dir, 'planted')
    site.bodies.set('PS100001', testPolicyBody({ install: ['touch', planted], detectionPath: planted }))
    site.tamper = 'PS100001'
    site.publish()
    const { agent, stop } = await startTestAgent(path.join(dir, 'state'), site.url)
    cleanups.push(stop)
    await waitFor('10000 at the site', () => site.messages(10000, 'PS100001').length === 1)
    expect(site.messages(42005)[0]?.insertionStrings.slice(0, 2)).toEqual(['PS100001', 'bad_signature'])
    expect(agent.jobs()).toEqual([])
  })

  it('refuses content with a wrong hash: the job fails with 10001 and the installer never runs', async () => {
    const site = await startTestSite()
    cleanups.push(() => site.close())
    const dir = await tempDir()
    const ran = path.join(dir, 'ran')
    const { sha256, size } = site.addContent(Buffer.from('#!/bin/sh\ntouch ran\n'))
    // Same length, other bytes: only the hash can tell.
    site.content.set(sha256, Buffer.from('#!/bin/sh\ntouch RAN\n'))
    site.bodies.set(
      'PS100001',
      testPolicyBody({
        install: ['sh', 'setup.sh'],
        detectionPath: ran,
        deploymentType: { content: [{ path: 'setup.sh', sha256, size }] },
      }),
    )
    site.publish()
    const { agent, stop } = await startTestAgent(path.join(dir, 'state'), site.url)
    cleanups.push(stop)
    expect(await waitFor('the job', () => outcome(agent, 'PS100001'))).toBe('failed')
    await waitFor('10001 at the site', () => site.messages(10001, 'PS100001').length === 1)
    expect(site.messages(10005, 'PS100001')).toEqual([])
  })

  it('downloads content, places it in the job folder and runs the installer from there', async () => {
    const site = await startTestSite()
    cleanups.push(() => site.close())
    const dir = await tempDir()
    const marker = path.join(dir, 'from-content')
    const script = Buffer.from(`#!/bin/sh\necho "$(pwd)" > ${marker}\n`)
    const { sha256, size } = site.addContent(script)
    site.bodies.set(
      'PS100001',
      testPolicyBody({
        install: ['./setup.sh'],
        detectionPath: marker,
        deploymentType: { content: [{ path: 'setup.sh', sha256, size, executable: true }] },
      }),
    )
    site.publish()
    const { agent, stop } = await startTestAgent(path.join(dir, 'state'), site.url)
    cleanups.push(stop)
    expect(await waitFor('the job', () => outcome(agent, 'PS100001'))).toBe('succeeded')
    await waitFor('download messages', () => site.messages(10024, 'PS100001').length === 1)
    expect(site.requests).toContain(`GET /mp/v1/content/${sha256}`)
  })
})
