/**
 * The summary endpoints of docs/api.md: component status per site, machine and component (with
 * drill-down to the messages counted and "Reset Counts"), storage objects, deployments and their
 * clients and targets, the per-site roll-up and the severity histogram.
 */
import type { SummaryWindow } from '@sitrep/core'
import {
  ROLLING_WINDOW_NAMES,
  TALLY_INTERVAL_NAMES,
  currentDeploymentState,
  deploymentStateName,
  formatTallyToken,
  hourStartOf,
  isRollingWindow,
  parseTallyToken,
  rollUpSite,
  rollUpSites,
} from '@sitrep/core'
import type { Catalogue } from '@sitrep/protocol'
import { SEVERITY_NAMES, formatIsoTime } from '@sitrep/protocol'
import type { SiteStore } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { readChildDeployments, readChildStorage } from '../links/child-summaries.ts'
import { subtreeSites, sumDeploymentCounts } from '../links/subtree-summaries.ts'
import { zodToFieldIssues } from '../mp/field-issues.ts'
import { MpError } from '../mp/mp-error.ts'
import type { SiteReporter } from '../reporting/site-reporter.ts'
import { readComponentSummaries } from '../summarizers/component-summaries.ts'
import { applyCountReset } from '../summarizers/count-reset-service.ts'
import { readDeploymentSummaries } from '../summarizers/deployment-summary.ts'
import type { SummarizerSettings } from '../summarizers/summarizer-settings.ts'
import { SUMMARY_KINDS, parseStorageStates } from '../summarizers/summary-state-codec.ts'
import { toMessageView } from './message-view.ts'
import { requestUser } from './auth/register-auth.ts'
import { parseBody } from './auth/parse-body.ts'

const HOUR_MS = 3_600_000

/** What the summary routes need. */
export interface SummaryRouteDeps {
  readonly store: SiteStore
  readonly catalogue: Catalogue
  readonly settings: SummarizerSettings
  readonly reporter: Pick<SiteReporter, 'raise'>
  readonly parentSiteCode: string | null
  readonly clock?: () => number
}

const windowParam = z.string().transform((text, ctx): SummaryWindow => {
  const lower = text.toLowerCase()
  const named = [...TALLY_INTERVAL_NAMES, ...ROLLING_WINDOW_NAMES].find((n) => n === lower)
  const window = named ?? parseTallyToken(text)
  if (window === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a tally interval token or name, last-hour or last-24-hours',
    })
    return z.NEVER
  }
  return window
})
const siteCode = z
  .string()
  .regex(/^[A-Za-z0-9]{3}$/)
  .transform((s) => s.toUpperCase())
const name = z.string().min(1).max(255)
const ComponentsQuery = z.strictObject({ interval: windowParam.optional(), siteCode: siteCode.optional() })
const DrillQuery = z.strictObject({
  siteCode,
  machine: name,
  component: name,
  interval: windowParam.optional(),
  severity: z.enum(SEVERITY_NAMES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.coerce.number().int().min(1).optional(),
})
const ResetBody = z.strictObject({
  siteCode,
  machine: name.optional(),
  component: name.optional(),
  interval: z.union([windowParam, z.literal('all')]).optional(),
})
const ClientsQuery = z.strictObject({ state: z.string().max(64).optional() })
const TargetsBody = z.strictObject({ machines: z.array(name).max(100_000) })
const HistogramQuery = z.strictObject({
  hours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 31)
    .default(24),
  siteCode: siteCode.optional(),
})

function parseQuery<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input)
  if (!result.success) {
    const issues = zodToFieldIssues(result.error)
    throw new MpError('invalid_query', issues[0]?.message ?? 'the query string is not valid', { issues })
  }
  return result.data
}

function intervalView(window: SummaryWindow, since: number): object {
  return {
    token: isRollingWindow(window) ? null : formatTallyToken(window),
    name: window,
    since: formatIsoTime(since),
  }
}

