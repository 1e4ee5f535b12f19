/**
 * Batch parsing shared by the JSON batch forms (`{ "messages": [...] }`,
 * `{ "stateMessages": [...] }`): per-item outcomes so one bad message does not sink the rest.
 */
import { fieldIssue } from '../field-checks.ts'
import type { FieldIssue, ParseResult } from '../field-issue.ts'
import { preview } from '../field-issue.ts'
import { SMSCSTAT } from '../smscstat.ts'

/** A valid item of a batch and its position in the input array. */
export interface AcceptedItem<T> {
  readonly index: number
  readonly value: T
}

/** An invalid item of a batch: its position and every issue found in it. */
export interface RejectedItem {
  readonly index: number
  readonly issues: readonly FieldIssue[]
}

/**
 * Outcome of parsing a batch. When `issues` is non-empty the batch itself is unusable (not an
 * object, the array missing, too many items) and no item was read; otherwise every item is in
 * exactly one of `accepted` and `rejected`.
 */
export interface BatchParseResult<T> {
  readonly accepted: readonly AcceptedItem<T>[]
  readonly rejected: readonly RejectedItem[]
  readonly issues: readonly FieldIssue[]
}

/** How to read one kind of batch. */
export interface BatchShape<T> {
  /** The key holding the array, e.g. `messages`. */
  readonly key: string
  readonly maxItems: number
  /** Parses one item; `path` is `key[i]`, so issue fields name the item. */
  readonly parseItem: (item: unknown, path: string) => ParseResult<T>
}

/** Parses `{ [shape.key]: [...] }`, refusing the batch as a whole only for batch-level faults. */
export function parseBatch<T>(input: unknown, shape: BatchShape<T>): BatchParseResult<T> {
  const { key, maxItems } = shape
  const refuse = (issue: FieldIssue): BatchParseResult<T> => ({ accepted: [], rejected: [], issues: [issue] })
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return refuse(
      fieldIssue(
        'batch',
        'type',
        `batch must be a JSON object { "${key}": [...] }, got ${preview(input)}`,
        SMSCSTAT.unknown,
      ),
    )
  }
  const extra = Object.keys(input).filter((k) => k !== key)
  if (extra.length > 0) {
    const issues = extra.map((k) =>
      fieldIssue(k, 'unknown_field', `${k} is not a field of a batch; only ${key} is`, SMSCSTAT.unknown),
    )
    return { accepted: [], rejected: [], issues }
  }
  const items: unknown = (input as Record<string, unknown>)[key] // Checked above: a non-null, non-array object.
  if (!Array.isArray(items)) {
    const code = items === undefined ? 'required' : 'type'
    return refuse(fieldIssue(key, code, `${key} must be an array, got ${preview(items)}`, SMSCSTAT.unknown))
  }
  if (items.length > maxItems) {
    const message = `${key} has ${items.length} entries; the limit is ${maxItems} per batch (maxItems), so split it`
    return refuse(fieldIssue(key, 'too_many', message, SMSCSTAT.unknown, maxItems))
  }
  const accepted: AcceptedItem<T>[] = []
  const rejected: RejectedItem[] = []
  items.forEach((item: unknown, index) => {
    const result = shape.parseItem(item, `${key}[${index}]`)
    if (result.ok) accepted.push({ index, value: result.value })
    else rejected.push({ index, issues: result.issues })
  })
  return { accepted, rejected, issues: [] }
}
