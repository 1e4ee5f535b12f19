/**
 * What every indicator surface shows, already in words: the tray, the notifications, the
 * terminal view, the local page and `--json` all render this one value and never word the
 * agent's activity themselves.
 */
import type { AgentActivity, JobOutcome, JobPhase, WaitReason } from '@sitrep/protocol'
import type { IndicatorLanguage } from './locale.ts'
import type { AgentProblem, IndicatorLabels, JobAction, RestartKind } from './texts.ts'

/** How the indicator stands with the agent. */
export type AgentConnection =
  | { readonly state: 'connecting'; readonly socketPath: string }
  | { readonly state: 'connected'; readonly socketPath: string; readonly activity: AgentActivity }
  | { readonly state: 'unreachable'; readonly socketPath: string; readonly problem: AgentProblem }

/**
 * The one word for the icon and the page's colour, most pressing first: `offline` (no agent),
 * `restart` (a restart or logoff is pending), `busy`, `waiting`, `trouble` (a failure or the
 * site unreachable while idle), `free`.
 */
export const INDICATOR_TONES = ['offline', 'restart', 'busy', 'waiting', 'trouble', 'free'] as const
export type IndicatorTone = (typeof INDICATOR_TONES)[number]

/** The job that runs now. */
export interface CurrentView {
  readonly jobId: string
  readonly applicationName: string
  readonly action: JobAction
  readonly phase: JobPhase
  /** `Installing Firefox (1 of 3)`; no `(1 of 1)` for a lone job. */
  readonly title: string
  /** `Downloading`. */
  readonly phaseText: string
  /** 0–100, or `null` when the installer does not say. */
  readonly percent: number | null
  /** `45% done`. */
  readonly percentText: string | null
  /** `About 4 minutes left`, or `null` without an estimate. */
  readonly timeLeftText: string | null
  /** The phase, percent and time left in one line: `Downloading · 45% done · About 4 minutes left`. */
  readonly detail: string
  /** The session user asked for it. */
  readonly own: boolean
}

/** A job waiting its turn. */
export interface QueueItemView {
  readonly jobId: string
  readonly deploymentId: string
  readonly applicationName: string
  readonly action: JobAction
  readonly position: number
  readonly own: boolean
  /** A required deployment (not a person's request). */
  readonly required: boolean
  readonly estimatedStartAt: number | null
  /** `Firefox is 3rd in line`. */
  readonly positionText: string
  /** `starts in about 12 minutes (around 2:05 PM)`. */
  readonly estimateText: string
  /** Both as one sentence. */
  readonly text: string
  /** Why this job cannot start yet, when it waits for something. */
  readonly waitingText: string | null
}

/** Why the agent waits instead of working. */
export interface WaitingView {
  readonly reason: WaitReason
  readonly text: string
}

/** One way to put a restart reminder off. */
export interface SnoozeOption {
  readonly minutes: number
  /** `Remind me in 1 hour`. */
  readonly label: string
}

/** A pending restart or logoff. */
export interface RestartView {
  readonly kind: RestartKind
  /** `Restart required by 6:00 PM`. */
  readonly title: string
  /** `Needed for Firefox and system updates.` */
  readonly reasonText: string
  /** When and whether it is enforced, or how it was put off. */
  readonly deadlineText: string
  readonly deadline: number | null
  /** Shown in the last minutes before the deadline; it cannot be closed or snoozed. */
  readonly countdown: { readonly msLeft: number; readonly text: string } | null
  /** Reminders are snoozed until then (epoch ms), or `null`. */
  readonly snoozedUntil: number | null
  /** Snooze choices that fit before the snooze limit; empty when snoozing is not allowed. */
  readonly snoozeOptions: readonly SnoozeOption[]
  /** `Restart now`, `Log off now`. */
  readonly actNowLabel: string
  /** The question to confirm "restart now" with. */
  readonly confirmText: string
}

/** Something that went wrong, and what happens next. */
export interface TroubleView {
  readonly kind: 'job_failed' | 'site_unreachable' | 'agent_unreachable'
  readonly jobId: string | null
  readonly text: string
  /** What happens next, when there is more to say. */
  readonly nextText: string | null
}

/** A job that finished recently. */
export interface RecentView {
  readonly jobId: string
  readonly applicationName: string
  readonly outcome: JobOutcome
  readonly failed: boolean
  readonly finishedAt: number
  /** `2:02 PM: Firefox was installed.` */
  readonly text: string
}

/** An application the user may ask for. */
export interface CatalogueItemView {
  readonly deploymentId: string
  readonly name: string
  readonly version: string
  readonly publisher: string
  readonly description: string
  readonly status: 'available' | 'installed' | 'queued' | 'running'
  /** `Available`, `Installed`, `Requested, 3rd in line`, `Installing now`. */
  readonly statusText: string
  /** Whether the Install button is offered. */
  readonly canInstall: boolean
}

/** The whole picture, in words, for one moment. */
export interface IndicatorView {
  readonly language: IndicatorLanguage
  readonly connection: AgentConnection['state']
  readonly tone: IndicatorTone
  /** The one line for a tooltip, a menu's first item, a page heading. */
  readonly headline: string
  readonly current: CurrentView | null
  readonly waiting: WaitingView | null
  /** The session user's queued requests, in queue order. */
  readonly yourRequests: readonly QueueItemView[]
  /** Everything queued, the user's own included. */
  readonly queue: readonly QueueItemView[]
  readonly restart: RestartView | null
  readonly trouble: readonly TroubleView[]
  readonly recent: readonly RecentView[]
  readonly catalogue: readonly CatalogueItemView[]
  /**
   * What a screen reader should hear when it changes: the state, the user's positions, the
   * restart and the trouble, without percentages, times left or countdown seconds.
   */
  readonly announcement: string
  /** When the words change by themselves (countdown, "in about n minutes"): re-present after this. */
  readonly refreshInMs: number
  readonly labels: IndicatorLabels
}
