/**
 * The provider endpoint, as `@sitrep/api`'s `routes/provider.ts` declares it:
 * `POST /api/v1/messages` raises status messages on the site server, as the Raise methods of the
 * ConfigMgr provider do. Each message enters the site's inbox as one of the site's own (origin
 * the site, its own sequence) and runs through the filter rules; the reply comes after the
 * durable commit. Every call that raises something is audited by an `SMS Provider` 39990 audit
 * message naming the caller, committed with the messages it describes.
 */
import { raiseMessages } from '@sitrep/api'
import type { RaiseResult } from '@sitrep/api'
import { formatIssues } from '@sitrep/protocol'
import type { Severity, StatusMessage } from '@sitrep/protocol'
import type { FastifyInstance } from 'fastify'
import { PROVIDER_MODULE, toRaiseInput } from '../reporting/provider-raise.ts'
import type { RaiseInput, SiteReporter } from '../reporting/site-reporter.ts'
import { requestUser } from './auth/register-auth.ts'
import { mountRoute } from './mount-route.ts'

/** The audit message of a provider call: `User "%1" raised status messages … (%2 in all): %3.` */
export const PROVIDER_AUDIT_MESSAGE_ID = 39990
/** Attribute 403, "User Name": who raised the messages. */
const USER_NAME_ATTRIBUTE = 403
const AUDIT_LIST_MAX = 255

/** What the provider routes need. */
export interface ProviderRouteDeps {
  readonly reporter: Pick<SiteReporter, 'raiseMany'>
  /** Severity of a catalogue message, for raw raises that give none. */
  readonly severityOf: (module: string, messageId: number) => Severity | undefined
}

/** Registers `POST /api/v1/messages` on the API scope. */
export function registerProviderRoutes(api: FastifyInstance, deps: ProviderRouteDeps): void {
  mountRoute(api, raiseMessages, async (request, reply) => {
    const user = requestUser(request)
    const converted = request.body.messages.map((item) => toRaiseInput(item, deps.severityOf))
    const inputs = converted.flatMap((c) => (c.ok ? [c.input] : []))
    const outcomes =
      inputs.length === 0
        ? []
        : await deps.reporter.raiseMany(inputs, {
            audit: (raised) => auditInput(user.username, raised),
          })
    let next = 0
    const results = converted.map((c, index): RaiseResult => {
      if (!c.ok) return { index, status: 'rejected', error: { code: c.code, message: c.message } }
      const outcome = outcomes[next++]
      if (outcome === undefined || !outcome.ok) {
        const issues = outcome === undefined || outcome.ok ? [] : outcome.issues
        return {
          index,
          status: 'rejected',
          error: { code: 'message_invalid', message: `messages[${index}]: ${formatIssues(issues)}` },
        }
      }
      const { message } = outcome
      return {
        index,
        status: 'accepted',
        id: message.id,
        sequence: message.sequence,
        module: message.module,
        messageId: message.messageId,
        severity: message.severity,
      }
    })
    request.log.info(
      {
        user: user.username,
        raised: results.filter((r) => r.status === 'accepted').length,
        rejected: results.filter((r) => r.status === 'rejected').length,
      },
      'provider: status messages raised',
    )
    return reply.code(201).send({ results })
  })
}

/** The audit message of one call: who raised which messages. */
function auditInput(username: string, raised: readonly StatusMessage[]): RaiseInput | undefined {
  if (raised.length === 0) return undefined
  return {
    module: PROVIDER_MODULE,
    component: PROVIDER_MODULE,
    messageId: PROVIDER_AUDIT_MESSAGE_ID,
    severity: 'informational',
    messageType: 'audit',
    insertionStrings: [username.slice(0, 255), String(raised.length), listRaised(raised)],
    attributes: [{ id: USER_NAME_ATTRIBUTE, value: username.slice(0, 255) }],
  }
}

/** `SMS Provider 39999 (0193…), Contoso 12 (0193…)`, cut to fit one insertion string. */
export function listRaised(raised: readonly Pick<StatusMessage, 'module' | 'messageId' | 'id'>[]): string {
  let text = ''
  for (const [i, m] of raised.entries()) {
    const item = `${m.module} ${m.messageId} (${m.id})`
    const rest = raised.length - i
    const joined = text === '' ? item : `${text}, ${item}`
    const tail = rest > 1 ? ` and ${rest - 1} more` : ''
    if (joined.length + tail.length > AUDIT_LIST_MAX)
      return `${text} and ${rest} more`.slice(0, AUDIT_LIST_MAX)
    text = joined
  }
  return text
}
