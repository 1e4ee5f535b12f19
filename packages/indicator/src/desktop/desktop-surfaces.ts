/**
 * The desktop half of the indicator: the tray icon and desktop notifications, fed by the
 * presenter's view. Each surface starts if it can and otherwise says why in one line, so the
 * indicator falls back to the page and the terminal instead of failing. A tray host that
 * appears later (the panel starts after the indicator at login) is picked up by a re-probe.
 */
import path from 'node:path'
import type { AgentActivity } from '@sitrep/protocol'
import type { MessageBus } from 'dbus-next'
import type { Formats } from '../presenter/formats.ts'
import type { IndicatorView } from '../presenter/indicator-view.ts'
import { readDoNotDisturb } from './notifications/do-not-disturb.ts'
import { notificationFor } from './notifications/notification-content.ts'
import type { NotificationEvent } from './notifications/notification-events.ts'
import { gateNotifications, notificationEvents, topicOf } from './notifications/notification-events.ts'
import type { NotificationBus } from './notifications/notification-bus.ts'
import { connectSessionBus, openNotificationBus } from './notifications/notification-bus.ts'
import { probeTrayHost } from './tray/tray-host-probe.ts'
import type { TrayHost } from './tray/tray-host.ts'
import { startTrayHost } from './tray/tray-host.ts'
import type { TrayAction } from './tray/tray-menu.ts'
import { trayViewOf } from './tray/tray-view-of.ts'

/** What the person did on a desktop surface. */
export type DesktopAction =
  | { readonly kind: 'open_page' }
  | { readonly kind: 'snooze'; readonly minutes: number }
  | { readonly kind: 'act_now'; readonly from: 'tray' | 'notification' }
  | { readonly kind: 'hide' }
  | { readonly kind: 'notification_dismissed'; readonly summary: string }

/** Options of {@link startDesktopSurfaces}. */
export interface DesktopSurfacesOptions {
  readonly env: NodeJS.ProcessEnv
  /** Owned by the user; the tray helper's copy lives under it. */
  readonly runtimeDir: string
  /** Whether the local page runs (the menu offers it then). */
  readonly pageOffered: boolean
  readonly onAction: (action: DesktopAction) => void
  /** One line for people, e.g. why the tray is not shown. */
  readonly log: (line: string) => void
  /** Re-probe for a tray host this often while none is found; default 30 s, 0 to never. */
  readonly trayRetryMs?: number
  readonly tray?: boolean
  readonly notifications?: boolean
}

/** Which surfaces run, or why not. */
export interface DesktopStatus {
  readonly tray: { readonly shown: true } | { readonly shown: false; readonly reason: string }
  readonly notifications:
    { readonly on: true; readonly server: string } | { readonly on: false; readonly reason: string }
}

/** The running desktop surfaces. */
export interface DesktopSurfaces {
  /** Shows `view`; `activity` is the snapshot it was built from (null while the agent is away). */
  update(
    view: IndicatorView,
    activity: AgentActivity | null,
    ownJobIds: ReadonlySet<string>,
    formats: Formats,
    now: number,
  ): Promise<void>
  status(): DesktopStatus
  /** Removes the tray icon for the rest of this run (the person chose to hide it). */
  hideTray(): Promise<void>
  close(): Promise<void>
}

