/**
 * Whether the person asked not to be disturbed. Linux has no single flag, so each desktop's is
 * read: GNOME's `show-banners` setting, dunst's paused state, and the `Inhibited` property that
 * KDE Plasma's notification server publishes. Any of them set means "hold what is not urgent".
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { ClientInterface, MessageBus } from 'dbus-next'

interface PropertiesInterface extends ClientInterface {
  Get(iface: string, property: string): Promise<{ value: unknown }>
}

const run = promisify(execFile)

/** Which source says do-not-disturb is on, or `null` when none does. */
export type DoNotDisturb = { readonly on: true; readonly source: string } | { readonly on: false }

async function readBusProperty(bus: MessageBus, iface: string, property: string): Promise<unknown> {
  const proxy = await bus.getProxyObject('org.freedesktop.Notifications', '/org/freedesktop/Notifications')
  const properties = proxy.getInterface<PropertiesInterface>('org.freedesktop.DBus.Properties')
  const variant = await properties.Get(iface, property)
  return variant.value
}

/** GNOME: `gsettings get org.gnome.desktop.notifications show-banners` prints `false` under do-not-disturb. */
async function gnomeBannersOff(): Promise<boolean> {
  try {
    const { stdout } = await run('gsettings', ['get', 'org.gnome.desktop.notifications', 'show-banners'], {
      timeout: 2000,
    })
    return stdout.trim() === 'false'
  } catch {
    return false // no gsettings or no GNOME schema: not GNOME
  }
}

/** Reads every source; the first that says "on" wins. */
export async function readDoNotDisturb(
  bus: MessageBus | null,
  platform: NodeJS.Platform = process.platform,
): Promise<DoNotDisturb> {
  if (platform !== 'linux') return { on: false }
  if (bus !== null) {
    try {
      if ((await readBusProperty(bus, 'org.dunstproject.cmd0', 'paused')) === true)
        return { on: true, source: 'dunst is paused' }
    } catch {
      // Not dunst.
    }
    try {
      if ((await readBusProperty(bus, 'org.freedesktop.Notifications', 'Inhibited')) === true)
        return { on: true, source: 'notifications are inhibited' }
    } catch {
      // The server has no Inhibited property.
    }
  }
  if (await gnomeBannersOff()) return { on: true, source: 'GNOME do-not-disturb' }
  return { on: false }
}