/** Registers the summary routes on the API scope. */
export function registerSummaryRoutes(api: FastifyInstance, deps: SummaryRouteDeps): void {
  const clock = deps.clock ?? Date.now
  const read = { config: { minRole: 'read-only-analyst' } } as const
  const change = { config: { minRole: 'operations-administrator' } } as const

  api.get('/api/v1/summaries/components', read, async (request) => {
    const q = parseQuery(ComponentsQuery, request.query)
    const window = q.interval ?? deps.settings.thresholdPeriod
    const result = await readComponentSummaries(deps.store, deps.settings, {
      window,
      now: clock(),
      ...(q.siteCode === undefined ? {} : { siteCode: q.siteCode }),
    })
    return {
      interval: { ...intervalView(window, result.since), countedFrom: formatIsoTime(result.countedFrom) },
      components: result.rows.map((r) => ({
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
      })),
    }
  })

  api.get('/api/v1/summaries/components/messages', read, async (request) => {
    const q = parseQuery(DrillQuery, request.query)
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
      interval: { ...intervalView(window, summary.since), countedFrom: formatIsoTime(summary.countedFrom) },
      counted,
      listed,
      notStored: Math.max(0, counted - listed),
      messages: messages.map((m) => toMessageView(m, deps.catalogue, undefined)),
      nextCursor: last !== undefined && messages.length === q.limit ? last.recordId : null,
    }
  })

  api.post('/api/v1/summaries/components/reset', change, async (request) => {
    const body = parseBody(ResetBody, request.body)
    const at = clock()
    const user = requestUser(request).username
    const interval = body.interval ?? deps.settings.thresholdPeriod
    let raised: readonly number[]
    if (body.machine === undefined) {
      if (body.component !== undefined) throw new MpError('invalid_body', 'component needs machine')
      raised = await applyCountReset(deps, {
        scope: { kind: 'site', siteCode: body.siteCode },
        interval,
        at,
        user,
      })
    } else if (body.component === undefined) {
      if (interval === 'all') {
        throw new MpError(
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
    return { reset: true, at: formatIsoTime(at), messageIds: raised }
  })

  api.get('/api/v1/summaries/site-systems', read, async () => {
    const own = parseStorageStates(await deps.store.listSummaries(SUMMARY_KINDS.storageState))
    // This site's objects, then those its children sent up for themselves and their subtrees.
    const states = [
      ...own.map((s) => ({ ...s, siteCode: deps.settings.siteCode.toUpperCase() })),
      ...(await readChildStorage(deps.store)).flatMap((c) =>
        c.entries.map((s) => ({ ...s, siteCode: c.siteCode })),
      ),
    ]
    return {
      objects: states.map((s) => ({
        siteCode: s.siteCode,
        siteSystem: s.reading.siteSystem,
        object: s.reading.object,
        kind: s.reading.kind,
        bytesFree: s.reading.bytesFree,
        bytesTotal: s.reading.bytesTotal,
        percentFree:
          s.reading.bytesFree === null || s.reading.bytesTotal === null || s.reading.bytesTotal <= 0
            ? null
            : Math.round((s.reading.bytesFree / s.reading.bytesTotal) * 1000) / 10,
        status: s.status,
        accessible: s.reading.accessible,
        thresholds: {
          warningBytes: s.thresholds.warningFreeKb * 1024,
          criticalBytes: s.thresholds.criticalFreeKb * 1024,
        },
        checkedAt: formatIsoTime(s.checkedAt),
      })),
    }
  })

  api.get('/api/v1/summaries/deployments', read, async () => {
    const { summaries } = await readDeploymentSummaries(deps.store)
    const own = summaries.map((s) => ({ ...s, notYetReported: s.notYetReported.length }))
    // Counts at a parent are the sum over its subtree; each site below sent its own counts.
    const below = (await readChildDeployments(deps.store)).map((c) => c.entries)
    return { deployments: below.length === 0 ? own : sumDeploymentCounts([own, ...below]) }
  })

  api.get('/api/v1/summaries/deployments/:id/clients', read, async (request) => {
    const { id } = request.params as { id: string } // The route pattern guarantees :id.
    const q = parseQuery(ClientsQuery, request.query)
    const { summaries, clients } = await readDeploymentSummaries(deps.store, id)
    const summary = summaries[0]
    if (summary === undefined)
      throw new MpError('not_found', `no deployment ${id.slice(0, 64)} has reported or has targets`)
    if (q.state === 'not-yet-reported') {
      return {
        clients: summary.notYetReported.map((machine) => ({
          machine,
          state: null,
          stateName: 'Not Yet Reported',
          track: null,
          messageId: null,
          at: null,
        })),
      }
    }
    const rows = clients.map((c) => {
      const state = currentDeploymentState(c)
      const track =
        c.delivery !== undefined && (c.acceptance === undefined || c.delivery.time >= c.acceptance.time)
          ? 'delivery'
          : c.acceptance === undefined
            ? null
            : 'acceptance'
      const entry = track === null ? undefined : c[track]
      return {
        machine: c.client,
        state,
        stateName: deploymentStateName(state),
        track,
        messageId: entry?.messageId ?? null,
        at: formatIsoTime(entry?.time ?? c.lastReportedAt),
      }
    })
    return {
      clients:
        q.state === undefined
          ? rows
          : rows.filter((r) => String(r.state) === q.state || r.stateName === q.state),
    }
  })

  api.put('/api/v1/deployments/:id/targets', change, async (request) => {
    const { id } = request.params as { id: string } // The route pattern guarantees :id.
    const body = parseBody(TargetsBody, request.body)
    await deps.store.saveSummaries(SUMMARY_KINDS.deploymentTargets, [
      {
        key: id.toUpperCase(),
        valueJson: JSON.stringify({ deploymentId: id, machines: body.machines }),
        updatedAt: clock(),
      },
    ])
    return { deploymentId: id, machines: body.machines }
  })

  api.get('/api/v1/summaries/sites', read, async () => {
    const now = clock()
    const { rows } = await readComponentSummaries(deps.store, deps.settings, {
      window: deps.settings.thresholdPeriod,
      now,
    })
    const storage = parseStorageStates(await deps.store.listSummaries(SUMMARY_KINDS.storageState))
    const own = deps.settings.siteCode.toUpperCase()
    const below = subtreeSites(await deps.store.listSiteLinks(), own)
    const childStorage = new Map((await readChildStorage(deps.store)).map((c) => [c.siteCode, c.entries]))
    const codes = [
      ...new Set([
        own,
        ...below.map((b) => b.siteCode),
        ...childStorage.keys(),
        ...rows.map((r) => r.siteCode.toUpperCase()),
      ]),
    ].sort()
    const tally = (statuses: readonly string[]) => ({
      ok: statuses.filter((s) => s === 'ok').length,
      warning: statuses.filter((s) => s === 'warning').length,
      critical: statuses.filter((s) => s === 'critical').length,
    })
    const place = new Map(below.map((b) => [b.siteCode, b]))
    const perSite = codes.map((code) => {
      const components = rows.filter((r) => r.siteCode.toUpperCase() === code)
      const objects = code === own ? storage : (childStorage.get(code) ?? [])
      return {
        code,
        components,
        objects,
        summary: rollUpSite({ siteCode: code, components, storage: objects }),
      }
    })
    const tree = codes.map((code) => ({
      siteCode: code,
      parentSiteCode: code === own ? null : (place.get(code)?.parentSiteCode ?? own),
    }))
    const rolled = rollUpSites(
      perSite.map((p) => p.summary),
      tree,
    )
    return {
      sites: perSite.map(({ code, components, objects, summary }) => {
        const unknownSince = place.get(code)?.unknownSince ?? null
        return {
          siteCode: code,
          parentSiteCode: code === own ? deps.parentSiteCode : (place.get(code)?.parentSiteCode ?? own),
          status: summary.status,
          rolledUpStatus: rolled.sites.get(code)?.rolledUpStatus ?? summary.status,
          infos: summary.infos,
          warnings: summary.warnings,
          errors: summary.errors,
          components: tally(components.map((c) => c.status)),
          storage: tally(objects.map((o) => o.status)),
          unknownSince: unknownSince === null ? null : formatIsoTime(unknownSince),
        }
      }),
    }
  })

  api.get('/api/v1/summaries/severity-histogram', read, async (request) => {
    const q = parseQuery(HistogramQuery, request.query)
    const last = hourStartOf(clock())
    const first = last - (q.hours - 1) * HOUR_MS
    const counters = await deps.store.componentCounts({
      since: first,
      ...(q.siteCode === undefined ? {} : { siteCode: q.siteCode }),
    })
    const buckets = new Map<number, { informational: number; warning: number; error: number }>()
    for (let h = first; h <= last; h += HOUR_MS) buckets.set(h, { informational: 0, warning: 0, error: 0 })
    for (const c of counters) {
      const bucket = buckets.get(c.hourStart)
      if (bucket !== undefined) bucket[c.severity] += c.count
    }
    return {
      buckets: [...buckets].map(([hourStart, counts]) => ({
        hourStart: formatIsoTime(hourStart),
        ...counts,
      })),
    }
  })
}
