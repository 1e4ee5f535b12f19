/**
 * Splitting of multi-row statements. Each engine caps the bound parameters of one statement
 * (SQLite 32766, PostgreSQL 65535), so a batch of hundreds of messages with up to 1000
 * attributes each is written in as few statements as fit under the cap.
 */

/** SQLite's `SQLITE_MAX_VARIABLE_NUMBER` default since 3.32. */
export const SQLITE_MAX_PARAMETERS = 32_766
/** PostgreSQL's wire protocol counts parameters in an Int16. */
export const POSTGRES_MAX_PARAMETERS = 65_535

/** Splits `items` into consecutive slices of at most `size` items. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Splits rows so that `rows × columnsPerRow` (+ `reserved` other parameters) stays under the cap. */
export function chunkForParameters<T>(
  rows: readonly T[],
  columnsPerRow: number,
  maxParameters: number,
  reserved = 0,
): T[][] {
  return chunk(rows, Math.max(1, Math.floor((maxParameters - reserved) / columnsPerRow)))
}
