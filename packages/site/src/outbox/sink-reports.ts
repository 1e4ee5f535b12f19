/**
 * The site's own status messages about its sinks: 1208 when the OS log cannot be written,
 * 1216 when an export target does not take messages, 1210–1212 when a rule's program fails
 * (chosen by the program handler), and 1217 when a failing sink works again. The dispatcher
 * asks for them once per state change, never per failed delivery.
 */
import { formatIsoTime } from '@sitrep/protocol'
import type { SiteReporter } from '../reporting/site-reporter.ts'
import type { SinkFailureReport, SinkNotice } from './outbox-dispatcher.ts'

/** The component that raises them, as in ConfigMgr. */
const STATUS_MANAGER = 'SMS_STATUS_MANAGER'
/** Insertion strings hold at most 255 characters. */
const INSERTION_STRING_MAX = 255

/** 1208: the OS log (`%1`, e.g. `syslog`) cannot be written, and why (`%2`). */
export function osLogFailureReport(target: string, reason: string): SinkFailureReport {
  return { messageId: 1208, severity: 'warning', insertionStrings: [target, clip(reason)] }
}

/** 1216: export target `%1` does not take messages, and why (`%2`). */
export function exportFailureReport(targetName: string, reason: string): SinkFailureReport {
  return { messageId: 1216, severity: 'warning', insertionStrings: [clip(targetName), clip(reason)] }
}

/**
 * The status message a sink change calls for: the failure's own report when the sink starts
 * failing (1208 for the OS log and 1216 for an export when the handler named none), and 1217
 * with the sink, the time it started failing and the failed deliveries when it works again.
 */
export function sinkNoticeToReport(notice: SinkNotice): SinkFailureReport {
  if (notice.kind === 'recovered') {
    return {
      messageId: 1217,
      severity: 'informational',
      insertionStrings: [clip(notice.sink), formatIsoTime(notice.since), String(notice.failures)],
    }
  }
  if (notice.report !== undefined) return notice.report
  return notice.outboxKind === 'os-log'
    ? osLogFailureReport('os-log', notice.reason)
    : exportFailureReport(notice.sink, notice.reason)
}

/** Raises the status message of a sink change through the site's reporter. */
export async function raiseSinkNotice(reporter: SiteReporter, notice: SinkNotice): Promise<void> {
  const report = sinkNoticeToReport(notice)
  await reporter.raise({
    component: STATUS_MANAGER,
    messageId: report.messageId,
    severity: report.severity,
    insertionStrings: report.insertionStrings.map(clip),
  })
}

function clip(text: string): string {
  return text.length <= INSERTION_STRING_MAX ? text : `${text.slice(0, INSERTION_STRING_MAX - 1)}…`
}
