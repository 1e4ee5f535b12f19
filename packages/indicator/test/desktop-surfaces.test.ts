import type { AgentActivity } from '@sitrep/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import { startDesktopSurfaces } from '../src/desktop/desktop-surfaces.ts'
import type { DesktopAction, DesktopSurfaces } from '../src/desktop/desktop-surfaces.ts'
import { createFormats } from '../src/presenter/formats.ts'
import type { IndicatorLocale } from '../src/presenter/locale.ts'
import { presentIndicator, textsFor, trackOwnJobs } from '../src/presenter/present-indicator.ts'
import {
  finishedJob,
  freeActivity,
  pendingRestart,
  queuedJob,
  runningJob,
} from './helpers/activity-fixtures.ts'
import { CAN_RUN_DESKTOP, IN_CI, startDesktopSession } from './helpers/desktop-session.ts'
import type { DesktopSession } from './helpers/desktop-session.ts'

const suite = CAN_RUN_DESKTOP || IN_CI ? describe : describe.skip
const EN: IndicatorLocale = { language: 'en', tag: 'en-GB', timeZone: 'UTC' }
const formats = createFormats(EN, textsFor(EN))
const MINUTE = 60_000
const T0 = Date.UTC(2026, 11, 7, 13, 0, 0)

async function eventually(check: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 15_000
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Feeds snapshots the way the indicator does: present, remember own jobs, update the desktop. */
function feeder(desktop: DesktopSurfaces): (activity: AgentActivity) => Promise<void> {
  let own: ReadonlySet<string> = new Set()
  return async (activity) => {
    own = trackOwnJobs(own, activity, 'ada')
    const view = presentIndicator(
      { state: 'connected', socketPath: '/run/sitrep/agent.sock', activity },
      { locale: EN, now: activity.generatedAt, userName: 'ada', ownJobIds: own },
    )
    await desktop.update(view, activity, own, formats, activity.generatedAt)
  }
}

const mine = queuedJob({
  jobId: 'job-gimp',
  applicationName: 'GIMP',
  requestedBy: 'user',
  userName: 'ada',
  position: 1,
})
const steps: AgentActivity[] = [
  freeActivity(T0),
  freeActivity(T0 + MINUTE, { state: 'waiting', queue: [mine] }),
  freeActivity(T0 + 2 * MINUTE, {
    state: 'busy',
    current: runningJob({ jobId: 'job-gimp', applicationName: 'GIMP', requestedBy: 'user' }),
  }),
  freeActivity(T0 + 3 * MINUTE, {
    recent: [
      finishedJob({ jobId: 'job-gimp', applicationName: 'GIMP', outcome: 'succeeded', requestedBy: 'user' }),
    ],
  }),
  freeActivity(T0 + 4 * MINUTE, {
    recent: [
      finishedJob({ jobId: 'job-gimp', applicationName: 'GIMP', outcome: 'succeeded', requestedBy: 'user' }),
    ],
    restart: pendingRestart({
      since: T0 + 4 * MINUTE,
      deadline: T0 + 240 * MINUTE,
      countdownFrom: T0 + 225 * MINUTE,
    }),
  }),
]

suite('desktop surfaces in a real session (dunst, trayer, Xvfb)', () => {
  let session: DesktopSession | undefined
  let desktop: DesktopSurfaces | undefined

  afterEach(async () => {
    await desktop?.close()
    desktop = undefined
    await session?.close()
    session = undefined
  })

  it('notifies the person of their own request starting and finishing and of the restart, in that order', async () => {
    session = await startDesktopSession()
    await session.startNotificationServer()
    await session.startTrayHost()
    const monitor = await session.monitorNotifications()
    const log: string[] = []
    desktop = await startDesktopSurfaces({
      env: session.env,
      runtimeDir: session.dir,
      pageOffered: true,
      onAction: () => {},
      log: (line) => log.push(line),
    })
    const feed = feeder(desktop)
    for (const step of steps) await feed(step)
    await eventually(() => monitor.calls().length >= 3, 'three notifications')
    const summaries = monitor.calls().map((call) => call.summary)
    expect(summaries.slice(0, 2)).toEqual(['Installing GIMP', 'GIMP is installed'])
    expect(summaries[2]).toMatch(/^Restart required by /)
    expect(summaries).toHaveLength(3)
    const notifications = desktop.status().notifications
    expect(notifications.on ? notifications.server : notifications.reason).toMatch(/^dunst /)
    expect(log).toEqual([])
  })

  it('holds notifications while do-not-disturb is on and sends the latest when it ends', async () => {
    session = await startDesktopSession()
    await session.startNotificationServer()
    const monitor = await session.monitorNotifications()
    desktop = await startDesktopSurfaces({
      env: session.env,
      runtimeDir: session.dir,
      pageOffered: true,
      onAction: () => {},
      log: () => {},
      tray: false,
    })
    const feed = feeder(desktop)
    session.run('dunstctl', ['set-paused', 'true'])
    for (const step of steps.slice(0, 4)) await feed(step)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(monitor.calls()).toEqual([])
    session.run('dunstctl', ['set-paused', 'false'])
    await eventually(() => monitor.calls().length >= 1, 'the held notification after do-not-disturb ends')
    expect(monitor.calls().map((call) => call.summary)).toEqual(['GIMP is installed'])
  })

  it('reports a dismissed notification as the person’s action', async () => {
    session = await startDesktopSession()
    await session.startNotificationServer()
    const actions: DesktopAction[] = []
    desktop = await startDesktopSurfaces({
      env: session.env,
      runtimeDir: session.dir,
      pageOffered: true,
      onAction: (a) => actions.push(a),
      log: () => {},
      tray: false,
    })
    const feed = feeder(desktop)
    await feed(freeActivity(T0))
    await feed(steps[4] ?? freeActivity(T0))
    const s = session
    await eventually(() => {
      s.run('dunstctl', ['close'])
      return actions.length > 0
    }, 'the dismissal')
    const dismissed = actions[0]
    expect(dismissed?.kind).toBe('notification_dismissed')
    expect(dismissed?.kind === 'notification_dismissed' ? dismissed.summary : '').toMatch(
      /^Restart required by /,
    )
  })

  it('says why there is no tray icon when no tray host runs, and shows one once a host appears', async () => {
    session = await startDesktopSession()
    const log: string[] = []
    desktop = await startDesktopSurfaces({
      env: session.env,
      runtimeDir: session.dir,
      pageOffered: true,
      onAction: () => {},
      log: (line) => log.push(line),
      trayRetryMs: 200,
    })
    await feeder(desktop)(freeActivity(T0))
    const tray = desktop.status().tray
    const reason = tray.shown ? '' : tray.reason
    expect(reason).toContain('no tray host runs on display')
    expect(log).toContain(`no tray icon: ${reason}`)
    expect(
      log.some((line) => line.startsWith('desktop notifications are off: no notification server answers')),
    ).toBe(true)
    await session.startTrayHost()
    const d = desktop
    await eventually(() => d.status().tray.shown, 'the tray icon once trayer runs')
  })
})
