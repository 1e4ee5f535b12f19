import type { Agent, AgentOptions } from '../../src/agent.ts'
import { createAgent } from '../../src/agent.ts'
import type { RecordedRestart } from '../../src/io/restart-action.ts'
import { recordingRestartAction } from '../../src/io/restart-action.ts'

/** A policy minute in tests: run limits, graces and retries in 1/60 of real time. */
export const TEST_MINUTE_MS = 1000

/** An in-process agent over `stateDir` that never restarts anything: restarts are recorded. */
export async function startTestAgent(
  stateDir: string,
  mpUrl: string | null,
  overrides: Partial<AgentOptions> = {},
): Promise<{ agent: Agent; restarts: RecordedRestart[]; stop: () => Promise<void> }> {
  const action = recordingRestartAction()
  const agent = await createAgent({
    stateDir,
    mpUrl,
    restartAction: action,
    restartSources: [],
    minuteMs: TEST_MINUTE_MS,
    pollDelayMs: 200,
    restartCheckMs: 200,
    facts: {
      platform: 'linux',
      linuxFamily: 'debian',
      osVersion: '12',
      architecture: process.arch,
      memoryMegabytes: 4096,
    },
    ...overrides,
  })
  await agent.start()
  return { agent, restarts: action.calls, stop: () => agent.stop() }
}