/** Starts what the session allows; never throws for a missing desktop piece. */
export async function startDesktopSurfaces(options: DesktopSurfacesOptions): Promise<DesktopSurfaces> {
  let bus: MessageBus | null = null
  let notifier: NotificationBus | null = null
  let notificationStatus: DesktopStatus['notifications'] = {
    on: false,
    reason: 'notifications are switched off',
  }
  let trayStatus: DesktopStatus['tray'] = { shown: false, reason: 'the tray icon is switched off' }
  let tray: TrayHost | null = null
  let lastView: IndicatorView | null = null
  let previousActivity: AgentActivity | null = null
  let held: NotificationEvent[] = []
  const idOfTopic = new Map<string, number>()
  const summaryOfId = new Map<number, string>()
  let retryTimer: NodeJS.Timeout | null = null
  let quietTimer: NodeJS.Timeout | null = null
  let lastFormats: Formats | null = null
  let closed = false
  let hidden = false

  try {
    bus = connectSessionBus(options.env)
  } catch (error) {
    notificationStatus = { on: false, reason: (error as Error).message }
  }

  if (bus !== null && options.notifications !== false) {
    try {
      notifier = await openNotificationBus(bus, {
        onClosed: (id, reason) => {
          const summary = summaryOfId.get(id)
          summaryOfId.delete(id)
          if (summary !== undefined && reason === 'dismissed')
            options.onAction({ kind: 'notification_dismissed', summary })
        },
        onAction: (id) => {
          if (summaryOfId.has(id)) options.onAction({ kind: 'act_now', from: 'notification' })
        },
      })
      notificationStatus = { on: true, server: await notifier.serverName() }
    } catch (error) {
      notifier = null
      notificationStatus = { on: false, reason: (error as Error).message }
    }
  }
  if (!notificationStatus.on) options.log(`desktop notifications are off: ${notificationStatus.reason}`)

  const onTrayAction = (action: TrayAction): void => {
    const restart = lastView?.restart ?? null
    switch (action) {
      case 'openPage':
        return options.onAction({ kind: 'open_page' })
      case 'snooze': {
        const option = restart?.snoozeOptions[0]
        if (option !== undefined) options.onAction({ kind: 'snooze', minutes: option.minutes })
        return
      }
      case 'restartNow':
        return options.onAction({ kind: 'act_now', from: 'tray' })
      case 'quit':
        return options.onAction({ kind: 'hide' })
    }
  }

  const tryTray = async (): Promise<void> => {
    if (closed || hidden || tray !== null || options.tray === false || lastView === null) return
    const probe = await probeTrayHost(options.env, bus)
    if (!probe.present) {
      if (trayStatus.shown || trayStatus.reason !== probe.reason) options.log(`no tray icon: ${probe.reason}`)
      trayStatus = { shown: false, reason: probe.reason }
      return
    }
    try {
      tray = await startTrayHost({
        runtimeDir: path.join(options.runtimeDir, 'tray'),
        env: options.env,
        view: trayViewOf(lastView, options.pageOffered),
        onAction: onTrayAction,
        onExit: (reason) => {
          tray = null
          trayStatus = { shown: false, reason }
          options.log(`the tray icon went away: ${reason}`)
        },
      })
      trayStatus = { shown: true }
    } catch (error) {
      trayStatus = { shown: false, reason: (error as Error).message }
      options.log(`no tray icon: ${trayStatus.reason}`)
    }
  }

  const retryMs = options.trayRetryMs ?? 30_000
  if (options.tray !== false && retryMs > 0) {
    retryTimer = setInterval(() => void tryTray(), retryMs)
    retryTimer.unref()
  }

  const send = async (
    events: readonly NotificationEvent[],
    view: IndicatorView,
    formats: Formats,
    now: number,
  ): Promise<void> => {
    if (notifier === null) return
    for (const event of events) {
      const content = notificationFor(event, view, formats, now)
      if (content === null) continue
      const topic = topicOf(event)
      const previous = idOfTopic.get(topic)
      try {
        const id = await notifier.notify(
          previous === undefined ? content : { ...content, replaces: previous },
        )
        idOfTopic.set(topic, id)
        summaryOfId.set(id, content.summary)
      } catch (error) {
        options.log(`a desktop notification could not be shown: ${(error as Error).message}`)
      }
    }
  }

  // What do-not-disturb held goes out when it ends, even if the agent has nothing new to say.
  quietTimer = setInterval(() => {
    if (held.length === 0 || lastView === null || lastFormats === null) return
    const view = lastView
    const formats = lastFormats
    void readDoNotDisturb(bus).then(async (quiet) => {
      if (quiet.on || held.length === 0) return
      const gate = gateNotifications(held, [], false)
      held = []
      await send(gate.send, view, formats, Date.now())
    })
  }, 5_000)
  quietTimer.unref()

  return {
    async update(view, activity, ownJobIds, formats, now) {
      lastView = view
      lastFormats = formats
      if (tray === null) await tryTray()
      tray?.show(trayViewOf(view, options.pageOffered))
      if (activity === null) return
      const events = notificationEvents(previousActivity, activity, ownJobIds, now)
      previousActivity = activity
      if (notifier === null) return
      const quiet =
        events.length > 0 || held.length > 0 ? await readDoNotDisturb(bus) : { on: false as const }
      const gate = gateNotifications(held, events, quiet.on)
      held = [...gate.held]
      await send(gate.send, view, formats, now)
    },
    status() {
      return { tray: trayStatus, notifications: notificationStatus }
    },
    async hideTray() {
      hidden = true
      if (retryTimer !== null) clearInterval(retryTimer)
      const closing = tray
      tray = null
      trayStatus = { shown: false, reason: 'the person hid the tray icon' }
      await closing?.close()
    },
    async close() {
      closed = true
      if (retryTimer !== null) clearInterval(retryTimer)
      if (quietTimer !== null) clearInterval(quietTimer)
      await tray?.close()
      notifier?.disconnect()
      bus?.disconnect()
    },
  }
}
