import { listMessages, routePath } from '@sitrep/api'
import type { MessageView } from '@sitrep/api'
import { createCatalogue, renderMessage, SEVERITY_NAMES, toVisibleText } from '@sitrep/protocol'
import { cellText, getSiteJson } from '../site-api.ts'
import type { CliIo } from '../cli-io.ts'
import { EXIT } from '../cli-io.ts'
import { UsageError } from '../usage-error.ts'

/** Options of `sitrep messages`. */
export interface MessagesOptions {
  readonly site?: string
  readonly severity?: string
  readonly component?: string
  readonly id?: number
  readonly since?: string
  readonly limit?: number
  readonly json?: boolean
  readonly token?: string
  readonly dataDir?: string
}

/** Page size when `--limit` is left out. */
export const DEFAULT_MESSAGES_LIMIT = 50

/**
 * The fields of an API message the table shows, typed by the `@sitrep/api` contract (a field
 * renamed there fails here); `--json` passes every field through. Partial: read defensively.
 */
type ApiMessage = Partial<
  Pick<
    MessageView,
    | 'createdAt'
    | 'severity'
    | 'component'
    | 'machine'
    | 'messageId'
    | 'module'
    | 'text'
    | 'insertionStrings'
    | 'win32Error'
    | 'trusted'
  >
>

/** Leads the text of a message the site took without a signature (the API's `trusted: false`). */
export const UNTRUSTED_MARK = '[unsigned]'

/**
 * `sitrep messages`: reads stored messages from `GET /api/v1/messages` with the admin token
 * (`--token`, else `SITREP_TOKEN`, else `<dataDir>/admin-token`), newest first as the API
 * returns them, and prints a table, or one JSON object per line with `--json`.
 *
 * @example
 * // sitrep messages --severity error --since 1h --json
 * await messagesCommand({ severity: 'error', since: '1h', json: true }, io)
 */
export async function messagesCommand(options: MessagesOptions, io: CliIo): Promise<number> {
  const query = buildQuery(options, io.clock())
  const reply = await getSiteJson('messages', `${routePath(listMessages)}?${query.toString()}`, options, io)
  if (!reply.ok) return reply.exitCode
  const { body, siteUrl } = reply
  const messages = messageList(body)
  if (messages === undefined) {
    io.stderr(`sitrep messages: the reply of ${siteUrl}/api/v1/messages has no "messages" array\n`)
    return EXIT.failure
  }
  if (options.json === true) {
    for (const message of messages) io.stdout(`${JSON.stringify(message)}\n`)
  } else io.stdout(formatTable(messages))
  return EXIT.ok
}

/** Builds the API query from the flags; bad values are usage errors. */
export function buildQuery(options: MessagesOptions, now: number): URLSearchParams {
  const query = new URLSearchParams()
  if (options.severity !== undefined) {
    // Widened to string[] only to ask whether an arbitrary string is in the list.
    if (!(SEVERITY_NAMES as readonly string[]).includes(options.severity)) {
      throw new UsageError(
        `--severity must be one of ${SEVERITY_NAMES.join(', ')}, got "${options.severity}"`,
      )
    }
    query.set('severity', options.severity)
  }
  if (options.component !== undefined) query.set('component', options.component)
  if (options.id !== undefined) query.set('messageId', String(options.id))
  if (options.since !== undefined) query.set('since', new Date(parseSince(options.since, now)).toISOString())
  query.set('limit', String(options.limit ?? DEFAULT_MESSAGES_LIMIT))
  return query
}

const RELATIVE = /^(\d+)\s*(s|m|h|d)$/
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

/** `--since`: an ISO 8601 time, or an age such as `30m`, `2h`, `7d`; returns epoch ms. */
export function parseSince(value: string, now: number): number {
  const relative = RELATIVE.exec(value.trim())
  if (relative?.[1] !== undefined && relative[2] !== undefined) {
    // The pattern only lets s, m, h or d through.
    return now - Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS]
  }
  const at = Date.parse(value)
  if (Number.isNaN(at)) {
    throw new UsageError(`--since must be an ISO 8601 time or an age like 30m, 2h, 7d; got "${value}"`)
  }
  return at
}

function messageList(body: unknown): ApiMessage[] | undefined {
  const list: unknown = Array.isArray(body)
    ? body
    : typeof body === 'object' && body !== null && 'messages' in body
      ? body.messages
      : undefined
  if (!Array.isArray(list)) return undefined
  // Each item is printed as the API sent it; the table reads fields defensively below.
  return list.filter((m): m is ApiMessage => typeof m === 'object' && m !== null)
}

const catalogue = createCatalogue()

/** Renders messages as an aligned table: time, severity, component, machine, ID, text. */
export function formatTable(messages: readonly ApiMessage[]): string {
  if (messages.length === 0) return 'no messages\n'
  const rows = messages.map((m) => [
    cellText(m.createdAt),
    cellText(m.severity),
    cellText(m.component),
    cellText(m.machine),
    cellText(m.messageId),
    m.trusted === false ? `${UNTRUSTED_MARK} ${messageText(m)}` : messageText(m),
  ])
  const header = ['TIME', 'SEVERITY', 'COMPONENT', 'MACHINE', 'ID', 'TEXT']
  const widths = header
    .slice(0, -1)
    .map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i < widths.length ? cell.padEnd(widths[i] ?? 0) : cell))
      .join('  ')
      .trimEnd()
  return `${[header, ...rows].map(line).join('\n')}\n`
}

/** The API's rendered `text`; else rendered here from the catalogue. */
function messageText(m: ApiMessage): string {
  if (typeof m.text === 'string') return oneLine(m.text)
  if (typeof m.module !== 'string' || typeof m.messageId !== 'number') return ''
  const strings = Array.isArray(m.insertionStrings) ? m.insertionStrings.map((s) => String(s)) : []
  const win32Error = typeof m.win32Error === 'number' ? m.win32Error : 0
  return oneLine(
    renderMessage(catalogue, {
      module: m.module,
      messageId: m.messageId,
      insertionStrings: strings,
      win32Error,
    }).text,
  )
}

function oneLine(value: string): string {
  // Line breaks fold to a space for reading; anything else a terminal would act on is escaped.
  return toVisibleText(value.replace(/\s*[\r\n]+\s*/g, ' '))
}
