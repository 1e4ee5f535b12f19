/**
 * The presenter: the agent's activity (or the lack of an agent) and the moment → the
 * {@link IndicatorView} every surface renders. Pure: time, locale and user come in as values.
 */
import type {
  AgentActivity,
  CurrentJob,
  FinishedJob,
  InstallRequestReply,
  PendingRestart,
  QueuedJob,
  WaitReason,
} from '@sitrep/protocol'
import { RESTART_DEFAULTS } from '@sitrep/protocol'
import type { Formats } from './formats.ts'
import { createFormats } from './formats.ts'
import type {
  AgentConnection,
  CatalogueItemView,
  CurrentView,
  IndicatorTone,
  IndicatorView,
  QueueItemView,
  RecentView,
  RestartView,
  TroubleView,
  WaitingView,
} from './indicator-view.ts'
import type { IndicatorLocale } from './locale.ts'
import type { IndicatorTexts } from './texts.ts'
import { TEXTS_DE } from './texts-de.ts'
import { TEXTS_EN } from './texts-en.ts'

const MINUTE_MS = 60_000
/** Failures older than this are history (the recent list), not trouble. */
export const TROUBLE_WINDOW_MS = 24 * 60 * MINUTE_MS
/** Snooze choices offered, when they fit before the snooze limit. */
export const SNOOZE_CHOICES_MINUTES = [15, 60, 240] as const
/** Re-present this often while no countdown runs, so "in about n minutes" stays true. */
export const REFRESH_MS = 15_000
/** Re-present this often during the restart countdown. */
export const COUNTDOWN_REFRESH_MS = 1_000

/** Options of {@link presentIndicator}. */
export interface PresentOptions {
  readonly locale: IndicatorLocale
  /** Epoch ms. */
  readonly now: number
  /** The session user (requests queued under this name are "yours"). */
  readonly userName: string | null
  /** Jobs known to be the user's (see {@link trackOwnJobs}); needed once a request runs. */
  readonly ownJobIds?: ReadonlySet<string>
}

/** The sentences of a language. */
export function textsFor(locale: IndicatorLocale): IndicatorTexts {
  return locale.language === 'de' ? TEXTS_DE : TEXTS_EN
}

interface Context {
  readonly t: IndicatorTexts
  readonly f: Formats
  readonly now: number
  readonly isOwn: (jobId: string, userName: string | null, requestedBy: string) => boolean
}

/**
 * The jobs that are the session user's: queued requests under the user's name, plus those
 * seen before that still run or just finished (the running job and the recent list do not
 * carry the user's name).
 */
export function trackOwnJobs(
  previous: ReadonlySet<string>,
  activity: AgentActivity,
  userName: string | null,
): ReadonlySet<string> {
  const alive = new Set<string>([
    ...activity.queue.map((q) => q.jobId),
    ...(activity.current === null ? [] : [activity.current.jobId]),
    ...activity.recent.map((r) => r.jobId),
  ])
  const own = new Set([...previous].filter((id) => alive.has(id)))
  for (const q of activity.queue) if (q.requestedBy === 'user' && q.userName === userName) own.add(q.jobId)
  return own
}

function presentCurrent(job: CurrentJob, c: Context): CurrentView {
  const { t, f, now } = c
  const title =
    job.total > 1
      ? t.jobTitleOf(job.action, job.applicationName, job.index, job.total)
      : t.jobTitle(job.action, job.applicationName)
  const percentText = job.percent === null ? null : t.percent(f.percent(job.percent))
  let timeLeftText: string | null = null
  if (job.estimatedEndAt !== null) {
    const left = job.estimatedEndAt - now
    timeLeftText =
      left <= 0 ? t.overrunning : left < MINUTE_MS ? t.lessThanAMinuteLeft : t.timeLeft(f.duration(left))
  }
  const phaseText = t.phase[job.phase]
  return {
    jobId: job.jobId,
    applicationName: job.applicationName,
    action: job.action,
    phase: job.phase,
    title,
    phaseText,
    percent: job.percent,
    percentText,
    timeLeftText,
    detail: [phaseText, percentText, timeLeftText].filter((s) => s !== null).join(' · '),
    own: c.isOwn(job.jobId, null, job.requestedBy),
  }
}

