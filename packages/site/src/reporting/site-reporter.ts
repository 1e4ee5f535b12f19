/**
 * Server-side reporting: how the site's own components raise status messages, the equivalent
 * of `SMS_StatusMessage`'s `RaiseInformationalStatusMsg`, `RaiseWarningStatusMsg`,
 * `RaiseErrorStatusMsg` and `RaiseRawStatusMsg` (reference §2.1). Raised messages enter the
 * site's own inbox and go through the filter rules like any other.
 */
import type { FieldIssue, MessageType, Severity, StatusAttribute, StatusMessage } from '@sitrep/protocol'
import { LIMITS, formatIssues, newMessageId, parseStatusMessage } from '@sitrep/protocol'
import type { InboxStore, SequenceStore } from '@sitrep/store'
import { GENERIC_TEXT_MAX_LENGTH } from '@sitrep/api'
import { SiteError } from '../errors.ts'

/** Generic user messages by severity (reference §2.3): text in %1 and %2, module `SMS Provider`. */
export const GENERIC_MESSAGE_IDS = { informational: 39997, warning: 39998, error: 39999 } as const
/** Module of the generic messages (and of the provider's audit messages). */
export const GENERIC_MODULE = 'SMS Provider'
/** Module of the site's own components. */
export const SITE_MODULE = 'SMS Server'
/** Generic text is split across %1 and %2, so it may be twice an insertion string long. */

/** Optional fields of the Raise* methods, named as in `SMS_StatusMessage`. */
export interface RaiseOptions {
  /** The message ID (UUIDv7); default a new one. A repeated ID is refused by the inbox. */
  readonly id?: string
  readonly win32Error?: number
  readonly processId?: number
  readonly threadId?: number
  /** Creation time, epoch ms; defaults to now. */
  readonly time?: number
  readonly attributes?: readonly StatusAttribute[]
  readonly topLevelSiteCode?: string | null
  /** Component name; the WMI methods take it from the `ApplicationName` context. */
  readonly component?: string
  /** Machine name; the WMI methods take it from the `MachineName` context. */
  readonly machine?: string
}

/** A message raised by a site component, with its own module, ID and insertion strings. */
export interface RaiseInput extends RaiseOptions {
  readonly module?: string
  readonly component: string
  readonly messageId: number
  readonly severity: Severity
  readonly messageType?: MessageType
  readonly insertionStrings?: readonly string[]
}

/** What a reporter needs: where to put messages and who it is. */
export interface SiteReporterDeps {
  readonly store: InboxStore & SequenceStore
  readonly siteCode: string
  readonly machine: string
  readonly processId: number
  readonly clock: () => number
  /** Severity of a catalogue message, for `raiseRawStatusMsg` without an explicit severity. */
  readonly severityOf?: (module: string, messageId: number) => Severity | undefined
}

/** What became of one message of {@link SiteReporter.raiseMany}. */
export type RaiseOutcome =
  | { readonly ok: true; readonly message: StatusMessage; readonly outcome: 'accepted' | 'duplicate' }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] }

/** The reporting API of a site. Every method resolves once the message is in the inbox. */
export interface SiteReporter {
  raise(input: RaiseInput): Promise<StatusMessage>
  /**
   * Raises several messages with one sequence reservation and one inbox commit. A message that
   * is not valid is left out (its issues say why) and takes no sequence number, so it leaves no
   * gap in the site's numbering; the others are raised.
   */
  raiseMany(
    inputs: readonly RaiseInput[],
    options?: {
      /**
       * An audit message about the messages that will be raised, committed with them in the
       * same transaction (so there is never one without the other); `undefined` for none.
       */
      readonly audit?: (raised: readonly StatusMessage[]) => RaiseInput | undefined
    },
  ): Promise<readonly RaiseOutcome[]>
  raiseInformationalStatusMsg(
    text: string,
    messageType: MessageType,
    options?: RaiseOptions,
  ): Promise<StatusMessage>
  raiseWarningStatusMsg(
    text: string,
    messageType: MessageType,
    options?: RaiseOptions,
  ): Promise<StatusMessage>
  raiseErrorStatusMsg(text: string, messageType: MessageType, options?: RaiseOptions): Promise<StatusMessage>
  raiseRawStatusMsg(
    module: string,
    messageType: MessageType,
    messageId: number,
    options?: RaiseOptions & { readonly severity?: Severity; readonly insertionStrings?: readonly string[] },
  ): Promise<StatusMessage>
}

/**
 * Creates the site's reporter.
 *
 * @example
 * const reporter = createSiteReporter({ store, siteCode: 'PS1', machine: hostname(), processId: process.pid, clock: Date.now })
 * await reporter.raiseWarningStatusMsg('Disk D: is nearly full', 'milestone', { component: 'Backup' })
 */
