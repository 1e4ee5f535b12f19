/**
 * A real agent for the indicator's tests: the agent package's test site (a small management
 * point) with the given applications, the agent itself in this process over a temporary state
 * directory, and its local API on a Unix socket that the indicator (in this process, in tmux or
 * behind the page) connects to. Installers are `sh -c 'sleep …'` writing the file detection
 * looks for. Minutes are real minutes, so estimates read as they would on a machine.
 */
import { chmod } from 'node:fs/promises'
import path from 'node:path'
import type { PolicyBody } from '@sitrep/protocol'
import type { Agent, LocalApi } from '@sitrep/agent'
import { startLocalApi } from '@sitrep/agent'
import { testPolicyBody } from '../../../agent/test/helpers/policy.ts'
import { startTestAgent } from '../../../agent/test/helpers/test-agent.ts'
import type { TestSite } from '../../../agent/test/helpers/test-site.ts'
import { startTestSite } from '../../../agent/test/helpers/test-site.ts'
import { tempDir } from '../../../agent/test/helpers/temp-dir.ts'

export { waitFor } from '../../../agent/test/helpers/wait-for.ts'

/** One application the test site deploys. */
export interface TestApp {
  readonly deploymentId: string
  readonly name: string
  readonly intent: 'required' | 'available'
  /** How long the installer sleeps. */
  readonly seconds: number
  readonly exitCode?: number
  readonly estimatedRunMinutes?: number
  readonly settings?: Record<string, unknown>
}

/** The running pieces. */
export interface RealAgent {
  readonly site: TestSite
  readonly agent: Agent
  readonly socketPath: string
  readonly dir: string
  /** Deploys an application (and polls policy now). */
  deploy(app: TestApp): Promise<void>
  /** Stops the local API (the agent "goes away" for the indicator). */
  stopApi(): Promise<void>
  /** Starts the local API again on the same socket. */
  startApi(): Promise<void>
  close(): Promise<void>
}

function bodyOf(app: TestApp, dir: string): PolicyBody {
  const marker = path.join(dir, `${app.deploymentId}.installed`)
  return testPolicyBody({
    deploymentId: app.deploymentId,
    intent: app.intent,
    name: app.name,
    install: ['sh', '-c', `sleep ${app.seconds}; echo installed > ${marker}; exit ${app.exitCode ?? 0}`],
    detectionPath: marker,
    estimatedRunMinutes: app.estimatedRunMinutes ?? 1,
    ...(app.settings === undefined ? {} : { settings: app.settings }),
  })
}

/** Starts a test site with `apps`, an agent and its local API. */
export async function startRealAgent(apps: readonly TestApp[]): Promise<RealAgent> {
  const site = await startTestSite()
  const dir = await tempDir('sitrep-indicator-')
  // Processes of the test (tmux, the page) reach the socket; the state directory stays owner-only.
  await chmod(dir, 0o755)
  for (const app of apps) site.bodies.set(app.deploymentId, bodyOf(app, dir))
  site.publish()
  // The API starts after the agent; until then there is no stream to publish to.
  let api: LocalApi | null = null
  const { agent, stop } = await startTestAgent(path.join(dir, 'state'), site.url, {
    minuteMs: 60_000,
    onActivity: (activity) => api?.publish(activity),
  })
  const socketPath = path.join(dir, 'run', 'agent.sock')
  api = await startLocalApi({ agent, socketPath })
  return {
    site,
    agent,
    socketPath,
    dir,
    async deploy(app) {
      site.bodies.set(app.deploymentId, bodyOf(app, dir))
      site.publish()
      await agent.pollNow()
    },
    async stopApi() {
      await api?.close()
      api = null
    },
    async startApi() {
      api = await startLocalApi({ agent, socketPath })
      api.publish(agent.activity())
    },
    async close() {
      await api?.close()
      api = null
      await stop()
      await site.close()
    },
  }
}