function waitText(
  reason: WaitReason,
  until: number | null,
  detail: string | null,
  c: Context,
  kind: 'restart' | 'logoff',
): string {
  const { t, f, now } = c
  const at = until === null ? null : f.time(until, now)
  switch (reason) {
    case 'maintenance_window':
      return t.waitMaintenanceWindow(at)
    case 'content':
      return t.waitContent
    case 'user_closes_application':
      return t.waitCloseApplication(detail)
    case 'another_installation':
      return t.waitAnotherInstallation
    case 'pending_restart':
      return t.waitPendingRestart(kind)
    case 'retry':
      return t.waitRetry(at)
  }
}

function estimateText(startAt: number | null, c: Context): string {
  const { t, f, now } = c
  if (startAt === null) return c.t.startUnknown
  const ms = startAt - now
  if (ms < MINUTE_MS) return t.startsSoon
  return t.startsIn(f.duration(ms), f.time(startAt, now))
}

function presentQueued(q: QueuedJob, activity: AgentActivity, c: Context): QueueItemView {
  const { t, f } = c
  const name = t.queuedName(q.action, q.applicationName)
  const positionText = q.position === 1 ? t.positionNext(name) : t.positionNth(name, f.ordinal(q.position))
  const estimate = estimateText(q.estimatedStartAt, c)
  const kind = activity.restart?.kind ?? 'restart'
  return {
    jobId: q.jobId,
    deploymentId: q.deploymentId,
    applicationName: q.applicationName,
    action: q.action,
    position: q.position,
    own: c.isOwn(q.jobId, q.userName, q.requestedBy),
    required: q.requestedBy === 'deployment',
    estimatedStartAt: q.estimatedStartAt,
    positionText,
    estimateText: estimate,
    text: t.queueLine(positionText, estimate),
    waitingText: q.waitingFor === null ? null : waitText(q.waitingFor, q.estimatedStartAt, null, c, kind),
  }
}

function presentRestart(restart: PendingRestart, c: Context): RestartView {
  const { t, f, now } = c
  const kind = restart.kind
  const names = [...new Set(restart.requestedBy.map((r) => (r.source === 'os' ? t.osRestartSource : r.name)))]
  const deadline = restart.deadline
  const countdownFrom =
    deadline === null
      ? null
      : (restart.countdownFrom ?? deadline - RESTART_DEFAULTS.countdownMinutes * MINUTE_MS)
  const inCountdown = deadline !== null && countdownFrom !== null && now >= countdownFrom && now < deadline
  const snoozed = restart.snoozedUntil !== null && restart.snoozedUntil > now ? restart.snoozedUntil : null
  let deadlineText: string
  if (deadline === null) deadlineText = t.restartWhenSuits(kind)
  else if (now >= deadline) deadlineText = t.restartDeadlinePassed(kind)
  else deadlineText = t.restartDeadline(kind, f.time(deadline, now), f.duration(deadline - now))
  if (snoozed !== null && !inCountdown)
    deadlineText = `${deadlineText} ${t.restartSnoozed(f.time(snoozed, now))}`
  const room = restart.snoozeLimit === null || inCountdown ? 0 : restart.snoozeLimit - now
  const snoozeOptions = SNOOZE_CHOICES_MINUTES.filter((m) => m * MINUTE_MS <= room).map((minutes) => ({
    minutes,
    label: t.snoozeFor(f.duration(minutes * MINUTE_MS)),
  }))
  return {
    kind,
    title: t.restartTitle(kind, deadline === null ? null : f.time(deadline, now)),
    reasonText: names.length === 0 ? '' : t.restartReason(f.list(names)),
    deadlineText,
    deadline,
    countdown: inCountdown
      ? { msLeft: deadline - now, text: t.restartCountdown(kind, f.countdown(deadline - now)) }
      : null,
    snoozedUntil: snoozed,
    snoozeOptions,
    actNowLabel: t.restartNow(kind),
    confirmText: t.confirmRestartNow(kind),
  }
}

