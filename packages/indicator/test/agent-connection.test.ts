import { afterEach, describe, expect, it } from 'vitest'
import { createAgentClient } from '../src/client/agent-client.ts'
import { watchAgent } from '../src/client/watch-agent.ts'
import { AgentRefusedError, AgentUnreachableError } from '../src/errors.ts'
import type { AgentConnection } from '../src/presenter/indicator-view.ts'
import { startRealAgent, waitFor } from './helpers/real-agent.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('the indicator and a real agent', () => {
  it('follows the activity stream, says the agent is gone when it stops, and reconnects when it is back', async () => {
    const real = await startRealAgent([
      { deploymentId: 'PS100002', name: 'Editor', intent: 'available', seconds: 0 },
    ])
    cleanups.push(() => real.close())
    const seen: AgentConnection[] = []
    const watch = watchAgent({
      socketPath: real.socketPath,
      onChange: (c) => seen.push(c),
      reconnectDelayMs: () => 100,
    })
    cleanups.push(() => watch.close())
    expect(seen[0]).toEqual({ state: 'connecting', socketPath: real.socketPath })
    await waitFor('the catalogue on the stream', () =>
      seen.some((c) => c.state === 'connected' && c.activity.available.some((a) => a.name === 'Editor')),
    )
    await real.stopApi()
    await waitFor('the agent gone', () => seen.some((c) => c.state === 'unreachable' && c.problem === 'lost'))
    await waitFor('no socket', () => seen.some((c) => c.state === 'unreachable' && c.problem === 'no_socket'))
    const before = seen.length
    await real.startApi()
    await waitFor('connected again', () => seen.slice(before).some((c) => c.state === 'connected'))
  })

  it('requests an install and gets its queue position; refusals keep the agent’s code', async () => {
    const real = await startRealAgent([
      { deploymentId: 'PS100002', name: 'Editor', intent: 'available', seconds: 0 },
    ])
    cleanups.push(() => real.close())
    const client = createAgentClient(real.socketPath)
    await waitFor('the catalogue', async () => (await client.activity()).available.length === 1)
    const reply = await client.requestInstall('PS100002')
    expect(reply.position).toBe(1)
    const refused = await client.snooze(15).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(AgentRefusedError)
    expect(refused).toMatchObject({
      status: 400,
      agentCode: 'invalid_request',
      message: 'no restart or logoff is pending',
    })
  })

  it('says there is no agent socket when the agent is not running', async () => {
    const client = createAgentClient('/nonexistent/sitrep/agent.sock')
    const error = await client.activity().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AgentUnreachableError)
    expect(error).toMatchObject({ problem: 'no_socket' })
    expect((error as Error).message).toBe(
      'the agent does not answer on /nonexistent/sitrep/agent.sock (connect ENOENT /nonexistent/sitrep/agent.sock); is it running? (systemctl status sitrep-agent)',
    )
  })
})
