/**
 * Component status routes: counts per component over an interval, the stored messages a count is
 * made of, and "Reset Counts" (docs/api.md "Summaries").
 */
import { listComponentMessages, listComponentSummaries, resetComponentCounts } from '@sitrep/api'
import type { SummaryWindow } from '@sitrep/core'
import { formatTallyToken, hourStartOf, isRollingWindow } from '@sitrep/core'
import { formatIsoTime } from '@sitrep/protocol'
import type { FastifyInstance } from 'fastify'
import { readComponentSummaries } from '../summarizers/component-summaries.ts'
import type { ComponentSummaryRow } from '../summarizers/component-summaries.ts'
import { applyCountReset } from '../summarizers/count-reset-service.ts'
import { requestUser } from './auth/register-auth.ts'
import { toMessageView } from './message-view.ts'
import { mountRoute } from './mount-route.ts'
import { RequestError } from './request-error.ts'
import type { SummaryRouteDeps } from './summary-route-deps.ts'

const HOUR_MS = 3_600_000

/** The interval as the replies show it. */
function intervalView(window: SummaryWindow, since: number, countedFrom: number) {
  return {
    token: isRollingWindow(window) ? null : formatTallyToken(window),
    name: window,
    since: formatIsoTime(since),
    countedFrom: formatIsoTime(countedFrom),
  }
}

function componentView(r: ComponentSummaryRow) {
  return {
    siteCode: r.siteCode,
    machine: r.machine,
    component: r.component,
    infos: r.infos,
    warnings: r.warnings,
    errors: r.errors,
    status: r.status,
    silent: r.silent,
    thresholds: r.thresholds,
    lastMessageAt: r.lastMessageAt === undefined ? null : formatIsoTime(r.lastMessageAt),
  }
}

/** Registers the component status routes on the API scope. */
export function registerComponentSummaryRoutes(api: FastifyInstance, deps: SummaryRouteDeps): void {
  const clock = deps.clock ?? Date.now

  mountRoute(api, listComponentSummaries, async (request) => {
    const q = request.query
    const window = q.interval ?? deps.settings.thresholdPeriod
    const result = await readComponentSummaries(deps.store, deps.settings, {
      window,
      now: clock(),
      ...(q.siteCode === undefined ? {} : { siteCode: q.siteCode }),
    })
    return {
      interval: intervalView(window, result.since, result.countedFrom),
      components: result.rows.map(componentView),
    }
  })

  mountRoute(api, listComponentMessages, async (request) => {
    const q = request.query
    const window = q.interval ?? deps.settings.thresholdPeriod
    const now = clock()
    const summary = await readComponentSummaries(deps.store, deps.settings, {
      window,
      now,
      siteCode: q.siteCode,
    })
    const row = summary.rows.find((r) => r.machine === q.machine && r.component === q.component)
    const counted =
      row === undefined
        ? 0
        : q.severity === undefined
          ? row.infos + row.warnings + row.errors
          : q.severity === 'informational'
            ? row.infos
            : q.severity === 'warning'
              ? row.warnings
              : row.errors
    // The same window the count used: whole hour buckets from countedFrom to the end of now's hour.
    const base = {
      siteCode: q.siteCode,
      machine: q.machine,
      component: q.component,
      since: summary.countedFrom,
      until: hourStartOf(now) + HOUR_MS,
      ...(q.severity === undefined ? {} : { severity: q.severity }),
    }
    const listed = await deps.store.countMessages(base)
    const messages = await deps.store.listMessages({
      ...base,
      limit: q.limit,
      ...(q.cursor === undefined ? {} : { beforeRecordId: q.cursor }),
    })
    const last = messages.at(-1)
    return {
      interval: intervalView(window, summary.since, summary.countedFrom),
      counted,
      listed,
      notStored: Math.max(0, counted - listed),
      messages: messages.map((m) => toMessageView(m, deps.catalogue, undefined)),
      nextCursor: last !== undefined && messages.length === q.limit ? last.recordId : null,
    }
  })

  mountRoute(api, resetComponentCounts, async (request) => {
    const body = request.body
    const at = clock()
    const user = requestUser(request).username
    const interval = body.interval ?? deps.settings.thresholdPeriod
    let raised: readonly number[]
    if (body.machine === undefined) {
      if (body.component !== undefined) throw new RequestError('invalid_body', 'component needs machine')
      raised = await applyCountReset(deps, {
        scope: { kind: 'site', siteCode: body.siteCode },
        interval,
        at,
        user,
      })
    } else if (body.component === undefined) {
      if (interval === 'all') {
        throw new RequestError(
          'invalid_body',
          'a machine-wide reset names one interval (no catalogue message for all)',
        )
      }
      raised = await applyCountReset(deps, {
        scope: { kind: 'machine', siteCode: body.siteCode, machine: body.machine },
        interval,
        at,
        user,
      })
    } else {
      raised = await applyCountReset(deps, {
        scope: {
          kind: 'component',
          siteCode: body.siteCode,
          machine: body.machine,
          component: body.component,
        },
        interval,
        at,
        user,
      })
    }
    return { reset: true as const, at: formatIsoTime(at), messageIds: [...raised] }
  })
}