function isFailure(job: FinishedJob): boolean {
  return (
    job.outcome === 'failed' ||
    job.outcome === 'timed_out' ||
    (job.outcome === 'requirements_not_met' && job.requestedBy === 'user')
  )
}

function presentTrouble(activity: AgentActivity, c: Context): TroubleView[] {
  const { t, f, now } = c
  const trouble: TroubleView[] = []
  if (!activity.agent.siteReachable) {
    const at = activity.agent.lastPolicyAt === null ? null : f.time(activity.agent.lastPolicyAt, now)
    trouble.push({ kind: 'site_unreachable', jobId: null, text: t.siteUnreachable(at), nextText: null })
  }
  const again = new Set([
    ...activity.queue.map((q) => q.deploymentId),
    ...(activity.current === null ? [] : [activity.current.deploymentId]),
  ])
  const seen = new Set<string>()
  // `recent` is newest first: only the latest result of each deployment counts.
  for (const job of activity.recent) {
    const key = `${job.deploymentId}/${job.action}`
    if (seen.has(key)) continue
    seen.add(key)
    if (!isFailure(job) || again.has(job.deploymentId) || now - job.finishedAt > TROUBLE_WINDOW_MS) continue
    const nextText =
      job.nextRetryAt !== null
        ? t.nextRetry(f.time(job.nextRetryAt, now))
        : job.requestedBy === 'user'
          ? t.nextAskAgain
          : t.nextAdministratorTold
    trouble.push({
      kind: 'job_failed',
      jobId: job.jobId,
      text: t.outcome(job.outcome, job.action, job.applicationName, job.exitCode),
      nextText,
    })
  }
  return trouble
}

function presentRecent(activity: AgentActivity, c: Context): RecentView[] {
  return activity.recent.map((job) => ({
    jobId: job.jobId,
    applicationName: job.applicationName,
    outcome: job.outcome,
    failed: isFailure(job),
    finishedAt: job.finishedAt,
    text: c.t.finishedAt(
      c.t.outcome(job.outcome, job.action, job.applicationName, job.exitCode),
      c.f.time(job.finishedAt, c.now),
    ),
  }))
}

function presentCatalogue(activity: AgentActivity, c: Context): CatalogueItemView[] {
  return activity.available.map((app) => {
    const queued = activity.queue.find((q) => q.jobId === app.jobId)
    const running = activity.current !== null && activity.current.jobId === app.jobId
    const status: CatalogueItemView['status'] = running
      ? 'running'
      : queued !== undefined
        ? 'queued'
        : app.installed
          ? 'installed'
          : 'available'
    const statusText =
      status === 'running'
        ? c.t.catalogueRunning(activity.current?.action ?? 'install')
        : status === 'queued'
          ? c.t.catalogueQueued(
              queued === undefined || queued.position === 1 ? null : c.f.ordinal(queued.position),
            )
          : status === 'installed'
            ? c.t.catalogueInstalled
            : c.t.catalogueAvailable
    return {
      deploymentId: app.deploymentId,
      name: app.name,
      version: app.version,
      publisher: app.publisher,
      description: app.description,
      status,
      statusText,
      canInstall: status === 'available',
    }
  })
}

/**
 * Words the agent's answer to an install request, for the surface that made it:
 * `Requested. GIMP is 2nd in line, starts in about 3 minutes (around 13:03).`
 */
