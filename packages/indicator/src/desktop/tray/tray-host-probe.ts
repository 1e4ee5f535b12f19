/**
 * Is there a tray to put an icon in? On Linux an icon shows when a StatusNotifierItem host
 * watches the session bus (KDE, most panels, GNOME with the AppIndicator extension) or an
 * XEmbed system tray owns the X selection `_NET_SYSTEM_TRAY_S<screen>` (trayer, stalonetray,
 * xfce4-panel, …). Stock GNOME has neither, and then the indicator says so and relies on the
 * status page and notifications.
 */
import { x11 } from './x11-client.ts'
import type { ClientInterface, MessageBus } from 'dbus-next'

interface BusDaemon extends ClientInterface {
  NameHasOwner(name: string): Promise<boolean>
}

/** What the probe found. */
export type TrayHostProbe =
  | { readonly present: true; readonly kind: 'status-notifier' | 'xembed' }
  | { readonly present: false; readonly reason: string }

/** Whether a StatusNotifierItem watcher owns its name on the session bus. */
export async function hasStatusNotifierWatcher(bus: MessageBus | null): Promise<boolean> {
  if (bus === null) return false
  try {
    const proxy = await bus.getProxyObject('org.freedesktop.DBus', '/org/freedesktop/DBus')
    const daemon = proxy.getInterface<BusDaemon>('org.freedesktop.DBus')
    return await daemon.NameHasOwner('org.kde.StatusNotifierWatcher')
  } catch {
    return false
  }
}

/** The XEmbed system tray's selection on screen 0. */
const TRAY_SELECTION = '_NET_SYSTEM_TRAY_S0'

/** Whether some window owns the XEmbed tray selection of the default screen; `null` when X is unreachable. */
export function hasXEmbedTray(display: string, timeoutMs = 5000): Promise<boolean | null> {
  return new Promise((resolve) => {
    let settled = false
    const done = (value: boolean | null, client?: { terminate(): void }): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      try {
        client?.terminate()
      } catch {
        // The connection is already gone.
      }
      resolve(value)
    }
    const timer = setTimeout(() => done(null), timeoutMs)
    const connection = x11.createClient({ display }, (error, connected) => {
      if (error) return done(null)
      const client = connected.client
      client.on('error', () => done(null, client))
      // The x11 package caches interned atoms in one table shared by every connection of the
      // process; an atom from another X server (an earlier display) would be wrong here.
      delete client.atoms[TRAY_SELECTION]
      client.InternAtom(false, TRAY_SELECTION, (atomError, atom) => {
        if (atomError) return done(null, client)
        client.GetSelectionOwner(atom, (ownerError, owner) => {
          done(ownerError ? null : owner !== 0, client)
        })
      })
    })
    connection.on('error', () => done(null))
  })
}

/** Looks for a tray host the way the platform offers one. */
export async function probeTrayHost(
  env: NodeJS.ProcessEnv,
  bus: MessageBus | null,
  platform: NodeJS.Platform = process.platform,
): Promise<TrayHostProbe> {
  // macOS and Windows always have a menu bar or a notification area.
  if (platform === 'darwin' || platform === 'win32') return { present: true, kind: 'status-notifier' }
  if (await hasStatusNotifierWatcher(bus)) return { present: true, kind: 'status-notifier' }
  if ((env.DISPLAY ?? '') === '') {
    return {
      present: false,
      reason:
        'there is no graphical session here (DISPLAY is not set) and no StatusNotifierItem host on the session bus',
    }
  }
  const xembed = await hasXEmbedTray(env.DISPLAY ?? '')
  if (xembed === true) return { present: true, kind: 'xembed' }
  if (xembed === null) return { present: false, reason: `the X display ${env.DISPLAY} cannot be reached` }
  return {
    present: false,
    reason: `no tray host runs on display ${env.DISPLAY} (stock GNOME shows no tray icons; the AppIndicator extension adds them)`,
  }
}
