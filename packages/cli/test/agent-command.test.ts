import { chmod, readFile } from 'node:fs/promises'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createAgent, recordingRestartAction, startLocalApi } from '@sitrep/agent'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../src/run-cli.ts'
import { fakeIo } from './cli-io.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function temp(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sitrep-cli-agent-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true, maxRetries: 10 }))
  return dir
}

describe('sitrep agent', () => {
  it('status and queue read the running agent over its socket, with --json', async () => {
    const dir = await temp()
    await chmod(dir, 0o755)
    const agent = await createAgent({
      stateDir: path.join(dir, 'state'),
      mpUrl: null,
      restartAction: recordingRestartAction(),
      restartSources: [],
    })
    await agent.start()
    cleanups.push(() => agent.stop())
    const api = await startLocalApi({ agent, socketPath: path.join(dir, 'agent.sock') })
    cleanups.push(() => api.close())
    const io = fakeIo({ homeDir: dir })
    expect(await runCli(['agent', 'status', '--socket', api.socketPath], io)).toBe(0)
    expect(io.out()).toContain('Idle: your installs start right away')
    expect(io.out()).toContain('Queue: 0 jobs')
    const json = fakeIo({ homeDir: dir })
    expect(await runCli(['agent', 'queue', '--socket', api.socketPath, '--json'], json)).toBe(0)
    expect(JSON.parse(json.out())).toEqual([])
  })

  it('says the agent is not running when nothing answers on the socket', async () => {
    const dir = await temp()
    const io = fakeIo({ homeDir: dir })
    expect(await runCli(['agent', 'status', '--socket', path.join(dir, 'none.sock')], io)).toBe(3)
    expect(io.err()).toContain('the agent does not answer')
  })

  it('install --mp writes the configuration and a hardened systemd unit', async () => {
    const dir = await temp()
    const io = fakeIo({ homeDir: dir })
    const code = await runCli(
      [
        'agent',
        'install',
        '--mp',
        'http://site:8080',
        '--token',
        't1',
        '--state-dir',
        path.join(dir, 'state'),
        '--unit-dir',
        dir,
      ],
      io,
    )
    expect(code).toBe(0)
    expect(JSON.parse(await readFile(path.join(dir, 'state', 'agent.json'), 'utf8'))).toEqual({
      mpUrl: 'http://site:8080',
      enrolmentToken: 't1',
    })
    const unit = await readFile(path.join(dir, 'sitrep-agent.service'), 'utf8')
    expect(unit).toContain(`--state-dir ${path.join(dir, 'state')}`)
    expect(unit).toContain('ProtectKernelModules=yes')
  })
})
