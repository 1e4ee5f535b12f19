import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { probeTrayHost } from '../src/desktop/tray/tray-host-probe.ts'
import { TrayUnavailable, startTrayHost } from '../src/desktop/tray/tray-host.ts'
import type { TrayHost } from '../src/desktop/tray/tray-host.ts'
import type { TrayAction, TrayView } from '../src/desktop/tray/tray-menu.ts'
import { CAN_RUN_DESKTOP, IN_CI, startDesktopSession } from './helpers/desktop-session.ts'
import type { DesktopSession } from './helpers/desktop-session.ts'

const suite = CAN_RUN_DESKTOP || IN_CI ? describe : describe.skip

const busy: TrayView = {
  tone: 'busy',
  tooltip: 'Installing Firefox (1 of 3)',
  lines: ['Installing Firefox (1 of 3)', 'About 4 minutes left'],
  actions: { openPage: 'Open status page', quit: 'Quit' },
}
const free: TrayView = {
  tone: 'free',
  tooltip: 'Nothing is installing',
  lines: ['Nothing is installing.'],
  actions: { openPage: 'Open status page' },
}

/** Pixels of one colour in the tray panel (the top-right 120×32 of the 800×320 screen). */
function panelPixels(session: DesktopSession, hex: string): Promise<number> {
  return session.countPixels(hex, '120x32+680+0')
}

async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + 10_000
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

suite('tray icon in a real tray host (trayer on Xvfb)', () => {
  let session: DesktopSession | undefined
  let tray: TrayHost | undefined

  afterEach(async () => {
    await tray?.close()
    tray = undefined
    await session?.close()
    session = undefined
  })

  it('says plainly that there is no tray host when none runs', async () => {
    session = await startDesktopSession()
    const probe = await probeTrayHost(session.env, null)
    expect(probe.present).toBe(false)
    expect(probe.present ? '' : probe.reason).toContain('no tray host runs on display')
  })

  it('finds the tray host once one runs', async () => {
    session = await startDesktopSession()
    await session.startTrayHost()
    // trayer maps its panel a moment before it takes the tray selection.
    let probe = await probeTrayHost(session.env, null)
    for (let tries = 0; !probe.present && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      probe = await probeTrayHost(session.env, null)
    }
    expect(probe).toEqual({ present: true, kind: 'xembed' })
  })

  it('shows the icon of the state and changes it when the state changes', async () => {
    session = await startDesktopSession()
    await session.startTrayHost()
    tray = await startTrayHost({
      runtimeDir: path.join(session.dir, 'tray'),
      env: session.env,
      view: busy,
      onAction: () => {},
    })
    const s = session
    await eventually(async () => (await panelPixels(s, '#1565C0')) > 50, 'the blue busy icon in the panel')
    tray.show(free)
    await eventually(
      async () => (await panelPixels(s, '#2E7D32')) > 50 && (await panelPixels(s, '#1565C0')) === 0,
      'the green free icon',
    )
  })

  it('hands a menu choice to the indicator as its action', async () => {
    session = await startDesktopSession()
    await session.startTrayHost()
    const actions: TrayAction[] = []
    tray = await startTrayHost({
      runtimeDir: path.join(session.dir, 'tray'),
      env: session.env,
      view: busy,
      onAction: (action) => actions.push(action),
    })
    const s = session
    await eventually(async () => (await panelPixels(s, '#1565C0')) > 50, 'the icon')
    // Click the icon (the panel's right end), then choose the last item by keyboard.
    s.run('xdotool', ['mousemove', '788', '16', 'click', '1'])
    await new Promise((resolve) => setTimeout(resolve, 500))
    s.run('xdotool', ['key', 'Up', 'Return'])
    await eventually(() => actions.length > 0, 'the click to come back')
    expect(actions).toEqual(['quit'])
  })

  it('refuses with the loader’s reason when the AppIndicator library cannot load, instead of waiting for ever', async () => {
    session = await startDesktopSession()
    await session.startTrayHost()
    const broken = path.join(session.dir, 'broken-lib')
    await mkdir(broken)
    await writeFile(path.join(broken, 'libappindicator3.so.1'), 'not a library')
    const attempt = startTrayHost({
      runtimeDir: path.join(session.dir, 'tray'),
      env: { ...session.env, LD_LIBRARY_PATH: broken },
      view: busy,
      onAction: () => {},
    })
    await expect(attempt).rejects.toThrow(TrayUnavailable)
    await expect(attempt).rejects.toThrow(/stopped before it was ready .*libappindicator3\.so\.1/)
  })
})
