import type { SummaryStatus } from './status-level.ts'

/** Kinds of storage object the site system summarizer checks (reference §10.3: NALPATH, SQL_DB, SQL_LOG). */
export const STORAGE_KINDS = ['directory', 'database', 'log'] as const
export type StorageKind = (typeof STORAGE_KINDS)[number]

/** One poll's reading of a storage object: a data directory, the site database or its log. */
export interface StorageObject {
  /** The server (or SQL Server) that holds it. */
  readonly siteSystem: string
  /** Its path or name: a directory, a database name. */
  readonly object: string
  /** The role it serves, e.g. `site server`, `site database server`. */
  readonly role: string
  readonly kind: StorageKind
  /** False when the poll could not reach it at all. */
  readonly accessible: boolean
  /** Free bytes; `null` (or negative, as ConfigMgr reports it) when unknown. */
  readonly bytesFree: number | null
  /** Size in bytes; `null` (or negative) when unknown. */
  readonly bytesTotal: number | null
}

/** Free-space thresholds of one object, in KB as ConfigMgr states them: at or below → that status. */
export interface StorageThresholds {
  readonly warningFreeKb: number
  readonly criticalFreeKb: number
}

/**
 * Default thresholds when an object has no override: Warning when free space is at or below both
 * `warningPercent` of the size and `warningFreeKb` (whichever is smaller), Critical likewise. So
 * a 4 TB volume warns at 2 GiB free, and a 10 GB one at 1 GB. Without a known size, the KB
 * values alone apply.
 */
export interface StorageThresholdDefaults {
  readonly warningPercent: number
  readonly warningFreeKb: number
  readonly criticalPercent: number
  readonly criticalFreeKb: number
}

/** Warning at 10 % or 2 GiB free, Critical at 5 % or 1 GiB, whichever is smaller. */
export const DEFAULT_STORAGE_THRESHOLDS: StorageThresholdDefaults = Object.freeze({
  warningPercent: 10,
  warningFreeKb: 2 * 1024 * 1024,
  criticalPercent: 5,
  criticalFreeKb: 1024 * 1024,
})

/** An override for one object (`-WarningSizeKB`, `-CriticalSizeKB`); names compare ignoring case. */
export interface StorageThresholdOverride extends StorageThresholds {
  readonly siteSystem: string
  readonly object: string
}

/** The site's storage threshold configuration. */
export interface StorageThresholdSettings {
  readonly defaults?: StorageThresholdDefaults
  readonly overrides?: readonly StorageThresholdOverride[]
}

/** Returns a byte count in whole KB, or `undefined` when it is unknown (null or negative). */
export function bytesToKb(bytes: number | null): number | undefined {
  return bytes === null || bytes < 0 ? undefined : Math.floor(bytes / 1024)
}

/** Returns the thresholds that apply to one object: its override, else the defaults for its size. */
export function storageThresholdsFor(
  object: Pick<StorageObject, 'siteSystem' | 'object' | 'bytesTotal'>,
  settings: StorageThresholdSettings = {},
): StorageThresholds {
  const override = settings.overrides?.find(
    (o) =>
      o.siteSystem.toUpperCase() === object.siteSystem.toUpperCase() &&
      o.object.toUpperCase() === object.object.toUpperCase(),
  )
  if (override !== undefined) {
    return { warningFreeKb: override.warningFreeKb, criticalFreeKb: override.criticalFreeKb }
  }
  const d = settings.defaults ?? DEFAULT_STORAGE_THRESHOLDS
  const totalKb = bytesToKb(object.bytesTotal)
  if (totalKb === undefined) return { warningFreeKb: d.warningFreeKb, criticalFreeKb: d.criticalFreeKb }
  return {
    warningFreeKb: Math.min(d.warningFreeKb, Math.floor((totalKb * d.warningPercent) / 100)),
    criticalFreeKb: Math.min(d.criticalFreeKb, Math.floor((totalKb * d.criticalPercent) / 100)),
  }
}

/** Free-space status of a reachable object; `unknown` when the poll could not tell its free space. */
export type StorageSpaceStatus = SummaryStatus | 'unknown'

/** Returns the free-space status of an object from its free KB: at or below a threshold reaches it. */
export function storageSpaceStatus(object: StorageObject, thresholds: StorageThresholds): StorageSpaceStatus {
  const freeKb = bytesToKb(object.bytesFree)
  if (freeKb === undefined) return 'unknown'
  if (freeKb <= thresholds.criticalFreeKb) return 'critical'
  if (freeKb <= thresholds.warningFreeKb) return 'warning'
  return 'ok'
}

/**
 * Returns a storage object's status (`SMS_SiteSystemSummarizer.Status`): Critical when it cannot
 * be reached or its free space is at or below the critical threshold, Warning at or below the
 * warning threshold or when its free space is unknown, else OK.
 */
export function storageStatus(object: StorageObject, settings: StorageThresholdSettings = {}): SummaryStatus {
  if (!object.accessible) return 'critical'
  const space = storageSpaceStatus(object, storageThresholdsFor(object, settings))
  return space === 'unknown' ? 'warning' : space
}
