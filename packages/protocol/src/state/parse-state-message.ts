/**
 * The one parser for state messages arriving from outside in Sitrep's JSON form: the delivery
 * fields (`id`, `origin`) plus the ConfigMgr fields read by {@link readStateMessageBody}.
 */
import { checkText, fieldIssue } from '../field-checks.ts'
import type { FieldIssue, ParseResult } from '../field-issue.ts'
import { preview } from '../field-issue.ts'
import { isMessageId } from '../message-id.ts'
import { SMSCSTAT } from '../smscstat.ts'
import { STATE_MESSAGE_BODY_FIELDS, readStateMessageBody } from './parse-state-message-body.ts'
import { checkKeys } from './read-object-field.ts'
import { isRecord, readOrigin } from '../common-fields.ts'
import type { StateMessage } from './state-message.ts'

const STATE_MESSAGE_FIELDS: readonly string[] = ['id', 'origin', ...STATE_MESSAGE_BODY_FIELDS]

/**
 * Parses one state message in Sitrep's JSON form and reports every issue at once. `id` must be
 * a UUIDv7 (returned lower-case); `origin` is `{ kind: "client" | "site", id }`;
 * `serialNumber` is the per-origin sequence. See docs/codecs.md for the limits.
 *
 * @example
 * const result = parseStateMessage(JSON.parse(body))
 * if (!result.ok) return reply.code(400).send({ issues: result.issues })
 */
export function parseStateMessage(input: unknown, path = ''): ParseResult<StateMessage> {
  const at = (name: string): string => (path === '' ? name : `${path}.${name}`)
  if (!isRecord(input)) {
    const field = path === '' ? 'stateMessage' : path
    const message = `${field} must be a JSON object, got ${preview(input)}`
    return { ok: false, issues: [fieldIssue(field, 'type', message, SMSCSTAT.unknown)] }
  }
  const issues: FieldIssue[] = []
  checkKeys(input, STATE_MESSAGE_FIELDS, path, issues)
  const id = input.id
  const idIssue = checkText(id, { field: at('id'), smscstat: SMSCSTAT.unknown, maxLength: 36 })
  if (idIssue !== undefined) issues.push(idIssue)
  else if (typeof id === 'string' && !isMessageId(id)) {
    issues.push(
      fieldIssue(at('id'), 'format', `${at('id')} must be a UUIDv7, got ${preview(id)}`, SMSCSTAT.unknown),
    )
  }
  const origin = readOrigin(input.origin, at('origin'), issues)
  const body = readStateMessageBody(input, path, issues)
  if (issues.length > 0 || body === undefined || origin === undefined || typeof id !== 'string') {
    return { ok: false, issues }
  }
  return { ok: true, value: { id: id.toLowerCase(), origin, ...body } }
}
