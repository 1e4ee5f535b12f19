/**
 * Desktop notifications over the session bus (the freedesktop.org Desktop Notifications
 * interface, which GNOME, KDE, dunst, mako and others serve). Sends, replaces and closes
 * notifications, and tells which of them the person dismissed or clicked.
 */
import dbus from 'dbus-next'
import type { ClientInterface, MessageBus } from 'dbus-next'

/** The methods of the notification server this module calls. */
interface NotificationServer extends ClientInterface {
  Notify(
    appName: string,
    replacesId: number,
    icon: string,
    summary: string,
    body: string,
    actions: string[],
    hints: Record<string, InstanceType<typeof dbus.Variant>>,
    expireMs: number,
  ): Promise<number>
  CloseNotification(id: number): Promise<void>
  GetServerInformation(): Promise<[string, string, string, string]>
}

const NAME = 'org.freedesktop.Notifications'
const OBJECT = '/org/freedesktop/Notifications'

/** freedesktop urgency levels. */
export const URGENCY = { low: 0, normal: 1, critical: 2 } as const
export type Urgency = keyof typeof URGENCY

/** One notification to show. */
export interface DesktopNotification {
  readonly summary: string
  readonly body: string
  readonly urgency: Urgency
  /** Action key → button label, e.g. `{ default: 'Open', snooze: 'Snooze 1 hour' }`. */
  readonly actions?: Readonly<Record<string, string>>
  /** Replaces an earlier notification of the same topic instead of stacking a new one. */
  readonly replaces?: number
  /** Milliseconds, or 0 to stay until dismissed; default the server's choice. */
  readonly expireMs?: number
}

/** How a notification ended, from the `NotificationClosed` reason codes. */
export type CloseReason = 'expired' | 'dismissed' | 'closed_by_call' | 'undefined'

const CLOSE_REASONS: Record<number, CloseReason> = {
  1: 'expired',
  2: 'dismissed',
  3: 'closed_by_call',
  4: 'undefined',
}

/** Events from the notification server. */
export interface NotificationEvents {
  onClosed?(id: number, reason: CloseReason): void
  onAction?(id: number, action: string): void
}

/** A connection to the notification server. */
export interface NotificationBus {
  notify(notification: DesktopNotification): Promise<number>
  close(id: number): Promise<void>
  /** The server's name and version, e.g. `dunst 1.9.0`. */
  serverName(): Promise<string>
  disconnect(): void
}

/** The session bus, or a clear reason why there is none. */
export function connectSessionBus(env: NodeJS.ProcessEnv = process.env): MessageBus {
  const address = env.DBUS_SESSION_BUS_ADDRESS ?? ''
  if (address !== '') return dbus.sessionBus({ busAddress: address })
  const runtimeDir = env.XDG_RUNTIME_DIR ?? ''
  if (runtimeDir === '') {
    throw new Error('there is no session bus (DBUS_SESSION_BUS_ADDRESS and XDG_RUNTIME_DIR are unset)')
  }
  // systemd user sessions put the bus at a fixed place and may not export the variable.
  return dbus.sessionBus({ busAddress: `unix:path=${runtimeDir}/bus` })
}

/** Connects to the notification server on `bus`; throws when none serves the interface. */
export async function openNotificationBus(
  bus: MessageBus,
  events: NotificationEvents = {},
): Promise<NotificationBus> {
  let server: NotificationServer
  try {
    const proxy = await bus.getProxyObject(NAME, OBJECT)
    server = proxy.getInterface<NotificationServer>(NAME)
  } catch (error) {
    throw new Error(
      `no notification server answers on the session bus (${(error as Error).message}); start one (e.g. dunst) or read the status page`,
      { cause: error },
    )
  }
  const onClosed = (id: number, reason: number): void =>
    events.onClosed?.(id, CLOSE_REASONS[reason] ?? 'undefined')
  const onAction = (id: number, action: string): void => events.onAction?.(id, action)
  server.on('NotificationClosed', onClosed)
  server.on('ActionInvoked', onAction)
  return {
    async notify(notification) {
      const actions = Object.entries(notification.actions ?? {}).flat()
      const hints = {
        urgency: new dbus.Variant('y', URGENCY[notification.urgency]),
        'desktop-entry': new dbus.Variant('s', 'sitrep-indicator'),
        category: new dbus.Variant('s', 'device'),
      }
      const id = await server.Notify(
        'Sitrep',
        notification.replaces ?? 0,
        '',
        notification.summary,
        notification.body,
        actions,
        hints,
        notification.expireMs ?? -1,
      )
      return id
    },
    async close(id) {
      await server.CloseNotification(id)
    },
    async serverName() {
      const [name, vendor, version] = await server.GetServerInformation()
      return `${name} ${version}${vendor === '' ? '' : ` (${vendor})`}`
    },
    disconnect() {
      server.off('NotificationClosed', onClosed)
      server.off('ActionInvoked', onAction)
    },
  }
}
