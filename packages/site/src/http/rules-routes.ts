/**
 * `GET /api/v1/rules`, `PUT /api/v1/rules` (replace the ordered list; operations administrators)
 * and `POST /api/v1/rules/dry-run` (what a proposed list would do to stored messages; anyone
 * who may read). Rules are checked with core's `parseFilterRules`, whose issues name the field.
 */
import { dryRunRules, listRules, replaceRules } from '@sitrep/api'
import { parseFilterRules } from '@sitrep/core'
import type { FilterRule } from '@sitrep/core'
import { parseIsoTime } from '@sitrep/protocol'
import type { SiteStore } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { dryRunStoredMessages } from '../rules/dry-run-stored-messages.ts'
import { mountRoute } from './mount-route.ts'
import { refuseRequestBody } from './request-error.ts'

/** Registers the rule routes on the API scope. */
export function registerRulesRoutes(api: FastifyInstance, deps: { readonly store: SiteStore }): void {
  mountRoute(api, listRules, async () => ({
    rules: await deps.store.listRules(),
  }))

  mountRoute(api, replaceRules, async (request) => {
    const rules = checkRules(request.body.rules)
    await deps.store.saveRules(rules)
    return { rules }
  })

  mountRoute(api, dryRunRules, async (request) => {
    const body = request.body
    const rules = checkRules(body.rules)
    const since = body.since === undefined ? undefined : parseIsoTime(body.since)
    const until = body.until === undefined ? undefined : parseIsoTime(body.until)
    return dryRunStoredMessages(deps.store, rules, {
      ...(since === undefined ? {} : { since }),
      ...(until === undefined ? {} : { until }),
    })
  })
}

function checkRules(input: readonly unknown[]): FilterRule[] {
  const result = parseFilterRules(input)
  if (!result.ok) refuseRequestBody(result.issues)
  return result.value
}
