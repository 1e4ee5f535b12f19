/**
 * The one parser for state messages arriving from outside in Sitrep's JSON form: the delivery
 * fields (`id`, `origin`) plus the ConfigMgr fields read by {@link readStateMessageBody}.
 */
import { checkText, fieldIssue } from '../field-checks.ts'
import type { FieldIssue, ParseResult } from '../field-issue.ts'
import { preview } from '../field-issue.ts'
import { ORIGIN_KINDS } from '../enumerations.ts'
import type { OriginKind } from '../enumerations.ts'
import { LIMITS } from '../limits.ts'
import { isMessageId } from '../message-id.ts'
import { SMSCSTAT } from '../smscstat.ts'
import type { Origin } from '../status-message.ts'
import { STATE_MESSAGE_BODY_FIELDS, readStateMessageBody } from './parse-state-message-body.ts'
import { checkKeys, isRecord } from './read-object-field.ts'
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

function readOrigin(value: unknown, field: string, issues: FieldIssue[]): Origin | undefined {
  if (!isRecord(value)) {
    const code = value === undefined ? 'required' : 'type'
    const message = `${field} must be an object { kind: "client" | "site", id }, got ${preview(value)}`
    issues.push(fieldIssue(field, code, message, SMSCSTAT.unknown))
    return undefined
  }
  const before = issues.length
  for (const key of Object.keys(value)) {
    if (key !== 'kind' && key !== 'id') {
      const message = `${field}.${key} is not a field of an origin`
      issues.push(fieldIssue(`${field}.${key}`, 'unknown_field', message, SMSCSTAT.unknown))
    }
  }
  const kind = ORIGIN_KINDS.find((k: OriginKind) => k === value.kind)
  if (kind === undefined) {
    const message = `${field}.kind must be one of ${ORIGIN_KINDS.join(', ')}, got ${preview(value.kind)}`
    issues.push(fieldIssue(`${field}.kind`, 'unknown_value', message, SMSCSTAT.unknown))
  }
  const idIssue = checkText(value.id, {
    field: `${field}.id`,
    smscstat: SMSCSTAT.unknown,
    maxLength: LIMITS.originIdMaxLength,
  })
  if (idIssue !== undefined) issues.push(idIssue)
  if (issues.length > before || kind === undefined || typeof value.id !== 'string') return undefined
  return { kind, id: value.id }
}
