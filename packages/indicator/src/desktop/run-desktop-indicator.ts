/**
 * The indicator on a desktop: one session with the agent, its view on the tray icon and in
 * desktop notifications, and what the person does there carried out through the agent and
 * reported to the site. A surface the desktop cannot show is named with its reason and left
 * out; the others carry on.
 */
import { spawn } from 'node:child_process'
import type { AgentActivity } from '@sitrep/protocol'
import { createAgentClient } from '../client/agent-client.ts'
import { createFormats } from '../presenter/formats.ts'
import type { IndicatorView } from '../presenter/indicator-view.ts'
import type { IndicatorLocale } from '../presenter/locale.ts'
import { textsFor, trackOwnJobs } from '../presenter/present-indicator.ts'
import { startIndicatorSession } from '../session/indicator-session.ts'
import { createUserActions } from '../session/user-actions.ts'
import type { DesktopAction, DesktopStatus } from './desktop-surfaces.ts'
import { startDesktopSurfaces } from './desktop-surfaces.ts'

/** Options of {@link runDesktopIndicator}. */
export interface DesktopIndicatorOptions {
  readonly socketPath: string
  readonly locale: IndicatorLocale
  readonly userName: string | null
  readonly clock: () => number
  readonly env: NodeJS.ProcessEnv
  /** Owned by the user, e.g. `$XDG_RUNTIME_DIR/sitrep-indicator`. */
  readonly runtimeDir: string
  /** The local page's address when it runs; the menu offers it then. */
  readonly pageUrl: string | null
  /** One line for people (stderr or the journal). */
  readonly log: (line: string) => void
  /** Resolves when the indicator should stop. */
  readonly until: Promise<void>
  /** Called once the surfaces are up, with what runs and what does not. */
  readonly onStarted?: (status: DesktopStatus) => void
  /** Opens the page in the person's browser; default `xdg-open` (`open` on macOS). */
  readonly openUrl?: (url: string) => void
  readonly trayRetryMs?: number
}

function defaultOpenUrl(url: string): void {
  const opener =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open'
  const child = spawn(opener, [url], { detached: true, stdio: 'ignore' })
  child.on('error', () => {})
  child.unref()
}

/** Runs the desktop indicator until `until` resolves. */
export async function runDesktopIndicator(options: DesktopIndicatorOptions): Promise<DesktopStatus> {
  const client = createAgentClient(options.socketPath)
  const fromTray = createUserActions(client, 'tray', options.clock)
  const fromNotification = createUserActions(client, 'notification', options.clock)
  const formats = createFormats(options.locale, textsFor(options.locale))
  let view: IndicatorView | null = null
  let own: ReadonlySet<string> = new Set()
  const openUrl = options.openUrl ?? defaultOpenUrl

  const act = async (action: DesktopAction): Promise<void> => {
    const restart = view?.restart ?? null
    switch (action.kind) {
      case 'open_page':
        if (options.pageUrl !== null) openUrl(options.pageUrl)
        return
      case 'snooze':
        await fromTray.snooze(action.minutes, restart?.deadline ?? null)
        return
      case 'act_now':
        if (restart !== null)
          await (action.from === 'notification' ? fromNotification : fromTray).restartNow(restart.kind)
        return
      case 'hide':
        await desktop.hideTray()
        options.log('the tray icon is hidden until the indicator starts again; notifications continue')
        return
      case 'notification_dismissed':
        await fromNotification.notificationDismissed(action.summary)
        return
    }
  }

  const desktop = await startDesktopSurfaces({
    env: options.env,
    runtimeDir: options.runtimeDir,
    pageOffered: options.pageUrl !== null,
    log: options.log,
    onAction: (action) => {
      act(action).catch((error: unknown) => {
        options.log(`${action.kind.replace('_', ' ')} did not go through: ${(error as Error).message}`)
      })
    },
    ...(options.trayRetryMs === undefined ? {} : { trayRetryMs: options.trayRetryMs }),
  })

  // Views arrive in order; each update waits for the one before so notifications keep their order.
  let queue = Promise.resolve()
  const session = startIndicatorSession({
    socketPath: options.socketPath,
    locale: options.locale,
    userName: options.userName,
    clock: options.clock,
    onView(next, connection) {
      view = next
      const activity: AgentActivity | null = connection.state === 'connected' ? connection.activity : null
      if (activity !== null) own = trackOwnJobs(own, activity, options.userName)
      const ownNow = own
      queue = queue
        .then(() => desktop.update(next, activity, ownNow, formats, options.clock()))
        .catch((error: unknown) =>
          options.log(`the desktop could not be updated: ${(error as Error).message}`),
        )
    },
  })
  await queue
  const status = desktop.status()
  if (!status.tray.shown && !status.notifications.on && options.pageUrl === null) {
    options.log(
      'nothing of the indicator can show on this desktop; run `sitrep indicator --tui` in a terminal instead',
    )
  }
  options.onStarted?.(status)
  await options.until
  session.close()
  await queue
  await desktop.close()
  return status
}
