/**
 * `sitrep indicator` on a desktop, end to end: a real agent (installers that sleep) behind its
 * local API, the indicator in a private X session with a real tray host (trayer) and a real
 * notification server (dunst). The tray icon follows the agent from free to installing to a
 * pending restart and back; "Restart now" chosen in the tray menu reaches the agent and the
 * site hears of it as the indicator's status message. Screenshots of each state land in
 * test-artifacts/indicator/.
 */
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { startRealAgent, waitFor } from '../../indicator/test/helpers/real-agent.ts'
import { CAN_RUN_DESKTOP, IN_CI, startDesktopSession } from '../../indicator/test/helpers/desktop-session.ts'
import type { DesktopSession } from '../../indicator/test/helpers/desktop-session.ts'
import type { CliIo } from '../src/cli-io.ts'
import { runCli } from '../src/run-cli.ts'

const suite = CAN_RUN_DESKTOP || IN_CI ? describe : describe.skip
const ARTIFACTS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../test-artifacts/indicator',
)

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Pixels of one colour in the tray panel (the top-right 120×32 of the 800×320 screen). */
function panelPixels(session: DesktopSession, hex: string): Promise<number> {
  return session.countPixels(hex, '120x32+680+0')
}

const TONE = { free: '#2E7D32', busy: '#1565C0', restart: '#EF6C00' } as const

/** Opens the tray menu, saves a screenshot of it, and closes it again. */
async function menuShot(session: DesktopSession, name: string): Promise<void> {
  session.run('xdotool', ['mousemove', '788', '16', 'click', '1'])
  await new Promise((resolve) => setTimeout(resolve, 700))
  await session.screenshot(path.join(ARTIFACTS, `${name}.png`), '420x300+380+0')
  session.run('xdotool', ['key', 'Escape'])
  await new Promise((resolve) => setTimeout(resolve, 300))
}

suite('sitrep indicator on a desktop (real agent, trayer, dunst, Xvfb)', () => {
  it('follows the agent in the tray from free to installing to restart required and back, and reports "Restart now" to the site', async () => {
    await mkdir(ARTIFACTS, { recursive: true })
    const session = await startDesktopSession()
    cleanups.push(() => session.close())
    await session.startTrayHost()
    await session.startNotificationServer()
    const monitor = await session.monitorNotifications()
    const real = await startRealAgent([])
    cleanups.push(() => real.close())

    let out = ''
    let err = ''
    let stop = (): void => undefined
    const stopped = new Promise<void>((resolve) => (stop = resolve))
    const io: CliIo = {
      stdout: (text) => (out += text),
      stderr: (text) => (err += text),
      env: { ...session.env, LANG: 'en_GB.UTF-8', USER: 'ada', TZ: 'UTC' },
      untilShutdown: () => stopped,
      homeDir: '/nonexistent',
      clock: Date.now,
    }
    const done = runCli(['indicator', '--socket', real.socketPath], io)
    cleanups.push(() => stop())
    const context = (): string => `stdout: ${out}\nstderr: ${err}`

    await waitFor('the indicator to start', () => out.includes('sitrep indicator running:'), 30_000)
    expect(out).toMatch(/^sitrep indicator: the page is at http:\/\/127\.0\.0\.1:\d+\//)
    expect(out).toMatch(/^sitrep indicator running: tray icon shown, notifications through dunst /m)
    await waitFor(
      'the green icon of a free agent',
      async () => (await panelPixels(session, TONE.free)) > 50,
      30_000,
    )
    await menuShot(session, 'indicator-tray-free')

    // Three required installs; the last one asks for a restart (exit 194 is 3010 on POSIX).
    await real.deploy({ deploymentId: 'PS100011', name: 'Browser', intent: 'required', seconds: 4 })
    await real.deploy({ deploymentId: 'PS100012', name: 'Office Suite', intent: 'required', seconds: 4 })
    await real.deploy({
      deploymentId: 'PS100013',
      name: 'Kernel Update',
      intent: 'required',
      seconds: 4,
      exitCode: 194,
    })
    await waitFor(
      'the blue icon while installing',
      async () => (await panelPixels(session, TONE.busy)) > 50,
      60_000,
    )
    await menuShot(session, 'indicator-tray-installing')

    await waitFor(
      'the orange icon of a pending restart',
      async () => (await panelPixels(session, TONE.restart)) > 50,
      90_000,
    )
    await menuShot(session, 'indicator-tray-restart')
    expect(monitor.calls().some((call) => call.summary.startsWith('Restart required'))).toBe(true)

    // Choose "Restart now": the actions sit at the menu's end, "Hide this icon" last.
    session.run('xdotool', ['mousemove', '788', '16', 'click', '1'])
    await new Promise((resolve) => setTimeout(resolve, 700))
    session.run('xdotool', ['key', 'Up', 'Up', 'Return'])

    await waitFor(
      'the site to hear "restart accepted" from the tray',
      () => real.site.messages(42203).length > 0,
      30_000,
    )
    const accepted = real.site.messages(42203)[0]
    expect(accepted?.insertionStrings).toContain('tray')
    await waitFor(
      'the green icon again once the restart is done',
      async () => (await panelPixels(session, TONE.free)) > 50,
      60_000,
    )
    await menuShot(session, 'indicator-tray-free-again')

    stop()
    expect(await done).toBe(0)
    expect(err, context()).toBe('')
  }, 300_000)
})
