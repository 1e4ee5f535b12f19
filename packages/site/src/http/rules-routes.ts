/**
 * `GET /api/v1/rules`, `PUT /api/v1/rules` (replace the ordered list; operations administrators)
 * and `POST /api/v1/rules/dry-run` (what a proposed list would do to stored messages; anyone
 * who may read). Rules are checked with core's `parseFilterRules`, whose issues name the field.
 */
import { parseFilterRules } from '@sitrep/core'
import type { FilterRule } from '@sitrep/core'
import { parseIsoTime } from '@sitrep/protocol'
import type { SiteStore } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { refuseBody } from '../mp/read-body.ts'
import { dryRunStoredMessages } from '../rules/dry-run-stored-messages.ts'
import { parseBody } from './auth/parse-body.ts'

const isoTime = z.string().refine((text) => parseIsoTime(text) !== undefined, {
  message: 'must be an ISO 8601 time with an offset, e.g. 2026-11-21T08:00:00Z',
})

const RulesBody = z.strictObject({ rules: z.array(z.unknown()).max(10_000) })
const DryRunBody = z.strictObject({
  rules: z.array(z.unknown()).max(10_000),
  since: isoTime.optional(),
  until: isoTime.optional(),
})

/** Registers the rule routes on the API scope. */
export function registerRulesRoutes(api: FastifyInstance, deps: { readonly store: SiteStore }): void {
  api.get('/api/v1/rules', { config: { minRole: 'read-only-analyst' } }, async () => ({
    rules: await deps.store.listRules(),
  }))

  api.put('/api/v1/rules', { config: { minRole: 'operations-administrator' } }, async (request) => {
    const rules = checkRules(parseBody(RulesBody, request.body).rules)
    await deps.store.saveRules(rules)
    return { rules }
  })

  api.post('/api/v1/rules/dry-run', { config: { minRole: 'read-only-analyst' } }, async (request) => {
    const body = parseBody(DryRunBody, request.body)
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
  if (!result.ok) refuseBody(result.issues)
  return result.value
}
