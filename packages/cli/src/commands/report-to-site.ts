/**
 * `sitrep report --site URL`: raises the message on a site server through its provider endpoint
 * (`POST /api/v1/messages`) with an API token, instead of through a management point as a
 * client. The site stores it as one of its own and audits who raised it; nothing is spooled: the
 * command exits 0 only once the site has committed the message.
 */
import type { Severity, StatusAttribute } from '@sitrep/protocol'
import { createSiteProvider, isApiError, SitrepError } from '@sitrep/sdk'
import type { RaisedMessage } from '@sitrep/sdk'
import type { CliIo } from '../cli-io.ts'
import { EXIT } from '../cli-io.ts'
import { issueLines, withHint } from '../hint.ts'
import { resolveSiteToken } from '../site-api.ts'
import { UsageError } from '../usage-error.ts'

/** What the provider path of `sitrep report` takes. */
export interface ReportToSiteInput {
  readonly site: string
  readonly token?: string
  readonly dataDir?: string
  readonly severity: Severity
  /** Set for a raw message (`--id`); generic messages carry their text in `insertionStrings`. */
  readonly messageId?: number
  readonly module?: string
  readonly component: string
  readonly insertionStrings: readonly string[]
  readonly attributes: readonly StatusAttribute[]
  readonly machine?: string
  readonly json: boolean
}

/**
 * Raises one message on the site. A generic message (no `--id`) takes its text from the
 * `--insert` values joined, as `SMS Provider` 39997–39999; with `--id` it is a raw message of
 * `--module`.
 *
 * @example
 * // sitrep report --site http://127.0.0.1:8080 --severity warning --component Backup --insert "Disk D: is nearly full"
 */
export async function reportToSite(input: ReportToSiteInput, io: CliIo): Promise<number> {
  const token = await resolveSiteToken('report', input, io)
  if (token === undefined) return EXIT.failure
  let provider
  try {
    provider = createSiteProvider({ url: input.site, token })
  } catch (error) {
    if (error instanceof SitrepError) throw new UsageError(`--site ${error.message}`, { cause: error })
    throw error
  }
  const common = {
    component: input.component,
    attributes: input.attributes,
    ...(input.machine === undefined ? {} : { machine: input.machine }),
  }
  let raised: RaisedMessage
  try {
    if (input.messageId === undefined) {
      const text = input.insertionStrings.join('')
      if (text === '') throw new UsageError('--insert: a generic message needs its text; give --insert "…"')
      raised =
        input.severity === 'error'
          ? await provider.raiseError(text, common)
          : input.severity === 'warning'
            ? await provider.raiseWarning(text, common)
            : await provider.raiseInformational(text, common)
    } else {
      if (input.module === undefined)
        throw new UsageError('--module: a message with --id on a site needs its module')
      raised = await provider.raiseRaw(input.module, input.messageId, {
        ...common,
        severity: input.severity,
        insertionStrings: input.insertionStrings,
      })
    }
  } catch (error) {
    if (isApiError(error)) {
      const said = `${error.code}: ${error.message}`
      const told =
        error.status === 401 || error.status === 403
          ? withHint(said, 'raising needs an operations administrator or a reporter token: `sitrep token`')
          : said
      io.stderr(
        `sitrep report: ${input.site} refused the message: ${told}${issueLines(error.message, error.issues)}\n`,
      )
      return EXIT.failure
    }
    if (error instanceof SitrepError) {
      io.stderr(`sitrep report: ${error.message}\n`)
      return EXIT.notDelivered
    }
    throw error
  }
  const what = `${raised.id} (${raised.module} ${raised.messageId}, ${raised.severity})`
  io.stdout(
    input.json
      ? `${JSON.stringify({ status: 'accepted', ...raised, site: input.site })}\n`
      : `accepted ${what} by site ${input.site} (sequence ${raised.sequence})\n`,
  )
  return EXIT.ok
}
