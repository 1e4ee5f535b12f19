/**
 * Outbox handlers for the rule actions that touch the machine: writing to the OS log and
 * running a program. Payloads are read back from the database, so they are parsed again here.
 */
import type { ProgramSiteInfo } from '@sitrep/core'
import { expandProgramCommandLine, validateProgramCommandLine } from '@sitrep/core'
import type { StatusMessage } from '@sitrep/protocol'
import { formatIssues, parseStatusMessage } from '@sitrep/protocol'
import type { OutboxEntry } from '@sitrep/store'
import type { OsLogWriter } from '../actions/os-log/create-os-log-writer.ts'
import { OsLogError } from '../actions/os-log/os-log-error.ts'
import { programOutcomeToStatusMessage } from '../actions/program-outcome.ts'
import type { ProgramRunner } from '../actions/run-program.ts'
import type { HandlerOutcome, OutboxHandler } from './outbox-dispatcher.ts'
import { osLogFailureReport } from './sink-reports.ts'

/** The payload rules queue for the OS log, programs and exports: the message and its text. */
interface ActionPayload {
  readonly message: StatusMessage
  readonly text: string
}

/**
 * Writes queued messages to the OS log. A write that fails is retried; one that finds no log
 * at all (no syslog socket, no log tool) is not: it is counted as `sink_unavailable`, since
 * retrying every entry against a missing log only fills the outbox and the site log.
 */
export function createOsLogHandler(writer: OsLogWriter): OutboxHandler {
  return async (entry) => {
    const payload = readPayload(entry)
    if (!payload.ok) return payload.outcome
    const { message, text } = payload.value
    try {
      await write(writer, message, text)
    } catch (error) {
      if (!(error instanceof OsLogError)) throw error
      const report = osLogFailureReport(writer.target, error.message)
      return error.code === 'os_log_unavailable'
        ? { kind: 'undelivered', reason: error.message, loss: 'sink_unavailable', report }
        : { kind: 'retry', reason: error.message, report }
    }
    return { kind: 'done' }
  }
}

function write(writer: OsLogWriter, message: StatusMessage, text: string): Promise<void> {
  return writer.write({
    severity: message.severity,
    text,
    module: message.module,
    component: message.component,
    machine: message.machine,
    // The status manager fills the site code in before rules run.
    siteCode: message.siteCode ?? '',
    messageId: message.messageId,
    id: message.id,
    createdAt: message.createdAt,
  })
}

/** What the program handler needs. */
export interface ProgramHandlerDeps {
  readonly runner: ProgramRunner
  readonly site: ProgramSiteInfo
  readonly clock: () => number
  /** Offset of the site's local time from UTC, minutes, for `%msglt…` and `%lt…`. */
  readonly utcOffsetMinutes: number
}

/**
 * Runs a rule's program for a queued message: validates the program line, expands its
 * placeholders into argv (never through a shell) and runs it. A program is run once, never
 * retried, as ConfigMgr does: a run that does not succeed is counted in the loss ledger, and
 * its 1210 (invalid line), 1211 (could not start) or 1212 (failed) goes with the outcome, for
 * the dispatcher to raise when the program starts failing.
 */
export function createProgramHandler(deps: ProgramHandlerDeps): OutboxHandler {
  return async (entry) => {
    const payload = readPayload(entry)
    if (!payload.ok) return payload.outcome
    const commandLine = entry.target
    const issues = validateProgramCommandLine(commandLine)
    if (issues.length > 0) {
      const reason = formatIssues(issues)
      return {
        kind: 'undelivered',
        reason: `program line is not valid: ${reason}`,
        loss: 'sink_failed',
        report: { messageId: 1210, severity: 'warning', insertionStrings: [clip(commandLine), clip(reason)] },
      }
    }
    const argv = expandProgramCommandLine(commandLine, {
      message: payload.value.message,
      messageText: payload.value.text,
      site: deps.site,
      now: deps.clock(),
      utcOffsetMinutes: deps.utcOffsetMinutes,
    })
    const outcome = await deps.runner.run(argv)
    const report = programOutcomeToStatusMessage(outcome, argv)
    if (report === null) return { kind: 'done' }
    return {
      kind: 'undelivered',
      reason: `${report.insertionStrings[0]}: ${report.insertionStrings[1]}`,
      loss: outcome.kind === 'could_not_start' ? 'sink_unavailable' : 'sink_failed',
      report,
    }
  }
}

/** Insertion strings hold at most 255 characters. */
function clip(text: string): string {
  return text.slice(0, 255)
}

type PayloadResult =
  | { readonly ok: true; readonly value: ActionPayload }
  | { readonly ok: false; readonly outcome: HandlerOutcome }

/** Parses an action payload; an unreadable one can never succeed, so the entry is given up. */
export function readPayload(entry: OutboxEntry): PayloadResult {
  let json: unknown
  try {
    json = JSON.parse(entry.payload)
  } catch {
    return {
      ok: false,
      outcome: { kind: 'give_up', reason: `outbox entry ${entry.seq} holds no valid JSON` },
    }
  }
  const record = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {} // narrowed just above
  const parsed = parseStatusMessage(record.message)
  if (!parsed.ok || typeof record.text !== 'string') {
    return {
      ok: false,
      outcome: { kind: 'give_up', reason: `outbox entry ${entry.seq} holds no valid message` },
    }
  }
  return { ok: true, value: { message: parsed.value, text: record.text } }
}
