import type { RetentionStore } from '@sitrep/store'

/**
 * The Delete Aged Status Messages task (reference §12): deletes messages whose delete-after
 * time has passed, in bounded batches so one run never holds the database for long. Returns
 * how many it deleted.
 */
export async function deleteAgedMessages(
  store: RetentionStore,
  options: { readonly now: number; readonly batchSize: number; readonly maxBatches: number },
): Promise<number> {
  let total = 0
  for (let batch = 0; batch < options.maxBatches; batch++) {
    const deleted = await store.deleteAgedMessages({ now: options.now, limit: options.batchSize })
    total += deleted
    if (deleted < options.batchSize) break
  }
  return total
}
