/**
 * `sitrep indicator` end to end with a real site (`startSite`, SQLite, port 0) and the real agent
 * process (`sitrep agent run`) whose installers are node scripts that sleep. The indicator runs
 * on a private desktop (Xvfb, a session bus, trayer, dunst) with its page, and the terminal view
 * runs in tmux beside it. The tray menu follows the agent from free to "Installing Browser (1 of
 * 3)" to "Restart required by …" and back to free; notifications are caught on the bus, none
 * while do-not-disturb is on; and what the person does on the page, in the terminal view, in the
 * tray menu and on a notification reaches the site as the indicator's status messages, read back
 * through the site's REST API. The icon's colour is checked in screenshots; the menu's words in
 * the messages the indicator sends the tray helper (SITREP_INDICATOR_TRAY_TRACE). Screenshots of
 * the tray land in test-artifacts/indicator/.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { CAN_RUN_DESKTOP, IN_CI, startDesktopSession } from '../../indicator/test/helpers/desktop-session.ts'
import type { DesktopSession } from '../../indicator/test/helpers/desktop-session.ts'
import type { CliIo } from '../src/cli-io.ts'
import { runCli } from '../src/run-cli.ts'
import { startAgentProcess, waitUntil } from './agent-process.ts'
import type { TestDeploymentType } from './agent-site.ts'
import { INSTALLER_SCRIPT, startAgentTestSite } from './agent-site.ts'

const hasTmux = spawnSync('tmux', ['-V']).status === 0
const suite = (CAN_RUN_DESKTOP && hasTmux) || IN_CI ? describe : describe.skip
const HERE = path.dirname(fileURLToPath(import.meta.url))
const ARTIFACTS = path.resolve(HERE, '../../../test-artifacts/indicator')
const SITREP = path.resolve(HERE, '../bin/sitrep.js')
// The agent knows the caller from its peer credentials; the tests run as this user.
const USER = process.env.USER ?? 'root'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** The tray menu's visible titles, from the messages the indicator sent the tray helper. */
async function trayMenu(traceFile: string): Promise<string[]> {
  const text = await readFile(traceFile, 'utf8').catch(() => '')
  const items = new Map<number, { title: string; hidden: boolean }>()
  for (const line of text.split('\n').filter(Boolean)) {
    const message = JSON.parse(line) as {
      items?: { __id: number; title: string; hidden: boolean }[]
      menu?: { items: { __id: number; title: string; hidden: boolean }[] }
      item?: { __id: number; title: string; hidden: boolean }
    }
    for (const item of message.items ?? message.menu?.items ?? []) items.set(item.__id, item)
    if (message.item !== undefined) items.set(message.item.__id, message.item)
  }
  return [...items.entries()]
    .sort(([a], [b]) => a - b)
    .filter(([, item]) => !item.hidden)
    .map(([, item]) => item.title)
}

/** Opens the tray menu (the icon sits in trayer's panel, top right), screenshots it, closes it. */
async function menuShot(session: DesktopSession, name: string): Promise<void> {
  session.run('xdotool', ['mousemove', '788', '16', 'click', '1'])
  await sleep(700)
  await session.screenshot(path.join(ARTIFACTS, `${name}.png`), '420x300+380+0')
  session.run('xdotool', ['key', 'Escape'])
  await sleep(300)
}

/** Chooses a tray menu item by keyboard, counting up from the end ("Hide this icon" is last). */
async function chooseFromTray(session: DesktopSession, upFromEnd: number): Promise<void> {
  session.run('xdotool', ['mousemove', '788', '16', 'click', '1'])
  await sleep(700)
  session.run('xdotool', ['key', ...Array.from({ length: upFromEnd }, () => 'Up'), 'Return'])
}

/** Pixels of one colour in the tray panel (the top-right 120×32 of the 800×320 screen). */
const TONE = { free: '#2E7D32', busy: '#1565C0', restart: '#EF6C00' } as const

