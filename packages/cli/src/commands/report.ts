import type { Severity, StatusAttribute } from '@sitrep/protocol'
import { formatIssues, SEVERITY_NAMES } from '@sitrep/protocol'
import type { SitrepClient } from '@sitrep/sdk'
import { createSitrepClient, siteStateDir, SitrepError, SitrepInvalidMessageError } from '@sitrep/sdk'
import { resolveClientDir, resolveMpUrl } from '../client-settings.ts'
import type { CliIo } from '../cli-io.ts'
import { EXIT } from '../cli-io.ts'
import { reportToSite } from './report-to-site.ts'
import { countOf } from '../plural.ts'
import { UsageError } from '../usage-error.ts'

/** Options of `sitrep report`, as commander parsed them. */
export interface ReportOptions {
  readonly severity: string
  readonly id?: number
  readonly module?: string
  readonly component: string
  readonly insert?: readonly string[]
  readonly attr?: readonly string[]
  readonly mp?: string
  readonly siteCode?: string
  readonly machine?: string
  readonly wait?: boolean
  /** Seconds `--wait` waits for delivery. */
  readonly waitTimeout?: number
  readonly json?: boolean
  /** Raise on this site server through its provider endpoint instead of through an MP. */
  readonly site?: string
  /** API token for `--site` (default `SITREP_TOKEN`, else `<data-dir>/admin-token`). */
  readonly token?: string
  readonly dataDir?: string
}

/** The generic user-defined message IDs of module `SMS Provider`, by severity (template `%1%2`). */
export const GENERIC_IDS = { informational: 39997, warning: 39998, error: 39999 } as const satisfies Record<
  Severity,
  number
>
/** Module of the generic IDs, and of `--id` when `--module` is left out. */
export const GENERIC_MODULE = 'SMS Provider'
/** How long `--wait` waits for delivery by default, in seconds. */
export const DEFAULT_WAIT_SECONDS = 30

/** MP answers after which the message is spooled rather than given up on. */
const SPOOL_CODES: ReadonlySet<string> = new Set([
  'network_error',
  'unavailable',
  'rate_limited',
  'client_not_approved',
  'not_registered',
])

/**
 * `sitrep report`: raises one status message. Exit 0 once the MP (202, accepted or duplicate)
 * or the local spool (fsync'd) has committed it; with `--wait`, 0 only once the MP has, and 3
 * when that did not happen within `--wait-timeout` seconds. A message the MP rejects exits 2.
 *
 * @example
 * // sitrep report --severity error --component Demo --insert "disk full"
 * await reportCommand({ severity: 'error', component: 'Demo', insert: ['disk full'] }, io)
 * // prints: accepted 0193f5c1-… (SMS Provider 39999, error) by http://127.0.0.1:8080
 */
export async function reportCommand(options: ReportOptions, io: CliIo): Promise<number> {
  const severity = parseSeverity(options.severity)
  const attributes = (options.attr ?? []).map(parseAttribute)
  if (options.site !== undefined) {
    const clash = (
      [
        ['--mp', options.mp],
        ['--site-code', options.siteCode],
        ['--wait', options.wait],
      ] as const
    ).find(([, value]) => value !== undefined)
    if (clash !== undefined) {
      throw new UsageError(
        `${clash[0]} is for reporting through an MP; --site raises on the site server itself`,
      )
    }
    return reportToSite(
      {
        site: options.site,
        severity,
        component: options.component,
        insertionStrings: options.insert ?? [],
        attributes,
        json: options.json === true,
        ...(options.id === undefined
          ? {}
          : { messageId: options.id, module: options.module ?? GENERIC_MODULE }),
        ...(options.token === undefined ? {} : { token: options.token }),
        ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
        ...(options.machine === undefined ? {} : { machine: options.machine }),
      },
      io,
    )
  }
  const mpUrl = resolveMpUrl(options.mp, io)
  const messageId = options.id ?? GENERIC_IDS[severity]
  const module = options.module ?? GENERIC_MODULE
  const client = createClient(mpUrl, options, io)
  try {
    let message
    try {
      message = await client.buildMessage({
        severity,
        messageId,
        module,
        component: options.component,
        insertionStrings: options.insert ?? [],
        attributes,
        ...(options.siteCode === undefined ? {} : { siteCode: options.siteCode }),
      })
    } catch (error) {
      if (error instanceof SitrepInvalidMessageError)
        throw new UsageError(flagIssues(error), { cause: error })
      throw error
    }
    const say = (status: string, text: string): void =>
      io.stdout(
        options.json === true
          ? `${JSON.stringify({ id: message.id, sequence: message.sequence, status, mp: mpUrl })}\n`
          : `${text}\n`,
      )
    const what = `${message.id} (${module} ${messageId}, ${severity})`
    let sendError: SitrepError
    try {
      const result = await client.submit(message)
      if (result.status === 'rejected') {
        io.stderr(`sitrep report: the MP rejected ${what}:\n${formatIssues(result.issues)}\n`)
        return EXIT.failure
      }
      say(result.status, `${result.status} ${what} by ${mpUrl}`)
      await deliverEarlierSpool(client, io)
      return EXIT.ok
    } catch (error) {
      if (!(error instanceof SitrepError) || !SPOOL_CODES.has(error.code)) return failed(error, io)
      sendError = error
    }
    await client.submitPending(message)
    if (options.wait !== true) {
      say(
        'spooled',
        `spooled ${what}: ${sendError.message}; it is sent by the next \`sitrep report\` that reaches the MP`,
      )
      return EXIT.ok
    }
    const waitMs = (options.waitTimeout ?? DEFAULT_WAIT_SECONDS) * 1000
    const delivery = await client.flush({ deadline: io.clock() + waitMs })
    if (delivery.delivered) {
      say('delivered', `delivered ${what} to ${mpUrl} from the spool`)
      return EXIT.ok
    }
    say(
      'spooled',
      `spooled ${what} but not delivered within ${waitMs / 1000} s: ${delivery.lastError?.message ?? sendError.message}`,
    )
    return EXIT.notDelivered
  } finally {
    await client.close()
  }
}

