/**
 * Summarizer state as the site keeps it in the store's `summaries` table: JSON texts written by
 * the site and parsed back through these schemas once, at the edge, when read.
 */
import { ROLLING_WINDOW_NAMES, SUMMARY_STATUSES, TALLY_INTERVAL_NAMES, STORAGE_KINDS } from '@sitrep/core'
import type { ComponentState, CountReset, StorageState } from '@sitrep/core'
import { SEVERITY_NAMES } from '@sitrep/protocol'
import type { SummaryEntry } from '@sitrep/store'
import { z } from 'zod'

/** Kinds of `summaries` rows the site writes. */
export const SUMMARY_KINDS = {
  componentState: 'component-state',
  countReset: 'count-reset',
  storageState: 'storage-state',
  deploymentTargets: 'deployment-targets',
  /** A child site's storage objects, keyed by its site code (docs/hierarchy.md "Summaries up"). */
  childStorageState: 'child-storage-state',
  /** A child site's deployment counts, keyed by its site code. */
  childDeployments: 'child-deployments',
} as const

const counts = z.object({ infos: z.number(), warnings: z.number(), errors: z.number() })
const status = z.enum(SUMMARY_STATUSES)
const windowName = z.enum([...TALLY_INTERVAL_NAMES, ...ROLLING_WINDOW_NAMES])

const ComponentStateSchema = z.object({
  status,
  since: z.number(),
  updatedAt: z.number(),
  counts,
  periodStart: z.number().exactOptional(),
  belowSince: z.number().exactOptional(),
  lastMessageAt: z.number().exactOptional(),
  silent: z.boolean(),
})

const scope = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('component'),
    siteCode: z.string(),
    machine: z.string(),
    component: z.string(),
  }),
  z.object({ kind: z.literal('machine'), siteCode: z.string(), machine: z.string() }),
  z.object({ kind: z.literal('site'), siteCode: z.string() }),
])
const counter = z.object({
  siteCode: z.string(),
  machine: z.string(),
  component: z.string(),
  hourStart: z.number(),
  severity: z.enum(SEVERITY_NAMES),
  count: z.number(),
})
const CountResetSchema = z.object({
  scope,
  severity: z.enum(SEVERITY_NAMES),
  interval: z.union([windowName, z.literal('all')]),
  at: z.number(),
  baselines: z.array(counter),
})

const StorageStateSchema = z.object({
  reading: z.object({
    siteSystem: z.string(),
    object: z.string(),
    role: z.string(),
    kind: z.enum(STORAGE_KINDS),
    accessible: z.boolean(),
    bytesFree: z.number().nullable(),
    bytesTotal: z.number().nullable(),
  }),
  checkedAt: z.number(),
  status,
  thresholds: z.object({ warningFreeKb: z.number(), criticalFreeKb: z.number() }),
  space: z.enum([...SUMMARY_STATUSES, 'unknown']),
  downSince: z.number().exactOptional(),
  remindedAt: z.number().exactOptional(),
  longOutage: z.boolean(),
})

const TargetsSchema = z.object({ deploymentId: z.string(), machines: z.array(z.string()) })

/** Deployment targets as stored. */
export type DeploymentTargets = z.infer<typeof TargetsSchema>

function parseEntries<T>(
  entries: readonly SummaryEntry[],
  schema: z.ZodType<T>,
  kind: string,
): Map<string, T> {
  const out = new Map<string, T>()
  for (const entry of entries) {
    const result = schema.safeParse(JSON.parse(entry.valueJson))
    if (!result.success) {
      throw new Error(`summaries row ${kind}/${entry.key} is not valid: ${z.prettifyError(result.error)}`)
    }
    out.set(entry.key, result.data)
  }
  return out
}

/** Parses stored component states, keyed as written. */
export const parseComponentStates = (entries: readonly SummaryEntry[]): Map<string, ComponentState> =>
  parseEntries(entries, ComponentStateSchema, SUMMARY_KINDS.componentState)
/** Parses stored count resets. */
export const parseCountResets = (entries: readonly SummaryEntry[]): CountReset[] => [
  ...parseEntries(entries, CountResetSchema, SUMMARY_KINDS.countReset).values(),
]
/** Parses stored storage states. */
export const parseStorageStates = (entries: readonly SummaryEntry[]): StorageState[] => [
  ...parseEntries(entries, StorageStateSchema, SUMMARY_KINDS.storageState).values(),
]
/** Parses stored deployment targets, keyed by upper-case deployment ID. */
export const parseDeploymentTargets = (entries: readonly SummaryEntry[]): Map<string, DeploymentTargets> =>
  parseEntries(entries, TargetsSchema, SUMMARY_KINDS.deploymentTargets)

/**
 * Key of a summaries row made of several parts: a JSON array of the parts, so the key is
 * unambiguous whatever the parts hold and carries no NUL (PostgreSQL refuses NUL in text; keys
 * joined with NUL made every save on PostgreSQL fail). Migration 0007 rewrote older keys.
 */
export function summaryKey(parts: readonly string[]): string {
  return JSON.stringify(parts)
}

/** Key of a component's state: site, machine and component. */
export function componentStateKey(k: {
  readonly siteCode: string
  readonly machine: string
  readonly component: string
}): string {
  return summaryKey([k.siteCode, k.machine, k.component])
}

/** Key of a storage object's state: site system, object and kind. */
export function storageStateKey(reading: {
  readonly siteSystem: string
  readonly object: string
  readonly kind: string
}): string {
  return summaryKey([reading.siteSystem, reading.object, reading.kind])
}
