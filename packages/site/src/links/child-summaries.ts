/**
 * The site-system and deployment summaries a site keeps for the sites below it (docs/hierarchy.md
 * "Summaries up"): one `summaries` row per site code, written as an absolute replacement when a
 * child's summaries arrive, and read back here through the wire schemas.
 */
import type { SummaryStore } from '@sitrep/store'
import { z } from 'zod'
import { SUMMARY_KINDS } from '../summarizers/summary-state-codec.ts'
import { DeploymentSummaryJson, StorageSummaryJson } from './link-messages.ts'

/** What one site below this one reported. */
export interface SiteEntries<T> {
  readonly siteCode: string
  readonly entries: T[]
}

function parseRows<T>(
  rows: readonly { readonly key: string; readonly valueJson: string }[],
  schema: z.ZodType<T>,
): SiteEntries<T>[] {
  return rows
    .map((row) => {
      const result = z.array(schema).safeParse(JSON.parse(row.valueJson))
      if (!result.success) throw new Error(`summaries row for site ${row.key} is not valid`)
      return { siteCode: row.key, entries: result.data }
    })
    .sort((a, b) => a.siteCode.localeCompare(b.siteCode))
}

/** Storage objects of every site below this one, per site code. */
export async function readChildStorage(store: SummaryStore): Promise<SiteEntries<StorageSummaryJson>[]> {
  return parseRows(await store.listSummaries(SUMMARY_KINDS.childStorageState), StorageSummaryJson)
}

/** Deployment counts of every site below this one, per site code. */
export async function readChildDeployments(
  store: SummaryStore,
): Promise<SiteEntries<DeploymentSummaryJson>[]> {
  return parseRows(await store.listSummaries(SUMMARY_KINDS.childDeployments), DeploymentSummaryJson)
}

/**
 * Replaces what this site keeps for `siteCodes` (a child and the sites it reports under it) with
 * what the child sent; a site it sent nothing for is kept as an empty list, so a resend is
 * idempotent and an object or deployment the child dropped goes away here too.
 */
export async function saveChildSummaries(
  store: SummaryStore,
  siteCodes: ReadonlySet<string>,
  sent: {
    readonly storage: readonly {
      readonly siteCode: string
      readonly objects: readonly StorageSummaryJson[]
    }[]
    readonly deployments: readonly {
      readonly siteCode: string
      readonly deployments: readonly DeploymentSummaryJson[]
    }[]
  },
  now: number,
): Promise<void> {
  const rows = <T>(per: ReadonlyMap<string, readonly T[]>) =>
    [...siteCodes].map((code) => ({
      key: code,
      valueJson: JSON.stringify(per.get(code) ?? []),
      updatedAt: now,
    }))
  await store.saveSummaries(
    SUMMARY_KINDS.childStorageState,
    rows(new Map(sent.storage.map((s) => [s.siteCode, s.objects]))),
  )
  await store.saveSummaries(
    SUMMARY_KINDS.childDeployments,
    rows(new Map(sent.deployments.map((s) => [s.siteCode, s.deployments]))),
  )
}
