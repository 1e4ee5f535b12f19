/**
 * HTTP range requests for content (RFC 9110 §14): one `bytes=` range, a suffix range, or an
 * open-ended one. Content is named by its hash, so the hash is a strong ETag and `If-Range`
 * compares against it.
 */

/** What to send for a request on a file of `size` bytes. */
export type RangeAnswer =
  | { readonly kind: 'full' }
  | { readonly kind: 'partial'; readonly start: number; readonly end: number }
  | { readonly kind: 'unsatisfiable' }

/**
 * Answers a `Range` header (with its `If-Range`, compared to `etag`): the whole file when there
 * is no range, when `If-Range` names another version, or when the header is not a single bytes
 * range it understands; the inclusive byte span otherwise; unsatisfiable for a range past the end.
 */
export function answerRange(
  size: number,
  etag: string,
  range: string | undefined,
  ifRange: string | undefined,
): RangeAnswer {
  if (range === undefined) return { kind: 'full' }
  if (ifRange !== undefined && ifRange !== etag) return { kind: 'full' }
  const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim())
  if (match === null) return { kind: 'full' }
  const [, from = '', to = ''] = match
  if (from === '' && to === '') return { kind: 'full' }
  if (from === '') {
    const suffix = Number(to)
    if (suffix === 0) return { kind: 'unsatisfiable' }
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(from)
  if (start >= size) return { kind: 'unsatisfiable' }
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1)
  if (end < start) return { kind: 'full' }
  return { kind: 'partial', start, end }
}
