/**
 * The edge of every MP route: which format a body is in, and its bytes read as JSON. The app
 * keeps bodies as raw bytes (signatures cover the exact bytes), so each route parses here, once.
 */
import type { BatchParseResult, FieldIssue } from '@sitrep/protocol'
import { mpIssue } from './field-issues.ts'
import { MpError } from './mp-error.ts'
import type { ParsedItem } from './post-reply.ts'

/** Media types whose bodies the app reads (as raw bytes). */
export const BODY_MEDIA_TYPES = ['application/json', 'application/xml', 'text/xml'] as const

/** The two body formats of the native protocol. */
export type BodyFormat = 'json' | 'xml'

/** Returns the body bytes, or throws `invalid_body` when the request has none. */
export function requireBody(body: unknown): Buffer {
  if (Buffer.isBuffer(body) && body.length > 0) return body
  throw new MpError('invalid_body', 'the request has no body; send JSON or XML as docs/protocol.md says')
}

/** Returns the format of a request by its `Content-Type`, or throws `unsupported_media_type`. */
export function bodyFormat(contentType: string | undefined): BodyFormat {
  const essence = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (essence === 'application/json') return 'json'
  if (essence === 'application/xml' || essence === 'text/xml') return 'xml'
  throw new MpError(
    'unsupported_media_type',
    'Content-Type must be application/json, application/xml or text/xml',
  )
}

const UTF8 = new TextDecoder('utf-8', { fatal: true })

/** Parses UTF-8 JSON bytes, or throws `invalid_body` saying what is wrong. */
export function parseJsonBody(bytes: Uint8Array): unknown {
  let text: string
  try {
    text = UTF8.decode(bytes)
  } catch (cause) {
    throw new MpError('invalid_body', 'the body is not valid UTF-8', { cause })
  }
  try {
    return JSON.parse(text)
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.slice(0, 200) : 'syntax error'
    throw new MpError('invalid_body', `the body is not valid JSON: ${reason}`, { cause })
  }
}

/**
 * Refuses a batch with more than `max` items in `value[key]` as `batch_too_large` before any item
 * is parsed, so an oversized batch costs nothing more.
 */
export function checkBatchSize(value: unknown, key: string, max: number): void {
  if (typeof value !== 'object' || value === null || !(key in value)) return
  const items: unknown = (value as Record<string, unknown>)[key] // `key in value` checked just above.
  if (Array.isArray(items) && items.length > max) {
    const message = `${key} has ${items.length} entries; the limit is ${max} per batch, so split it`
    throw new MpError('batch_too_large', message, { issues: [mpIssue(key, 'too_many', message, max)] })
  }
}

/** Throws `invalid_body` carrying `issues` (the body is not of the endpoint's form). */
export function refuseBody(issues: readonly FieldIssue[]): never {
  const first = issues[0]
  const summary = first === undefined ? "the body is not of this endpoint's form" : first.message
  throw new MpError('invalid_body', summary, { issues: issues.slice(0, 100) })
}

/** The items of a parsed batch in input order, or throws `invalid_body` for a batch-level fault. */
export function batchItems<T>(batch: BatchParseResult<T>): ParsedItem<T>[] {
  if (batch.issues.length > 0) refuseBody(batch.issues)
  return [
    ...batch.accepted.map((a): ParsedItem<T> => ({ index: a.index, ok: true, value: a.value })),
    ...batch.rejected.map((r): ParsedItem<T> => ({ index: r.index, ok: false, issues: r.issues })),
  ].sort((a, b) => a.index - b.index)
}
