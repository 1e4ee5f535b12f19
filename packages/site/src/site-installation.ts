import type { SummaryStore } from '@sitrep/store'

const KIND = 'site'
const KEY = 'installed-at'

/**
 * Returns when this site was installed (epoch ms): recorded on the first start and read back
 * on every later one, so the "since site installation" tally interval has a fixed start.
 */
export async function siteInstalledAt(store: SummaryStore, now: number): Promise<number> {
  const entry = (await store.listSummaries(KIND)).find((e) => e.key === KEY)
  const recorded: unknown = entry === undefined ? undefined : JSON.parse(entry.valueJson)
  if (typeof recorded === 'number' && Number.isSafeInteger(recorded) && recorded >= 0) return recorded
  await store.saveSummaries(KIND, [{ key: KEY, valueJson: JSON.stringify(now), updatedAt: now }])
  return now
}
