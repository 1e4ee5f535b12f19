/**
 * The status messages the indicator sends when the person at the machine acts, so the
 * administrator's console shows what users did, where, and how long they were told to wait.
 * Pure: each user action → a message ID of the indicator's range and its insertion strings
 * (the agent adds the user's name as attribute 403). Texts are in the catalogue, module
 * `Sitrep Agent`.
 */
import { AGENT_MESSAGE_RANGES } from '@sitrep/protocol'

/** Where the user acted. */
export const INDICATOR_SURFACES = ['page', 'terminal', 'tray', 'notification'] as const
export type IndicatorSurface = (typeof INDICATOR_SURFACES)[number]

/** The indicator's message IDs (within `AGENT_MESSAGE_RANGES.indicator`). */
export const INDICATOR_MESSAGE_IDS = {
  installRequested: 42201,
  restartSnoozed: 42202,
  restartAccepted: 42203,
  requestCancelled: 42204,
  notificationDismissed: 42205,
} as const satisfies Record<string, number>

/** One user action. Times are epoch ms. */
export type IndicatorReport =
  | {
      readonly kind: 'install_requested'
      readonly surface: IndicatorSurface
      readonly applicationName: string
      readonly deploymentId: string
      readonly position: number
      readonly estimatedStartAt: number | null
      readonly now: number
    }
  | {
      readonly kind: 'restart_snoozed'
      readonly surface: IndicatorSurface
      readonly minutes: number
      readonly deadline: number | null
      readonly now: number
    }
  | {
      readonly kind: 'restart_accepted'
      readonly surface: IndicatorSurface
      readonly restartKind: 'restart' | 'logoff'
    }
  | {
      readonly kind: 'request_cancelled'
      readonly surface: IndicatorSurface
      readonly applicationName: string
      readonly jobId: string
    }
  | { readonly kind: 'notification_dismissed'; readonly surface: IndicatorSurface; readonly summary: string }

/** A report as `POST /v1/report` takes it. */
export interface IndicatorReportBody {
  readonly messageId: number
  readonly insertionStrings: readonly string[]
}

const minutesUntil = (at: number | null, now: number): string =>
  at === null ? 'unknown' : String(Math.max(0, Math.ceil((at - now) / 60_000)))

/** The message of one user action. */
export function indicatorReport(report: IndicatorReport): IndicatorReportBody {
  const body = ((): IndicatorReportBody => {
    switch (report.kind) {
      case 'install_requested':
        return {
          messageId: INDICATOR_MESSAGE_IDS.installRequested,
          insertionStrings: [
            report.applicationName,
            report.deploymentId,
            report.surface,
            String(report.position),
            minutesUntil(report.estimatedStartAt, report.now),
          ],
        }
      case 'restart_snoozed':
        return {
          messageId: INDICATOR_MESSAGE_IDS.restartSnoozed,
          insertionStrings: [
            String(report.minutes),
            report.surface,
            minutesUntil(report.deadline, report.now),
          ],
        }
      case 'restart_accepted':
        return {
          messageId: INDICATOR_MESSAGE_IDS.restartAccepted,
          insertionStrings: [report.restartKind, report.surface],
        }
      case 'request_cancelled':
        return {
          messageId: INDICATOR_MESSAGE_IDS.requestCancelled,
          insertionStrings: [report.applicationName, report.jobId, report.surface],
        }
      case 'notification_dismissed':
        return {
          messageId: INDICATOR_MESSAGE_IDS.notificationDismissed,
          insertionStrings: [report.summary.slice(0, 255), report.surface],
        }
    }
  })()
  // The agent refuses IDs outside the indicator's range; a wrong constant is a bug, not input.
  if (
    body.messageId < AGENT_MESSAGE_RANGES.indicator.from ||
    body.messageId > AGENT_MESSAGE_RANGES.indicator.to
  )
    throw new Error(`indicator message ${body.messageId} is outside the indicator's range`)
  return body
}