export function createSiteReporter(deps: SiteReporterDeps): SiteReporter {
  const candidateOf = (input: RaiseInput, now: number, sequence: number) => ({
    id: input.id ?? newMessageId(now),
    origin: { kind: 'site', id: deps.siteCode },
    sequence,
    severity: input.severity,
    messageType: input.messageType ?? 'milestone',
    messageId: input.messageId,
    module: input.module ?? SITE_MODULE,
    component: input.component,
    machine: input.machine ?? deps.machine,
    siteCode: deps.siteCode,
    topLevelSiteCode: input.topLevelSiteCode ?? null,
    processId: input.processId ?? deps.processId,
    threadId: input.threadId ?? 0,
    win32Error: input.win32Error ?? 0,
    createdAt: input.time ?? now,
    insertionStrings: input.insertionStrings ?? [],
    attributes: input.attributes ?? [],
  })

  const raiseMany: SiteReporter['raiseMany'] = async (inputs, options = {}) => {
    const now = deps.clock()
    // Checked with a stand-in sequence first, so that refused messages take no number.
    const checked = inputs.map((input) => {
      const candidate = candidateOf(input, now, 1)
      const parsed = parseStatusMessage(candidate)
      return parsed.ok ? { ok: true as const, candidate } : { ok: false as const, issues: parsed.issues }
    })
    const valid = checked.flatMap((c) => (c.ok ? [c.candidate] : []))
    if (valid.length === 0) return checked.map((c) => ({ ok: false, issues: c.ok ? [] : c.issues }))
    const auditInput = options.audit?.(valid.map((candidate) => parseValid(candidate)))
    const count = valid.length + (auditInput === undefined ? 0 : 1)
    const first = await deps.store.allocateSequence(`site:${deps.siteCode}`, count)
    const numbered = valid.map((candidate, i) => ({ ...candidate, sequence: first + i }))
    const messages = numbered.map(parseValid)
    const audit = auditInput === undefined ? [] : [candidateOf(auditInput, now, first + valid.length)]
    if (audit[0] !== undefined) parseValid(audit[0])
    const outcomes = await deps.store.enqueueInbox(
      [...numbered, ...audit].map((candidate) => ({
        id: candidate.id,
        body: JSON.stringify(candidate),
        receivedAt: now,
        source: 'site',
        trusted: true,
      })),
    )
    let next = 0
    return checked.map((c): RaiseOutcome => {
      if (!c.ok) return { ok: false, issues: c.issues }
      const index = next++
      const message = messages[index]
      if (message === undefined) throw new Error('raiseMany: a raised message went missing')
      return { ok: true, message, outcome: outcomes[index] ?? 'accepted' }
    })
  }

  const raise = async (input: RaiseInput): Promise<StatusMessage> => {
    const now = deps.clock()
    const sequence = await deps.store.allocateSequence(`site:${deps.siteCode}`, 1)
    const candidate = candidateOf(input, now, sequence)
    const parsed = parseStatusMessage(candidate)
    if (!parsed.ok) throw invalid(parsed.issues)
    await deps.store.enqueueInbox([
      {
        id: parsed.value.id,
        body: JSON.stringify(candidate),
        receivedAt: now,
        source: 'site',
        trusted: true,
      },
    ])
    return parsed.value
  }

  const generic =
    (severity: Severity) =>
    async (text: string, messageType: MessageType, options: RaiseOptions = {}) => {
      if (text.length > GENERIC_TEXT_MAX_LENGTH) {
        throw new SiteError(
          'message_invalid',
          `MessageText is ${text.length} characters long; the limit is ${GENERIC_TEXT_MAX_LENGTH} (two insertion strings of ${LIMITS.insertionStringMaxLength})`,
        )
      }
      const insertionStrings = splitGenericText(text)
      return raise({
        ...options,
        module: GENERIC_MODULE,
        component: options.component ?? 'Sitrep',
        messageId: GENERIC_MESSAGE_IDS[severity],
        severity,
        messageType,
        insertionStrings,
      })
    }

  return {
    raise,
    raiseMany,
    raiseInformationalStatusMsg: generic('informational'),
    raiseWarningStatusMsg: generic('warning'),
    raiseErrorStatusMsg: generic('error'),
    raiseRawStatusMsg: async (module, messageType, messageId, options = {}) => {
      const severity = options.severity ?? deps.severityOf?.(module, messageId)
      if (severity === undefined) {
        throw new SiteError(
          'message_invalid',
          `message ${messageId} of module "${module}" is not in the catalogue, so its severity is unknown; pass a severity`,
        )
      }
      return raise({
        ...options,
        module,
        component: options.component ?? module,
        messageId,
        severity,
        messageType,
      })
    },
  }
}

/** Generic text as its two insertion strings: %1 holds the first 255 characters, %2 the rest. */
export function splitGenericText(text: string): string[] {
  const cut = LIMITS.insertionStringMaxLength
  return text.length > cut ? [text.slice(0, cut), text.slice(cut)] : [text]
}

/** A candidate already checked once; a failure here is a bug, not bad input. */
function parseValid(candidate: unknown): StatusMessage {
  const parsed = parseStatusMessage(candidate)
  if (!parsed.ok) throw invalid(parsed.issues)
  return parsed.value
}

function invalid(issues: readonly FieldIssue[]): SiteError {
  return new SiteError('message_invalid', `the status message is not valid:\n${formatIssues(issues)}`)
}
