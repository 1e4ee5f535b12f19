/** The ordered status filter rules, and a dry run of a proposed list (docs/filter-rules.md). */
import type { DryRunReport, FilterRule } from '@sitrep/core'
import { z } from 'zod'
import { defineRoute } from '../define-route.ts'
import { IsoTimeText } from '../fields.ts'

/**
 * A filter rule as docs/filter-rules.md describes it. The site checks each rule with core's
 * `parseFilterRules`, whose issues name the field; the document shows it as an object.
 */
export const FilterRuleSchema = z
  .custom<FilterRule>((value) => typeof value === 'object' && value !== null && !Array.isArray(value))
  .meta({
    id: 'FilterRule',
    description: 'A status filter rule: id, name, enabled, criteria, actions (docs/filter-rules.md).',
  })

/** What a dry run counts. */
export const DryRunReportSchema = z
  .object({
    messages: z.number().int(),
    writtenToDatabase: z.number().int(),
    notKept: z.number().int(),
    reportedToOsLog: z.number().int(),
    replicated: z.object({ low: z.number().int(), medium: z.number().int(), high: z.number().int() }),
    forwardedToSummarizers: z.number().int(),
    programRuns: z.number().int(),
    programs: z.array(z.object({ commandLine: z.string(), count: z.number().int() })),
    exports: z.array(z.object({ target: z.string(), count: z.number().int() })),
    rules: z.array(
      z.object({ id: z.string(), name: z.string(), matched: z.number().int(), stopped: z.number().int() }),
    ),
    retention: z.array(z.object({ daysToKeep: z.number().int(), count: z.number().int() })),
  })
  .meta({ id: 'DryRunReport' }) satisfies z.ZodType<DryRunReport>

const RulesReply = z.object({ rules: z.array(FilterRuleSchema) })

/** `GET /api/v1/rules` */
export const listRules = defineRoute({
  method: 'GET',
  url: '/api/v1/rules',
  summary: 'The ordered status filter rules',
  auth: { minRole: 'read-only-analyst' },
  replies: { 200: RulesReply },
  errors: [],
})

/** `PUT /api/v1/rules` */
export const replaceRules = defineRoute({
  method: 'PUT',
  url: '/api/v1/rules',
  summary: 'Replace the ordered list of filter rules',
  auth: { minRole: 'operations-administrator' },
  body: z.strictObject({ rules: z.array(z.unknown()).max(10_000) }),
  replies: { 200: RulesReply },
  errors: [],
})

/** `POST /api/v1/rules/dry-run` */
export const dryRunRules = defineRoute({
  method: 'POST',
  url: '/api/v1/rules/dry-run',
  summary: 'What a proposed rule list would do to the stored messages of a time range',
  auth: { minRole: 'read-only-analyst' },
  body: z.strictObject({
    rules: z.array(z.unknown()).max(10_000),
    since: IsoTimeText.optional(),
    until: IsoTimeText.optional(),
  }),
  replies: { 200: DryRunReportSchema },
  errors: [],
})