export function presentRequestReply(
  reply: InstallRequestReply,
  applicationName: string,
  options: Pick<PresentOptions, 'locale' | 'now'>,
): string {
  const t = textsFor(options.locale)
  const c: Context = { t, f: createFormats(options.locale, t), now: options.now, isOwn: () => true }
  const position =
    reply.position === 1
      ? t.positionNext(applicationName)
      : t.positionNth(applicationName, c.f.ordinal(reply.position))
  return `${t.requested} ${t.queueLine(position, estimateText(reply.estimatedStartAt, c))}`
}

function offlineView(connection: AgentConnection, t: IndicatorTexts, options: PresentOptions): IndicatorView {
  const trouble: TroubleView[] =
    connection.state === 'unreachable'
      ? [
          {
            kind: 'agent_unreachable',
            jobId: null,
            text: t.agentProblem(connection.problem, connection.socketPath),
            nextText: t.agentRetrying,
          },
        ]
      : []
  const headline = connection.state === 'unreachable' ? t.agentUnreachableTitle : t.connecting
  return {
    language: options.locale.language,
    connection: connection.state,
    tone: 'offline',
    headline,
    current: null,
    waiting: null,
    yourRequests: [],
    queue: [],
    restart: null,
    trouble,
    recent: [],
    catalogue: [],
    announcement: [headline, ...trouble.map((x) => x.text)].join(' '),
    refreshInMs: REFRESH_MS,
    labels: t.labels,
  }
}

/** Presents one moment: the connection to the agent and, when connected, its activity. */
export function presentIndicator(connection: AgentConnection, options: PresentOptions): IndicatorView {
  const t = textsFor(options.locale)
  if (connection.state !== 'connected') return offlineView(connection, t, options)
  const { activity } = connection
  const own = options.ownJobIds ?? new Set<string>()
  const c: Context = {
    t,
    f: createFormats(options.locale, t),
    now: options.now,
    isOwn: (jobId, userName, requestedBy) =>
      own.has(jobId) || (requestedBy === 'user' && userName !== null && userName === options.userName),
  }
  const current = activity.current === null ? null : presentCurrent(activity.current, c)
  const restart = activity.restart === null ? null : presentRestart(activity.restart, c)
  const waiting: WaitingView | null =
    activity.waiting === null
      ? null
      : {
          reason: activity.waiting.reason,
          text: waitText(
            activity.waiting.reason,
            activity.waiting.until,
            activity.waiting.detail,
            c,
            activity.restart?.kind ?? 'restart',
          ),
        }
  const queue = activity.queue.map((q) => presentQueued(q, activity, c))
  const yourRequests = queue.filter((q) => q.own)
  const trouble = presentTrouble(activity, c)

  let tone: IndicatorTone
  let headline: string
  if (restart?.countdown != null) {
    tone = 'restart'
    headline = restart.title
  } else if (current !== null) {
    tone = restart === null ? 'busy' : 'restart'
    headline = current.title
  } else if (waiting !== null) {
    tone = restart === null ? 'waiting' : 'restart'
    headline = waiting.text
  } else if (restart !== null) {
    tone = 'restart'
    headline = restart.title
  } else {
    tone = trouble.length > 0 ? 'trouble' : 'free'
    headline = t.free
  }

  const announcement = [
    headline,
    ...yourRequests.map((q) => `${q.positionText}.`),
    ...(restart === null || restart.title === headline ? [] : [restart.title]),
    ...(restart?.countdown != null && restart.deadline !== null
      ? [t.restartCountdownAnnouncement(restart.kind, c.f.time(restart.deadline, c.now))]
      : []),
    ...trouble.map((x) => x.text),
  ].join(' ')

  return {
    language: options.locale.language,
    connection: 'connected',
    tone,
    headline,
    current,
    waiting,
    yourRequests,
    queue,
    restart,
    trouble,
    recent: presentRecent(activity, c),
    catalogue: presentCatalogue(activity, c),
    announcement,
    refreshInMs: restart?.countdown != null ? COUNTDOWN_REFRESH_MS : REFRESH_MS,
    labels: t.labels,
  }
}
