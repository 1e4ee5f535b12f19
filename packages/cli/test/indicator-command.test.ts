import { execFileSync, spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import type { RealAgent } from '../../indicator/test/helpers/real-agent.ts'
import { startRealAgent, waitFor } from '../../indicator/test/helpers/real-agent.ts'
import type { CliIo } from '../src/cli-io.ts'
import { runCli } from '../src/run-cli.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const SITREP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/sitrep.js')
const hasTmux = spawnSync('tmux', ['-V']).status === 0

/** An io whose long-running commands stop when `stop()` is called. */
function runningIo(
  env: Record<string, string>,
): CliIo & { lines: () => unknown[]; err: () => string; stop: () => void } {
  let out = ''
  let err = ''
  let stop = (): void => undefined
  const stopped = new Promise<void>((resolve) => (stop = resolve))
  return {
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
    env,
    untilShutdown: () => stopped,
    homeDir: '/nonexistent',
    clock: Date.now,
    lines: () =>
      out
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as unknown),
    err: () => err,
    stop: () => stop(),
  }
}

async function agentWithEditor(): Promise<RealAgent> {
  const real = await startRealAgent([
    { deploymentId: 'PS100002', name: 'Editor', intent: 'available', seconds: 2 },
  ])
  cleanups.push(() => real.close())
  return real
}

describe('sitrep indicator --json', () => {
  it('prints each change as one JSON line: free, installing, installed', async () => {
    const real = await agentWithEditor()
    const io = runningIo({ LANG: 'en_GB.UTF-8', USER: 'ada', TZ: 'UTC' })
    const done = runCli(['indicator', '--json', '--socket', real.socketPath], io)
    cleanups.push(() => io.stop())
    const headlines = () => io.lines().map((l) => (l as { headline: string }).headline)
    await waitFor('free', () =>
      headlines().includes('Nothing is installing. Your installs start right away.'),
    )
    await real.deploy({ deploymentId: 'PS100001', name: 'Security Update', intent: 'required', seconds: 3 })
    await waitFor('installing', () => headlines().includes('Installing Security Update'), 30_000)
    await waitFor(
      'installed',
      () =>
        io
          .lines()
          .some((l) =>
            (l as { recent: { text: string }[] }).recent.some((r) =>
              r.text.endsWith('Security Update was installed.'),
            ),
          ),
      30_000,
    )
    io.stop()
    expect(await done).toBe(0)
    const first = io.lines()[0] as Record<string, unknown>
    expect(first).toMatchObject({ connection: 'connecting', headline: 'Connecting to the Sitrep agent…' })
    expect(typeof first.at).toBe('string')
    expect(first).not.toHaveProperty('labels')
  })

  it('says clearly, in German for a German session, that the agent is not running', async () => {
    const io = runningIo({ LANG: 'de_DE.UTF-8', USER: 'ada' })
    const done = runCli(['indicator', '--json', '--socket', '/nonexistent/agent.sock'], io)
    await waitFor('the unreachable line', () => io.lines().length >= 2)
    io.stop()
    expect(await done).toBe(0)
    expect(io.lines()[1]).toMatchObject({
      connection: 'unreachable',
      headline: 'Der Sitrep-Agent antwortet nicht',
    })
    expect(io.err()).toBe(
      'sitrep indicator: Unter /nonexistent/agent.sock gibt es keinen Agent-Socket; der Sitrep-Agent läuft vermutlich nicht. Die Anzeige versucht es weiter und zeigt, was der Agent tut, sobald er antwortet.\n',
    )
  })

  it('takes one surface at a time', async () => {
    const io = runningIo({})
    expect(await runCli(['indicator', '--json', '--tui'], io)).toBe(1)
    expect(io.err()).toBe('sitrep indicator: choose one of --json, --tui and --page\n')
  })
})

describe.skipIf(!hasTmux && process.env.CI !== 'true')('sitrep indicator --tui in tmux', () => {
  // Visible in the test output when tmux is missing outside CI; CI installs it (.ci/run).
  if (!hasTmux) it.skip('needs tmux (apt-get install tmux)', () => undefined)

  const session = `sitrep-indicator-${process.pid}`
  const screen = (): string =>
    execFileSync('tmux', ['capture-pane', '-p', '-t', session], { encoding: 'utf8' })
  const keys = (...k: string[]): void => {
    execFileSync('tmux', ['send-keys', '-t', session, ...k])
  }
  const shows = (what: string, timeoutMs = 60_000) =>
    waitFor(`the terminal to show "${what}"`, () => screen().includes(what), timeoutMs)

  it('shows free, busy, the user’s request with its position, withdraws another, its end, a restart, and snoozes it', async () => {
    const real = await startRealAgent([
      { deploymentId: 'PS100002', name: 'Editor', intent: 'available', seconds: 2 },
      { deploymentId: 'PS100004', name: 'Viewer', intent: 'available', seconds: 2 },
    ])
    cleanups.push(() => real.close())
    const command = [
      'env',
      'LANG=en_GB.UTF-8',
      'TZ=UTC',
      // The agent knows the caller from its peer credentials: the tests run as this user.
      `USER=${process.env.USER ?? 'root'}`,
      process.execPath,
      SITREP,
      'indicator',
      '--tui',
      '--socket',
      real.socketPath,
    ]
    execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '110', '-y', '50', ...command])
    cleanups.push(() => {
      spawnSync('tmux', ['kill-session', '-t', session])
    })
    await shows('Nothing is installing. Your installs start right away.')
    expect(screen()).toContain('Editor 1.0 — Available')

    await real.deploy({ deploymentId: 'PS100001', name: 'Security Update', intent: 'required', seconds: 12 })
    await shows('Installing Security Update')
    keys('i')
    await shows('Requested. Editor is next, starts in')
    await shows('Editor 1.0 — Requested, next in line')
    expect(screen()).toMatch(/Your requests\s+Editor is next, starts in/)
    // Ask for Viewer too, then withdraw it with `c`: it is offered again and the site hears of it.
    keys('Down')
    await shows('› Viewer 1.0')
    keys('i')
    await shows('Viewer 1.0 — Requested, 2nd in line')
    keys('c')
    await shows('The request for Viewer was cancelled.')
    await shows('Viewer 1.0 — Available')
    await waitFor('the withdrawal at the site', () => real.site.messages(42204).length === 1)
    expect(real.site.messages(42204)[0]?.insertionStrings[2]).toBe('terminal')
    await shows('Installing Editor')
    await shows('Editor was installed.')
    await shows('Nothing is installing. Your installs start right away.')

    await real.deploy({
      deploymentId: 'PS100003',
      name: 'Kernel Update',
      intent: 'required',
      seconds: 0,
      exitCode: 3010,
      settings: { restartGraceMinutes: 120 },
    })
    await shows('Restart required by')
    await shows('[1] Remind me in 15 minutes')
    keys('1')
    await shows('Reminders paused until')
    await waitFor('the snooze at the site', () => real.site.messages(42002).length === 1)
    await waitFor('the indicator’s report at the site', () => real.site.messages(42202).length === 1)
    expect(real.site.messages(42202)[0]?.insertionStrings.slice(0, 2)).toEqual(['15', 'terminal'])
    expect(real.site.messages(42201)[0]?.insertionStrings.slice(0, 4)).toEqual([
      'Editor',
      'PS100002',
      'terminal',
      '1',
    ])
    keys('q')
    await waitFor(
      'the view to end',
      () => spawnSync('tmux', ['has-session', '-t', session]).status !== 0,
      30_000,
    )
  }, 300_000)
})
