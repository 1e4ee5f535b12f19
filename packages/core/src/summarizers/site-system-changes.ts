import { formatIsoTime } from '@sitrep/protocol'
import type {
  StorageKind,
  StorageObject,
  StorageSpaceStatus,
  StorageThresholdSettings,
  StorageThresholds,
} from './site-system-status.ts'
import { bytesToKb, storageSpaceStatus, storageStatus, storageThresholdsFor } from './site-system-status.ts'
import type { SummaryStatus } from './status-level.ts'
import type { SummarizerMessage } from './summarizer-message.ts'
import { summarizerMessage } from './summarizer-message.ts'

const DAY_MS = 24 * 60 * 60 * 1000

/** Timing of the outage messages. */
export interface StorageStateSettings {
  readonly thresholds?: StorageThresholdSettings
  /** 4701 "still not accessible" repeats at most this often during an outage; default 24 h. */
  readonly stillDownReminderMs?: number
  /** 4718 "long outage" is raised once when an outage lasts this long; default 7 days. */
  readonly longOutageMs?: number
}

/** What the site system summarizer remembers about one storage object between polls. */
export interface StorageState {
  readonly reading: StorageObject
  /** When the poll read it, epoch ms. */
  readonly checkedAt: number
  readonly status: SummaryStatus
  readonly thresholds: StorageThresholds
  /** Free-space status of the last poll that reached it (kept through an outage). */
  readonly space: StorageSpaceStatus
  /** When it became unreachable (`DownSince`); absent while reachable. */
  readonly downSince?: number
  /** When the last 4700/4701 for the current outage was raised. */
  readonly remindedAt?: number
  /** 4718 raised for the current outage. */
  readonly longOutage: boolean
}

function objectKey(o: Pick<StorageObject, 'siteSystem' | 'object' | 'kind'>): string {
  return `${o.siteSystem.toUpperCase()}\u0000${o.object.toUpperCase()}\u0000${o.kind}`
}

/** Folds one poll's readings into the next states, matching objects by site system, object and kind. */
export function nextStorageStates(
  previous: readonly StorageState[],
  readings: readonly StorageObject[],
  now: number,
  settings: StorageStateSettings = {},
): readonly StorageState[] {
  const byKey = new Map(previous.map((state) => [objectKey(state.reading), state]))
  const reminderMs = settings.stillDownReminderMs ?? DAY_MS
  const longOutageMs = settings.longOutageMs ?? 7 * DAY_MS
  return readings.map((reading): StorageState => {
    const prev = byKey.get(objectKey(reading))
    const thresholds = storageThresholdsFor(reading, settings.thresholds)
    const status = storageStatus(reading, settings.thresholds)
    if (reading.accessible) {
      const space = storageSpaceStatus(reading, thresholds)
      return { reading, checkedAt: now, status, thresholds, space, longOutage: false }
    }
    const downSince = prev?.downSince ?? now
    const remindedAt =
      prev?.remindedAt === undefined || now - prev.remindedAt >= reminderMs ? now : prev.remindedAt
    const space = prev?.space ?? 'ok'
    const longOutage = now - downSince >= longOutageMs
    return { reading, checkedAt: now, status, thresholds, space, downSince, remindedAt, longOutage }
  })
}

const MESSAGES: Readonly<Record<StorageKind, { readonly down: number; readonly space: number }>> = {
  directory: { down: 4700, space: 4709 },
  database: { down: 4703, space: 4712 },
  log: { down: 4706, space: 4715 },
}

const SPACE_OFFSET = { ok: 0, warning: 1, critical: 2 } as const

/**
 * Returns the messages for going from one poll's states to the next, per object: on losing
 * access 4700 (database 4703, log 4706), then 4701/4704/4707 at each reminder while it stays
 * unreachable and 4718 once for a long outage; on regaining it 4702/4705/4708. A change of free
 * space status between reachable polls raises 4709/4710/4711 (database 4712–4714, log
 * 4715–4717) with the free KB and the threshold; entering unknown free space raises 4719. An
 * object seen for the first time raises only what is not OK.
 */
export function siteSystemChanges(
  previous: readonly StorageState[],
  next: readonly StorageState[],
): readonly SummarizerMessage[] {
  const byKey = new Map(previous.map((state) => [objectKey(state.reading), state]))
  return next.flatMap((state) => objectChanges(byKey.get(objectKey(state.reading)), state))
}

function objectChanges(prev: StorageState | undefined, next: StorageState): SummarizerMessage[] {
  const messages: SummarizerMessage[] = []
  const { reading } = next
  const ids = MESSAGES[reading.kind]
  const names = [reading.object, reading.siteSystem]
  const raise = (id: number, strings: readonly string[]): void => {
    messages.push(summarizerMessage('SMS_SITE_SYSTEM_STATUS_SUMMARIZER', id, strings))
  }
  const wasDown = prev?.downSince !== undefined
  if (next.downSince !== undefined) {
    if (!wasDown) raise(ids.down, names)
    else if (next.remindedAt !== prev.remindedAt)
      raise(ids.down + 1, [...names, formatIsoTime(next.downSince)])
    if (next.longOutage && prev?.longOutage !== true) {
      const days = Math.floor((next.checkedAt - next.downSince) / DAY_MS)
      raise(4718, [...names, String(days), formatIsoTime(next.downSince)])
    }
    return messages
  }
  if (wasDown) raise(ids.down + 2, names)
  const before = prev?.space ?? 'ok'
  if (next.space === before) return messages
  if (next.space === 'unknown') {
    raise(4719, names)
    return messages
  }
  const freeKb = String(bytesToKb(reading.bytesFree) ?? 0)
  const threshold = next.space === 'critical' ? next.thresholds.criticalFreeKb : next.thresholds.warningFreeKb
  raise(ids.space + SPACE_OFFSET[next.space], [...names, freeKb, String(threshold)])
  return messages
}