/** Waits until the tray icon is drawn in `tone`'s colour. */
function iconIs(session: DesktopSession, tone: keyof typeof TONE): Promise<void> {
  return waitUntil(
    `the ${tone} tray icon`,
    async () => (await session.countPixels(TONE[tone], '120x32+680+0')) > 50,
    60_000,
  )
}

interface SiteMessage {
  readonly insertionStrings: readonly string[]
}

suite('sitrep indicator with a real site and the real agent process', () => {
  it('follows the agent in the tray, notifies (not under do-not-disturb), and each surface’s actions reach the site', async () => {
    await mkdir(ARTIFACTS, { recursive: true })
    const site = await startAgentTestSite()
    cleanups.push(() => site.stop())
    const dir = await mkdtemp(path.join(tmpdir(), 'sitrep-indicator-e2e-'))
    cleanups.push(() => rm(dir, { recursive: true, force: true, maxRetries: 10 }))
    const installer = (name: string, sleepMs: number, exitCode = 0): TestDeploymentType => ({
      install: [
        process.execPath,
        'install.mjs',
        path.join(dir, `${name}.installed`),
        name,
        String(sleepMs),
        String(exitCode),
      ],
      detectionPath: path.join(dir, `${name}.installed`),
      content: [{ path: 'install.mjs', bytes: INSTALLER_SCRIPT }],
    })
    await site.deploy({
      deploymentId: 'PS130001',
      name: 'Editor',
      intent: 'available',
      type: installer('editor', 3000),
    })
    await site.deploy({
      deploymentId: 'PS130002',
      name: 'Viewer',
      intent: 'available',
      type: installer('viewer', 3000),
    })
    const socket = path.join(dir, 'agent.sock')
    // Real minutes, so deadlines and estimates read as on a machine; policy is polled often.
    const agent = await startAgentProcess({
      stateDir: path.join(dir, 'state'),
      socket,
      mpUrl: site.site.url,
      env: { SITREP_AGENT_MINUTE_MS: '60000' },
    })
    cleanups.push(() => agent.stop('SIGKILL'))

    /** The indicator's messages of `messageId` stored at the site, through its REST API. */
    const atSite = async (messageId: number): Promise<SiteMessage[]> => {
      const query = new URLSearchParams({
        module: 'Sitrep Agent',
        messageId: String(messageId),
        limit: '100',
      })
      const response = await fetch(`${site.site.url}/api/v1/messages?${query}`, {
        headers: { authorization: `Bearer ${site.site.adminToken}` },
      })
      expect(response.status).toBe(200)
      return ((await response.json()) as { messages: SiteMessage[] }).messages
    }
    const arrives = (what: string, messageId: number, check: (m: SiteMessage) => boolean) =>
      waitUntil(
        `${what} at the site (message ${messageId})`,
        async () => (await atSite(messageId)).some(check),
        60_000,
        () => agent.stderr().slice(-3000),
      )

    const session = await startDesktopSession()
    cleanups.push(() => session.close())
    await session.startTrayHost()
    await session.startNotificationServer()
    const monitor = await session.monitorNotifications()
    const traceFile = path.join(dir, 'tray-trace.jsonl')

    // The terminal view, in tmux, beside the desktop indicator.
    const tmux = `sitrep-indicator-e2e-${process.pid}`
    execFileSync('tmux', [
      'new-session',
      '-d',
      '-s',
      tmux,
      '-x',
      '110',
      '-y',
      '50',
      ...['env', 'LANG=en_GB.UTF-8', 'TZ=UTC', `USER=${USER}`, process.execPath, SITREP],
      ...['indicator', '--tui', '--socket', socket],
    ])
    cleanups.push(() => {
      spawnSync('tmux', ['kill-session', '-t', tmux])
    })
    const screen = (): string =>
      execFileSync('tmux', ['capture-pane', '-p', '-t', tmux], { encoding: 'utf8' })
    const keys = (...k: string[]): void => {
      execFileSync('tmux', ['send-keys', '-t', tmux, ...k])
    }
    const shows = (what: string | RegExp) =>
      waitUntil(
        `the terminal to show ${String(what)}`,
        () => (typeof what === 'string' ? screen().includes(what) : what.test(screen())),
        90_000,
        screen,
      )

    let out = ''
    let err = ''
    let stop = (): void => undefined
    const stopped = new Promise<void>((resolve) => (stop = resolve))
    const io: CliIo = {
      stdout: (text) => (out += text),
      stderr: (text) => (err += text),
      env: {
        ...session.env,
        LANG: 'en_GB.UTF-8',
        USER,
        TZ: 'UTC',
        SITREP_INDICATOR_TRAY_TRACE: traceFile,
      },
      untilShutdown: () => stopped,
      homeDir: dir,
      clock: Date.now,
    }
    const done = runCli(['indicator', '--socket', socket], io)
    cleanups.push(() => stop())
    await waitUntil(
      'the indicator to start',
      () => out.includes('sitrep indicator running:'),
      60_000,
      () => err,
    )
    expect(out).toMatch(/^sitrep indicator running: tray icon shown, notifications through dunst /m)
    let menu: string[] = []
    const menuShows = (what: string | RegExp) =>
      waitUntil(
        `the tray menu to show ${String(what)}`,
        async () => {
          menu = await trayMenu(traceFile)
          return menu.some((title) => (typeof what === 'string' ? title === what : what.test(title)))
        },
        120_000,
        () => `menu: ${JSON.stringify(menu)}\nstderr: ${err}`,
      )

    await menuShows('Nothing is installing. Your installs start right away.')
    await iconIs(session, 'free')
    await menuShot(session, 'indicator-tray-free')

    // The page, as the browser uses it: the token for a cookie, then JSON actions.
    const pageUrl = /the page is at (\S+)/.exec(out)?.[1] ?? ''
    const first = await fetch(pageUrl, { redirect: 'manual' })
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const base = new URL(pageUrl).origin
    const page = async (route: string, body: unknown): Promise<string> => {
      const response = await fetch(`${base}${route}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      const reply = (await response.json()) as { text: string }
      expect(response.status, reply.text).toBe(200)
      return reply.text
    }
    const pageView = async (): Promise<{
      recent: { text: string }[]
      yourRequests: { jobId: string; applicationName: string }[]
    }> => (await fetch(`${base}/api/view`, { headers: { cookie } })).json() as never

    // Do-not-disturb on: the person's request starts and finishes, and nothing is shown.
    session.run('dunstctl', ['set-paused', 'true'])
    const before = monitor.calls().length
    expect(await page('/api/install', { deploymentId: 'PS130001' })).toMatch(/^Requested\. Editor is next/)
    await arrives(
      'the request from the page',
      42201,
      (m) => m.insertionStrings.slice(0, 3).join() === 'Editor,PS130001,page',
    )
    await waitUntil(
      'Editor to be installed',
      async () => (await pageView()).recent.some((r) => r.text.endsWith('Editor was installed.')),
      120_000,
    )
    await sleep(1000)
    expect(monitor.calls().slice(before)).toEqual([])
    // Do-not-disturb off: what waited goes out, the latest per topic only.
    session.run('dunstctl', ['set-paused', 'false'])
    await waitUntil(
      'the held notification once do-not-disturb ends',
      () => monitor.calls().length > before,
      30_000,
    )
    expect(monitor.calls().slice(before)).toEqual([
      { summary: 'Editor is installed', body: 'It is ready to use.' },
    ])

    // Three required installs, the last one asking for a restart (exit 194 is 3010 on POSIX).
    const grace = { restartGraceMinutes: 120 }
    await site.deploy({
      deploymentId: 'PS130011',
      name: 'Browser',
      intent: 'required',
      type: installer('browser', 12000),
    })
    await site.deploy({
      deploymentId: 'PS130012',
      name: 'Office Suite',
      intent: 'required',
      type: installer('office', 12000),
    })
    await site.deploy({
      deploymentId: 'PS130013',
      name: 'Kernel Update',
      intent: 'required',
      type: installer('kernel', 12000, 194),
      settings: grace,
    })
    await menuShows(/^Installing (Browser|Office Suite|Kernel Update) \(\d of 3\)$/)
    await iconIs(session, 'busy')
    await menuShot(session, 'indicator-tray-installing')

    // While the agent is busy: ask for Viewer on the page and withdraw it there …
    expect(await page('/api/install', { deploymentId: 'PS130002' })).toMatch(/^Requested\. Viewer is/)
    // The page's view follows the agent's stream, a moment after the reply.
    const viewerRequest = async () =>
      (await pageView()).yourRequests.find((q) => q.applicationName === 'Viewer')
    await waitUntil('the request in the page’s view', async () => (await viewerRequest()) !== undefined)
    const request = await viewerRequest()
    expect(await page('/api/cancel', { jobId: request?.jobId })).toBe('The request for Viewer was cancelled.')
    await arrives(
      'the withdrawal from the page',
      42204,
      (m) => m.insertionStrings.join() === `Viewer,${request?.jobId},page`,
    )

    // … and in the terminal view.
    // (the test site's applications carry no version)
    await shows(/ Viewer +— Available/)
    keys('Down')
    await shows('› Viewer')
    keys('i')
    await shows(/ Viewer +— Requested/)
    keys('c')
    await shows('The request for Viewer was cancelled.')
    await arrives(
      'the request from the terminal view',
      42201,
      (m) => m.insertionStrings.slice(0, 3).join() === 'Viewer,PS130002,terminal',
    )
    await arrives('the withdrawal from the terminal view', 42204, (m) => m.insertionStrings[2] === 'terminal')
    // A deadline after midnight reads with its day ("Tue 0:21"), so the clock time is matched loosely.
    await menuShows(/^Restart required by (?:\w+ )?\d{1,2}:\d\d$/)
    await waitUntil('the restart notification', () =>
      monitor.calls().some((call) => call.summary.startsWith('Restart required by')),
    )
    // Dismissed at once, before the server's 10 s expiry: reported from the notification.
    session.run('dunstctl', ['close-all'])
    const restartNote = monitor.calls().find((call) => call.summary.startsWith('Restart required by'))
    expect(restartNote?.summary).toMatch(/^Restart required by (?:\w+ )?\d{1,2}:\d\d$/)
    expect(restartNote?.body).toMatch(
      /^Needed for Kernel Update\. This computer restarts at (?:\w+ )?\d{1,2}:\d\d \(in about .+\)\.$/,
    )
    await arrives(
      'the dismissal of the restart notification',
      42205,
      (m) =>
        m.insertionStrings[1] === 'notification' &&
        (m.insertionStrings[0] ?? '').startsWith('Restart required by'),
    )

    await iconIs(session, 'restart')
    await menuShot(session, 'indicator-tray-restart')

    // Put it off from the terminal view and from the tray ("Remind me in …" is third from the end).
    await shows('[1] Remind me in 15 minutes')
    keys('1')
    await arrives(
      'the snooze from the terminal view',
      42202,
      (m) => m.insertionStrings.slice(0, 2).join() === '15,terminal',
    )
    await chooseFromTray(session, 3)
    await arrives(
      'the snooze from the tray',
      42202,
      (m) => m.insertionStrings.slice(0, 2).join() === '15,tray',
    )

    // "Restart now" from the tray (second from the end): accepted, and the menu is free again.
    await chooseFromTray(session, 2)
    await arrives(
      'the restart accepted from the tray',
      42203,
      (m) => m.insertionStrings.join() === 'restart,tray',
    )
    await menuShows('Nothing is installing. Your installs start right away.')
    await iconIs(session, 'free')
    await menuShot(session, 'indicator-tray-free-again')

    keys('q')
    stop()
    expect(await done).toBe(0)
    expect(err).toBe('')
  }, 600_000)
})
