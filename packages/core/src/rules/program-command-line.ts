import type { FieldIssue, StatusMessage } from '@sitrep/protocol'
import { messageTypeToLetter, severityToLetter } from '@sitrep/protocol'
import { formatTimeLetter } from './format-time-letter.ts'
import { FILTER_RULE_LIMITS } from './filter-rule-limits.ts'
import type { FieldPlaceholder, PlaceholderSegment } from './program-placeholders.ts'
import { scanPlaceholders } from './program-placeholders.ts'
import { firstControlCharacter, ruleIssue } from './rule-field-checks.ts'
import { splitCommandLine } from './split-command-line.ts'

/** The site a rule program runs on (`%sc`, `%parentsc`, `%sitesvr`, `%sqlsvr`). */
export interface ProgramSiteInfo {
  readonly siteCode: string
  /** `null` at the top of the hierarchy; `%parentsc` is then empty. */
  readonly parentSiteCode: string | null
  readonly siteServer: string
  readonly sqlServer: string
}

/** Everything a run-a-program placeholder can stand for, given by the caller (no clock here). */
export interface ProgramContext {
  readonly message: StatusMessage
  /** The message's rendered text, for `%msgdesc`. */
  readonly messageText: string
  readonly site: ProgramSiteInfo
  /** Current time, epoch ms, for `%lt<x>` and `%gmt<x>`. */
  readonly now: number
  /** Local time's offset from UTC in minutes (e.g. 120 for UTC+2), used for both times. */
  readonly utcOffsetMinutes: number
  /** What `%msgltZ` and `%ltZ` print; defaults to the offset, e.g. `UTC+02:00`. */
  readonly timeZoneName?: string
}

/**
 * Turns a rule's command line into the argv to run for one message (reference §8.5). The line
 * is split into arguments first ({@link splitCommandLine}), then placeholders are expanded
 * inside each argument in one pass, so message content (insertion strings, machine names,
 * text) always stays inside the argument it was placed in, is never re-scanned for
 * placeholders, and never meets a shell. Run the result with `execFile`/`spawn` without
 * `shell: true`. An unknown placeholder is copied as it is; lines with one are refused by
 * {@link validateProgramCommandLine}, which callers run first (throws `RangeError` on a line it
 * would refuse for quoting or emptiness).
 */
export function expandProgramCommandLine(commandLine: string, context: ProgramContext): string[] {
  const split = splitCommandLine(commandLine)
  if (!split.ok) throw new RangeError(`program command line cannot be split: ${split.reason}`)
  if (split.args.length === 0) throw new RangeError('program command line names no program')
  return split.args.map((arg) =>
    scanPlaceholders(arg)
      .map((segment) => expand(segment, context))
      .join(''),
  )
}

function expand(segment: PlaceholderSegment, context: ProgramContext): string {
  switch (segment.kind) {
    case 'text':
    case 'unknown':
      return segment.text
    case 'field':
      return fieldValue(segment.name, context)
    case 'time': {
      const epochMs = segment.clock === 'message' ? context.message.createdAt : context.now
      const local = segment.zone === 'local'
      const zone = {
        utcOffsetMinutes: local ? context.utcOffsetMinutes : 0,
        ...(context.timeZoneName !== undefined && local && { zoneName: context.timeZoneName }),
      }
      return formatTimeLetter(segment.letter, epochMs, zone)
    }
  }
}

function fieldValue(name: FieldPlaceholder, context: ProgramContext): string {
  const { message, site } = context
  switch (name) {
    case 'msgsc':
      return message.siteCode ?? ''
    case 'msgsys':
      return message.machine
    case 'msgsrc':
      return message.module
    case 'msgcomp':
      return message.component
    case 'msgpid':
      return String(message.processId)
    case 'msgtid':
      return String(message.threadId)
    case 'msgtype':
      return messageTypeToLetter(message.messageType)
    case 'msgsev':
      return severityToLetter(message.severity)
    case 'msgid':
      return String(message.messageId)
    case 'msgdesc':
      return context.messageText
    case 'sc':
      return site.siteCode
    case 'parentsc':
      return site.parentSiteCode ?? ''
    case 'sitesvr':
      return site.siteServer
    case 'sqlsvr':
      return site.sqlServer
    case 'msgis01':
    case 'msgis02':
    case 'msgis03':
    case 'msgis04':
    case 'msgis05':
    case 'msgis06':
    case 'msgis07':
    case 'msgis08':
    case 'msgis09':
    case 'msgis10':
      // A missing insertion string expands to nothing, as an unused %n does in message text.
      return message.insertionStrings[Number(name.slice('msgis'.length)) - 1] ?? ''
  }
}

/**
 * Lists what is wrong with a run-a-program command line, or nothing when it may run (reference
 * §8.3, §8.5): 1–1024 characters, no control characters, quotes closed, a program to run,
 * only known placeholders, and no placeholder in the program itself (message content must not
 * choose what runs). The status manager raises message 1210 for a line with issues.
 */
export function validateProgramCommandLine(commandLine: string, field = 'runProgram'): FieldIssue[] {
  const max = FILTER_RULE_LIMITS.commandLineMaxLength
  if (commandLine.length > max) {
    const message = `${field} is ${commandLine.length} characters long; the limit is ${max}`
    return [ruleIssue(field, 'too_long', message, max)]
  }
  const control = firstControlCharacter(commandLine)
  if (control >= 0) {
    const code = commandLine.charCodeAt(control).toString(16).padStart(4, '0')
    const message = `${field} has a control character (U+${code}) at position ${control + 1}; none are allowed`
    return [ruleIssue(field, 'format', message)]
  }
  const split = splitCommandLine(commandLine)
  if (!split.ok) return [ruleIssue(field, 'format', `${field} cannot be split: ${split.reason}`)]
  const [program, ...args] = split.args
  if (program === undefined) return [ruleIssue(field, 'required', `${field} names no program to run`)]
  const issues: FieldIssue[] = []
  if (scanPlaceholders(program).some((segment) => segment.kind !== 'text')) {
    const message = `${field} must name its program without placeholders, so message content cannot choose what runs`
    issues.push(ruleIssue(field, 'format', message))
  }
  for (const arg of [program, ...args]) {
    for (const segment of scanPlaceholders(arg)) {
      if (segment.kind !== 'unknown') continue
      const message = `${field} has the placeholder ${segment.text}, which is refused: ${segment.reason}`
      issues.push(ruleIssue(field, 'unknown_value', message))
    }
  }
  return issues
}