function createClient(mpUrl: string, options: ReportOptions, io: CliIo): SitrepClient {
  try {
    // One state directory per MP: what is spooled for it is delivered to it and to no other.
    return createSitrepClient({
      target: mpUrl,
      stateDir: siteStateDir(resolveClientDir(io), mpUrl),
      clock: io.clock,
      ...(options.machine === undefined ? {} : { machine: options.machine }),
    })
  } catch (error) {
    if (error instanceof SitrepError && error.code === 'invalid_argument') {
      throw new UsageError(`--mp ${error.message}`, { cause: error })
    }
    throw error
  }
}

/** After a successful send, one pass (no waiting) over what earlier runs spooled. */
async function deliverEarlierSpool(client: SitrepClient, io: CliIo): Promise<void> {
  const result = await client.flush({ deadline: io.clock() })
  if (result.acknowledged > 0) {
    io.stderr(`also delivered ${countOf(result.acknowledged, 'spooled message')}\n`)
  }
  if (result.deadLettered > 0) {
    io.stderr(
      `the MP rejected ${countOf(result.deadLettered, 'spooled message')}; see the spool's dead-letter.jsonl\n`,
    )
  }
}

function failed(error: unknown, io: CliIo): number {
  if (!(error instanceof SitrepError)) throw error
  io.stderr(`sitrep report: ${error.message}\n`)
  return EXIT.failure
}

function parseSeverity(value: string): Severity {
  const severity = SEVERITY_NAMES.find((s) => s === value)
  if (severity === undefined) {
    throw new UsageError(`--severity must be one of ${SEVERITY_NAMES.join(', ')}, got "${value}"`)
  }
  return severity
}

function parseAttribute(value: string): StatusAttribute {
  const match = /^(\d{1,10})=(.*)$/s.exec(value)
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new UsageError(`--attr must look like ID=VALUE (e.g. 400=PS100001), got "${value}"`)
  }
  return { id: Number(match[1]), value: match[2] }
}

/** Names the flag behind each field issue (`insertionStrings[0]` → `--insert #1`). */
function flagIssues(error: SitrepInvalidMessageError): string {
  return error.issues
    .map((issue) => {
      const field = issue.field
        .replace(/^insertionStrings\[(\d+)\]/, (_, i: string) => `--insert #${Number(i) + 1}`)
        .replace(/^insertionStrings$/, '--insert')
        .replace(/^attributes\[(\d+)\]\.value/, (_, i: string) => `--attr #${Number(i) + 1}`)
        .replace(/^attributes/, '--attr')
        .replace(/^siteCode/, '--site-code')
        .replace(/^machine/, '--machine')
        .replace(/^component/, '--component')
        .replace(/^module/, '--module')
        .replace(/^messageId/, '--id')
      return `${field}: ${issue.message}`
    })
    .join('; ')
}
