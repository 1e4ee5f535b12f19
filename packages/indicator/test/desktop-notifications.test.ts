import { afterEach, describe, expect, it } from 'vitest'
import dbus from 'dbus-next'
import type { MessageBus } from 'dbus-next'
import { openNotificationBus } from '../src/desktop/notifications/notification-bus.ts'
import type { CloseReason } from '../src/desktop/notifications/notification-bus.ts'
import { readDoNotDisturb } from '../src/desktop/notifications/do-not-disturb.ts'
import { CAN_RUN_DESKTOP, IN_CI, startDesktopSession } from './helpers/desktop-session.ts'
import type { DesktopSession } from './helpers/desktop-session.ts'

const suite = CAN_RUN_DESKTOP || IN_CI ? describe : describe.skip

async function waitUntil(check: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 10_000
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

suite('desktop notifications through a real notification server (dunst)', () => {
  let session: DesktopSession | undefined
  let bus: MessageBus | undefined

  afterEach(async () => {
    bus?.disconnect()
    bus = undefined
    await session?.close()
    session = undefined
  })

  async function setUp(): Promise<{ session: DesktopSession; bus: MessageBus }> {
    session = await startDesktopSession()
    await session.startNotificationServer()
    bus = dbus.sessionBus({ busAddress: session.env.DBUS_SESSION_BUS_ADDRESS ?? '' })
    return { session, bus }
  }

  it('sends a notification the server receives with its summary and body', async () => {
    const { session, bus } = await setUp()
    const monitor = await session.monitorNotifications()
    const notifications = await openNotificationBus(bus)
    expect(await notifications.serverName()).toMatch(/^dunst /)
    const id = await notifications.notify({
      summary: 'Firefox is installed',
      body: 'You can start it now.',
      urgency: 'normal',
    })
    expect(id).toBeGreaterThan(0)
    await waitUntil(() => monitor.calls().length === 1, 'the Notify call on the bus')
    expect(monitor.calls()).toEqual([{ summary: 'Firefox is installed', body: 'You can start it now.' }])
    notifications.disconnect()
  })

  it('hears when the person dismisses a notification', async () => {
    const { session, bus } = await setUp()
    const closed: [number, CloseReason][] = []
    const notifications = await openNotificationBus(bus, {
      onClosed: (id, reason) => closed.push([id, reason]),
    })
    const id = await notifications.notify({
      summary: 'Restart required',
      body: 'by Kernel update',
      urgency: 'normal',
      expireMs: 0,
    })
    session.run('dunstctl', ['close'])
    await waitUntil(() => closed.length === 1, 'NotificationClosed')
    expect(closed).toEqual([[id, 'dismissed']])
    notifications.disconnect()
  })

  it('reads do-not-disturb from the paused notification server', async () => {
    const { session, bus } = await setUp()
    expect(await readDoNotDisturb(bus)).toEqual({ on: false })
    session.run('dunstctl', ['set-paused', 'true'])
    expect(await readDoNotDisturb(bus)).toEqual({ on: true, source: 'dunst is paused' })
    session.run('dunstctl', ['set-paused', 'false'])
    expect(await readDoNotDisturb(bus)).toEqual({ on: false })
  })
})
