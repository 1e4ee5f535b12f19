/**
 * The messages every scenario and baseline sends or stores: one shape, so Sitrep and the
 * baselines handle the same bytes. Each message has three insertion strings and two attributes
 * (deployment 401, collection 402); severities are 90 % informational, 7 % warning, 3 % error,
 * spread over {@link BENCH_COMPONENTS} and 5,000 machines.
 */
import type { Severity, StatusMessage } from '@sitrep/protocol'
import { encodeStatusMessageJson, encodeStatusXml, messageToStatusXml, newMessageId } from '@sitrep/protocol'
import { formatRfc5424 } from '@sitrep/site'

/** Components of the generated messages; queries pick one of them. */
export const BENCH_COMPONENTS: readonly string[] = Array.from(
  { length: 40 },
  (_, i) => `BENCH_COMPONENT_${String(i).padStart(2, '0')}`,
)
/** Distinct deployment IDs (attribute 401): a query by one matches 1 in 1,000 messages. */
export const DEPLOYMENT_COUNT = 1000
/** Distinct `KBnnnnn` words in `%3`: a full-text search for one matches 1 in 500 messages. */
export const KB_WORD_COUNT = 500
export const MACHINE_COUNT = 5000

/** Origin of the generated messages (a client GUID). */
export const BENCH_ORIGIN_ID = 'GUID:6A2B2C1E-0000-4000-8000-0000000BE7C8'

/** Severity of message `i`: 3 % error, 7 % warning, the rest informational. */
export function benchSeverity(i: number): Severity {
  const r = i % 100
  return r < 3 ? 'error' : r < 10 ? 'warning' : 'informational'
}

/** The deployment ID of message `i`, e.g. `DEP00042`. */
export function deploymentId(i: number): string {
  return `DEP${String(i % DEPLOYMENT_COUNT).padStart(5, '0')}`
}

/** The full-text word of message `i`, e.g. `KB00123`. */
export function kbWord(i: number): string {
  return `KB${String((i * 7) % KB_WORD_COUNT).padStart(5, '0')}`
}

/** The three insertion strings of message `i`. */
export function benchInsertionStrings(i: number): string[] {
  return [deploymentId(i), `Setup program ${i % 37}`, `Installed update ${kbWord(i)} with exit code 0`]
}

/** Message `i`, created at `createdAt` (epoch ms), with a fresh UUIDv7 unless `id` is given. */
export function makeBenchMessage(
  i: number,
  createdAt: number,
  options: { readonly id?: string; readonly component?: string; readonly originId?: string } = {},
): StatusMessage {
  return {
    id: options.id ?? newMessageId(createdAt),
    // The MP takes a signed message only when its origin is the signing client.
    origin: { kind: 'client', id: options.originId ?? BENCH_ORIGIN_ID },
    sequence: i + 1,
    severity: benchSeverity(i),
    messageType: 'milestone',
    messageId: 10008,
    module: 'SMS Client',
    component: options.component ?? BENCH_COMPONENTS[i % BENCH_COMPONENTS.length] ?? 'BENCH_COMPONENT_00',
    machine: `PC-${String(i % MACHINE_COUNT).padStart(5, '0')}`,
    siteCode: 'PS1',
    topLevelSiteCode: null,
    processId: 4321,
    threadId: 1234,
    win32Error: 0,
    createdAt,
    perClient: false,
    reportFunction: 'report',
    transaction: false,
    successfulTransaction: false,
    insertionStrings: benchInsertionStrings(i),
    attributes: [
      { id: 401, value: deploymentId(i) },
      { id: 402, value: `COL${String(i % 50).padStart(5, '0')}` },
    ],
  }
}

/** Placeholders for the message ID and the origin client ID in a body template. */
const ID_SLOT = '\u0000id\u0000'
const ORIGIN_SLOT = '\u0000origin\u0000'

/**
 * Makes JSON batch bodies of `batch` messages quickly: the body is encoded once with placeholder
 * IDs, and each call joins the pieces around fresh UUIDv7s (same length, so every body of a run
 * has the same size). The origin is the sending client's ID, as the MP requires.
 */
export function createJsonBodyFactory(batch: number, createdAt: number): (originId: string) => string {
  const messages = Array.from({ length: batch }, (_, i) =>
    encodeStatusMessageJson(makeBenchMessage(i, createdAt, { id: ID_SLOT, originId: ORIGIN_SLOT })),
  )
  const template = JSON.stringify({ messages })
  const jsonSlot = (slot: string): string => JSON.stringify(slot).slice(1, -1)
  const perOrigin = new Map<string, string[]>()
  return (originId) => {
    let parts = perOrigin.get(originId)
    if (parts === undefined) {
      parts = template.replaceAll(jsonSlot(ORIGIN_SLOT), originId).split(jsonSlot(ID_SLOT))
      perOrigin.set(originId, parts)
    }
    let body = parts[0] ?? ''
    for (let i = 1; i < parts.length; i++) body += newMessageId() + (parts[i] ?? '')
    return body
  }
}

/**
 * The XML `Status` body of one message (`SoftDistProgramCompletedSuccessfullyEvent`, the same
 * module and message ID as the JSON bodies). The MP assigns the ID, so every body is the same.
 */
export function statusXmlBody(): string {
  // Message 50 is informational, the severity of the event class.
  const result = messageToStatusXml({
    ...makeBenchMessage(50, Date.now()),
    component: 'Software Distribution',
    insertionStrings: [deploymentId(0), '', '', 'Bench package', 'Setup program 0', '', '', ''],
    attributes: [
      { id: 401, value: deploymentId(0) },
      { id: 400, value: 'Bench package' },
    ],
  })
  if (!result.ok) throw new Error(`bench XML message does not encode: ${JSON.stringify(result.issues)}`)
  return encodeStatusXml(result.value, { declaration: 'UTF-8' })
}

/** Message `i` as one RFC 5424 line (LF-terminated), with its fields as structured data. */
export function rfc5424Line(i: number, createdAt: number): string {
  const m = makeBenchMessage(i, createdAt)
  const params: [string, string][] = [
    ['id', m.id],
    ['module', m.module],
    ['component', m.component],
    ['messageId', String(m.messageId)],
    ['siteCode', m.siteCode ?? ''],
    ...m.insertionStrings.map((s, n): [string, string] => [`ins${n + 1}`, s]),
    ...m.attributes.map((a): [string, string] => [`attr${a.id}`, a.value]),
  ]
  return `${formatRfc5424({
    facility: 16,
    severity: m.severity === 'error' ? 3 : m.severity === 'warning' ? 4 : 6,
    timestamp: createdAt,
    hostname: m.machine,
    appName: 'sitrep-bench',
    procId: String(m.processId),
    msgId: String(m.messageId),
    structuredData: [{ id: 'sitrep@32473', params }],
    message: m.insertionStrings.join(' '),
  })}\n`
}
