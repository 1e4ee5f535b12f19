/**
 * `sitrep indicator` and the user's session: the log-on entry put in place and taken away for
 * real (in a temporary XDG_CONFIG_HOME), one indicator per session (a second one names the
 * first and stops), and an indicator started without an agent on a desktop without a tray host.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CliIo } from '../src/cli-io.ts'
import { runCli } from '../src/run-cli.ts'
import { CAN_RUN_DESKTOP, IN_CI, startDesktopSession } from '../../indicator/test/helpers/desktop-session.ts'
import { waitUntil } from './agent-process.ts'
import { fakeIo } from './cli-io.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-indicator-session-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  return dir
}

describe.skipIf(process.platform !== 'linux')('sitrep indicator --install-autostart on Linux', () => {
  it('writes the XDG autostart entry running the sitrep found on PATH, and --remove-autostart takes it away', async () => {
    const dir = tempDir()
    const bin = path.join(dir, 'bin')
    mkdirSync(bin)
    writeFileSync(path.join(bin, 'sitrep'), '#!/bin/sh\n')
    chmodSync(path.join(bin, 'sitrep'), 0o755)
    const env = { XDG_CONFIG_HOME: path.join(dir, 'config'), PATH: bin }
    const entry = path.join(dir, 'config', 'autostart', 'sitrep-indicator.desktop')

    const install = fakeIo({ homeDir: dir, env })
    expect(
      await runCli(['indicator', '--install-autostart', '--socket', '/run/sitrep/agent.sock'], install),
    ).toBe(0)
    expect(install.out()).toBe(
      `sitrep indicator starts at your next log-on: ${entry} runs ${bin}/sitrep indicator --socket /run/sitrep/agent.sock\n`,
    )
    const text = readFileSync(entry, 'utf8')
    expect(text).toContain(`\nExec=${bin}/sitrep indicator --socket /run/sitrep/agent.sock\n`)
    expect(text.startsWith('[Desktop Entry]\nType=Application\n')).toBe(true)

    const remove = fakeIo({ homeDir: dir, env })
    expect(await runCli(['indicator', '--remove-autostart'], remove)).toBe(0)
    expect(remove.out()).toBe(`sitrep indicator no longer starts at log-on (removed ${entry})\n`)
    expect(existsSync(entry)).toBe(false)
    const again = fakeIo({ homeDir: dir, env })
    expect(await runCli(['indicator', '--remove-autostart'], again)).toBe(0)
    expect(again.out()).toBe(`sitrep indicator: there was no autostart entry at ${entry}\n`)
  })

  it('without sitrep on PATH, runs this Node and the sitrep script; ~/.config without XDG_CONFIG_HOME', async () => {
    const dir = tempDir()
    const io = fakeIo({ homeDir: dir, env: { PATH: '' } })
    expect(await runCli(['indicator', '--install-autostart'], io)).toBe(0)
    const text = readFileSync(path.join(dir, '.config', 'autostart', 'sitrep-indicator.desktop'), 'utf8')
    expect(text).toMatch(
      new RegExp(`\\nExec=${process.execPath}\\s\\S+/packages/cli/bin/sitrep\\.js indicator\\n`),
    )
  })

  it('refuses both at once', async () => {
    const io = fakeIo({ homeDir: tempDir() })
    expect(await runCli(['indicator', '--install-autostart', '--remove-autostart'], io)).toBe(1)
    expect(io.err()).toBe('sitrep indicator: choose one of --install-autostart and --remove-autostart\n')
  })
})

describe('one sitrep indicator per session', () => {
  it('a second one in the same session names the first and its page, and stops; after the first ends, a new one starts', async () => {
    const runtime = tempDir()
    let out = ''
    let stop = (): void => undefined
    const stopped = new Promise<void>((resolve) => (stop = resolve))
    const first: CliIo = {
      stdout: (text) => (out += text),
      stderr: () => undefined,
      env: { XDG_RUNTIME_DIR: runtime, LANG: 'en_GB.UTF-8', USER: 'ada' },
      untilShutdown: () => stopped,
      homeDir: runtime,
      clock: Date.now,
    }
    const running = runCli(['indicator', '--page', '--socket', '/nonexistent/agent.sock'], first)
    cleanups.push(() => stop())
    await waitUntil('the first indicator’s page', () => out.includes('the page is at'), 60_000)
    const url = /the page is at (\S+)/.exec(out)?.[1] ?? ''

    const second = fakeIo({ homeDir: runtime, env: { XDG_RUNTIME_DIR: runtime } })
    expect(await runCli(['indicator', '--socket', '/nonexistent/agent.sock'], second)).toBe(0)
    expect(second.out()).toBe('')
    expect(second.err()).toBe(
      `sitrep indicator: an indicator already runs in this session (process ${process.pid}); this one stops. Its page is at ${url}\n(it holds ${runtime}/sitrep/indicator.sock; stop it first to start another)\n`,
    )

    stop()
    expect(await running).toBe(0)
    const third = fakeIo({ homeDir: runtime, env: { XDG_RUNTIME_DIR: runtime } })
    // untilShutdown resolves at once: the third claims the session, serves, and stops cleanly.
    expect(await runCli(['indicator', '--page', '--socket', '/nonexistent/agent.sock'], third)).toBe(0)
    expect(third.out()).toContain('sitrep indicator: the page is at http://127.0.0.1:')
  }, 120_000)
})

describe.skipIf(!CAN_RUN_DESKTOP && !IN_CI)(
  'sitrep indicator without an agent and without a tray host',
  () => {
    it('says so on stderr, and still serves the page with desktop notifications on', async () => {
      // A private X display, session bus and notification server (dunst), but no tray host.
      const session = await startDesktopSession()
      cleanups.push(() => session.close())
      await session.startNotificationServer()
      let out = ''
      let err = ''
      let stop = (): void => undefined
      const stopped = new Promise<void>((resolve) => (stop = resolve))
      const io: CliIo = {
        stdout: (text) => (out += text),
        stderr: (text) => (err += text),
        env: { ...session.env, LANG: 'en_GB.UTF-8', USER: 'ada', TZ: 'UTC' },
        untilShutdown: () => stopped,
        homeDir: session.dir,
        clock: Date.now,
      }
      const running = runCli(['indicator', '--socket', '/nonexistent/agent.sock'], io)
      cleanups.push(() => stop())
      await waitUntil(
        'the indicator to start',
        () => out.includes('sitrep indicator running:'),
        60_000,
        () => err,
      )
      await waitUntil(
        'the reason the agent is away',
        () => err.includes('agent socket'),
        30_000,
        () => err,
      )
      expect(out).toMatch(/^sitrep indicator running: no tray icon, notifications through dunst /m)
      expect(err).toContain(
        'sitrep indicator: There is no agent socket at /nonexistent/agent.sock; the Sitrep agent is probably not running. The indicator keeps trying and shows what the agent does as soon as it answers.\n',
      )
      expect(err).toMatch(/^sitrep indicator: no tray icon: no tray host runs on display :\d+/m)
      // The page is the fallback: it answers, and says the same.
      const url = /the page is at (\S+)/.exec(out)?.[1] ?? ''
      const first = await fetch(url, { redirect: 'manual' })
      const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
      const page = await fetch(new URL(url).origin, { headers: { cookie } })
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('The Sitrep agent is not answering')
      stop()
      expect(await running).toBe(0)
    }, 180_000)
  },
)
