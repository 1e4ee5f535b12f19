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
import { programOutcomeToStatusMessage } from '../actions/program-outcome.ts'
import type { ProgramRunner } from '../actions/run-program.ts'
import type { SiteReporter } from '../reporting/site-reporter.ts'
import type { HandlerOutcome, OutboxHandler } from './outbox-dispatcher.ts'

const STATUS_MANAGER = 'SMS_STATUS_MANAGER'

/** The payload rules queue for the OS log, programs and exports: the message and its text. */
interface ActionPayload {
  readonly message: StatusMessage
  readonly text: string
}

/** Writes queued messages to the OS log; a write that fails is retried. */
export function createOsLogHandler(writer: OsLogWriter): OutboxHandler {
  return async (entry) => {
    const payload = readPayload(entry)
    if (!payload.ok) return payload.outcome
    const { message, text } = payload.value
    await writer.write({
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
    return { kind: 'done' }
  }
}

/** What the program handler needs. */
export interface ProgramHandlerDeps {
  readonly runner: ProgramRunner
  readonly reporter: SiteReporter
  readonly site: ProgramSiteInfo
  readonly clock: () => number
  /** Offset of the site's local time from UTC, minutes, for `%msglt…` and `%lt…`. */
  readonly utcOffsetMinutes: number
}

/**
 * Runs a rule's program for a queued message: validates the program line (1210 when it is
 * invalid), expands its placeholders into argv (never through a shell), runs it, and raises
 * 1211 or 1212 when it cannot start or fails. A program is run once; failures are reported,
 * not retried, as ConfigMgr does.
 */
export function createProgramHandler(deps: ProgramHandlerDeps): OutboxHandler {
  return async (entry) => {
    const payload = readPayload(entry)
    if (!payload.ok) return payload.outcome
    const commandLine = entry.target
    const issues = validateProgramCommandLine(commandLine)
    if (issues.length > 0) {
      await raise(deps.reporter, 1210, 'warning', [commandLine, formatIssues(issues)])
      return { kind: 'done' }
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
    if (report !== null)
      await raise(deps.reporter, report.messageId, report.severity, [...report.insertionStrings])
    return { kind: 'done' }
  }
}

async function raise(
  reporter: SiteReporter,
  messageId: number,
  severity: StatusMessage['severity'],
  insertionStrings: string[],
): Promise<void> {
  await reporter.raise({
    component: STATUS_MANAGER,
    messageId,
    severity,
    insertionStrings: insertionStrings.map((s) => s.slice(0, 255)),
  })
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
