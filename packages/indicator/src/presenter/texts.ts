/**
 * Every sentence the indicator says, as one interface that each language fills in. The
 * presenter passes already formatted pieces (times, durations, ordinals, lists), so a language
 * file decides word order and grammar only.
 */
import type { JobOutcome, JobPhase } from '@sitrep/protocol'

/** Why the indicator cannot reach the agent. */
export const AGENT_PROBLEMS = ['no_socket', 'refused', 'permission', 'bad_reply', 'lost'] as const
export type AgentProblem = (typeof AGENT_PROBLEMS)[number]

/** A word with its plural forms; `#` stands for the formatted number. */
export interface PluralForms {
  readonly one: string
  readonly other: string
}

export type JobAction = 'install' | 'uninstall'
export type RestartKind = 'restart' | 'logoff'

/** Fixed words of buttons and headings. */
export interface IndicatorLabels {
  readonly title: string
  readonly now: string
  readonly yourRequests: string
  readonly queue: string
  readonly restart: string
  readonly trouble: string
  readonly recent: string
  readonly catalogue: string
  readonly install: string
  readonly cancel: string
  readonly progress: string
  readonly required: string
  readonly yours: string
  readonly noRequests: string
  readonly noApplications: string
  /** The terminal view's keys. */
  readonly keysHelp: string
}

/** The sentences of one language. */
export interface IndicatorTexts {
  readonly labels: IndicatorLabels
  readonly units: { readonly minute: PluralForms; readonly hour: PluralForms; readonly day: PluralForms }
  /** `3rd`, `3.`: `category` is the English ordinal plural category of `n`. */
  ordinal(n: string, category: Intl.LDMLPluralRule): string
  /** Joins duration parts: `1 hour 20 minutes`. */
  joinDuration(parts: readonly string[]): string
  lessThanAMinute: string
  /** A clock time on another day: `Tue 2:05 PM`. */
  dayAndTime(day: string, time: string): string

  connecting: string
  agentUnreachableTitle: string
  agentProblem(problem: AgentProblem, socketPath: string): string
  agentRetrying: string
  siteUnreachable(policyAt: string | null): string

  free: string
  jobTitle(action: JobAction, name: string): string
  jobTitleOf(action: JobAction, name: string, index: number, total: number): string
  phase: Readonly<Record<JobPhase, string>>
  percent(formatted: string): string
  timeLeft(duration: string): string
  lessThanAMinuteLeft: string
  overrunning: string

  queuedName(action: JobAction, name: string): string
  positionNext(name: string): string
  positionNth(name: string, ordinal: string): string
  startsIn(duration: string, at: string): string
  startsSoon: string
  startUnknown: string
  queueLine(position: string, estimate: string): string

  waitMaintenanceWindow(opensAt: string | null): string
  waitContent: string
  waitCloseApplication(application: string | null): string
  waitAnotherInstallation: string
  waitPendingRestart(kind: RestartKind): string
  waitRetry(at: string | null): string

  restartTitle(kind: RestartKind, deadline: string | null): string
  restartReason(list: string): string
  osRestartSource: string
  restartDeadline(kind: RestartKind, at: string, inDuration: string): string
  restartDeadlinePassed(kind: RestartKind): string
  restartWhenSuits(kind: RestartKind): string
  restartSnoozed(until: string): string
  restartCountdown(kind: RestartKind, clock: string): string
  restartCountdownAnnouncement(kind: RestartKind, at: string): string
  snoozeFor(duration: string): string
  restartNow(kind: RestartKind): string
  /** The question before restarting on the user's word. */
  confirmRestartNow(kind: RestartKind): string

  outcome(outcome: JobOutcome, action: JobAction, name: string, exitCode: number | null): string
  finishedAt(text: string, at: string): string
  nextRetry(at: string): string
  nextAskAgain: string
  nextAdministratorTold: string

  /** Before the queue line of a request just made: `Requested.` */
  requested: string
  actionFailed(message: string): string
  confirmRestart(kind: RestartKind): string

  catalogueInstalled: string
  catalogueAvailable: string
  catalogueRunning(action: JobAction): string
  /** `ordinal` is `null` for the request that runs next. */
  catalogueQueued(ordinal: string | null): string
}
