/**
 * Duplicate refusal by message `id`, shared by the inbox and the state message table: every ID
 * the site ever accepted has a row in `inbox_receipts`, so a retried message is acknowledged as
 * a duplicate even after it was processed.
 */
import type { Kysely } from 'kysely'
import type { Database } from './schema.ts'
import type { EnqueueOutcome } from './site-store.ts'
import { chunkForParameters } from './statement-chunks.ts'

/**
 * Inserts receipts for `items` inside the caller's transaction and returns, per item, whether it
 * is new (`accepted`) or was seen before, in this list or earlier (`duplicate`). The caller
 * stores exactly the accepted items in the same transaction.
 */
export async function claimReceipts(
  executor: Kysely<Database>,
  items: readonly { readonly id: string; readonly receivedAt: number }[],
  maxParameters: number,
): Promise<EnqueueOutcome[]> {
  // The first occurrence of an ID in the list is the candidate; later ones are duplicates.
  const firstIndex = new Map<string, number>()
  items.forEach((item, i) => {
    if (!firstIndex.has(item.id)) firstIndex.set(item.id, i)
  })
  const candidates = items.filter((item, i) => firstIndex.get(item.id) === i)
  const accepted = new Set<string>()
  for (const part of chunkForParameters(candidates, 2, maxParameters)) {
    const rows = await executor
      .insertInto('inbox_receipts')
      .values(part.map((item) => ({ message_id: item.id, received_at: item.receivedAt })))
      .onConflict((oc) => oc.column('message_id').doNothing())
      .returning('message_id')
      .execute()
    for (const r of rows) accepted.add(r.message_id)
  }
  return items.map((item, i) =>
    firstIndex.get(item.id) === i && accepted.has(item.id) ? 'accepted' : 'duplicate',
  )
}
