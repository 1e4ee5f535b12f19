/**
 * The one parser for the ConfigMgr fields of a state message (JSON form, and the state report
 * decoder after it has turned XML attributes into numbers). Every limit of
 * {@link STATE_LIMITS} is checked here and nowhere else.
 */
import { checkInteger, checkText, fieldIssue } from '../field-checks.ts'
import type { FieldIssue, ParseResult } from '../field-issue.ts'
import { preview } from '../field-issue.ts'
import { readTime } from '../common-fields.ts'
import { LIMITS } from '../limits.ts'
import { SMSCSTAT } from '../smscstat.ts'
import { checkKeys, isRecord, readObjectField } from './read-object-field.ts'
import type { StateDetails, StateMessageBody, StateTopic, StateUserParameters } from './state-message.ts'
import { STATE_LIMITS } from './state-message.ts'

/** The JSON fields of {@link StateMessageBody}. */
export const STATE_MESSAGE_BODY_FIELDS = [
  'messageTime',
  'serialNumber',
  'topic',
  'state',
  'details',
  'userParameters',
] as const

const U32 = { min: 0, max: LIMITS.uint32Max, smscstat: SMSCSTAT.unknown } as const

/**
 * Parses the ConfigMgr fields of a state message: `messageTime` (ISO 8601 with an offset, or
 * epoch ms), `serialNumber`, `topic` { id, type, idType?, user?, userSid? }, `state`
 * { id, criticality? }, optional `details` { type, text } and optional `userParameters`
 * { flags?, params? }. Omitted optional values default to 0 and empty. Unknown fields are refused.
 */
export function parseStateMessageBody(input: unknown, path = ''): ParseResult<StateMessageBody> {
  const field = path === '' ? 'stateMessage' : path
  if (!isRecord(input)) {
    return fail([
      fieldIssue(field, 'type', `${field} must be a JSON object, got ${preview(input)}`, SMSCSTAT.unknown),
    ])
  }
  const issues: FieldIssue[] = []
  checkKeys(input, STATE_MESSAGE_BODY_FIELDS, path, issues)
  const body = readStateMessageBody(input, path, issues)
  return body === undefined || issues.length > 0 ? fail(issues) : { ok: true, value: body }
}

/**
 * Reads the body fields of an object already known to be a record, pushing issues; does not
 * look at other keys, so {@link parseStateMessage} can add its own. Returns `undefined` when
 * any field failed.
 */
export function readStateMessageBody(
  input: Readonly<Record<string, unknown>>,
  path: string,
  issues: FieldIssue[],
): StateMessageBody | undefined {
  const at = (name: string): string => (path === '' ? name : `${path}.${name}`)
  const before = issues.length
  const push = (issue: FieldIssue | undefined): void => {
    if (issue !== undefined) issues.push(issue)
  }
  const messageTime = readTime(input.messageTime, at('messageTime'), issues)
  push(
    checkInteger(input.serialNumber, {
      ...U32,
      field: at('serialNumber'),
      max: STATE_LIMITS.serialNumberMax,
    }),
  )
  const topic = readObjectField(
    input.topic,
    at('topic'),
    ['id', 'type', 'idType', 'user', 'userSid'],
    issues,
    { required: true },
  )
  if (topic !== undefined) {
    const t = at('topic')
    push(
      checkText(topic.id, {
        field: `${t}.id`,
        smscstat: SMSCSTAT.unknown,
        maxLength: STATE_LIMITS.topicIdMaxLength,
      }),
    )
    push(checkInteger(topic.type, { ...U32, field: `${t}.type` }))
    push(checkInteger(topic.idType ?? 0, { ...U32, field: `${t}.idType` }))
    const text = { smscstat: SMSCSTAT.unknown, minLength: 0 } as const
    push(checkText(topic.user ?? '', { ...text, field: `${t}.user`, maxLength: STATE_LIMITS.userMaxLength }))
    push(
      checkText(topic.userSid ?? '', {
        ...text,
        field: `${t}.userSid`,
        maxLength: STATE_LIMITS.userSidMaxLength,
      }),
    )
  }
  const state = readObjectField(input.state, at('state'), ['id', 'criticality'], issues, { required: true })
  if (state !== undefined) {
    push(checkInteger(state.id, { ...U32, field: `${at('state')}.id` }))
    push(checkInteger(state.criticality ?? 0, { ...U32, field: `${at('state')}.criticality` }))
  }
  const details = readObjectField(input.details, at('details'), ['type', 'text'], issues, { required: false })
  if (details !== undefined) {
    push(checkInteger(details.type, { ...U32, field: `${at('details')}.type` }))
    push(
      checkText(details.text, {
        field: `${at('details')}.text`,
        smscstat: SMSCSTAT.unknown,
        maxLength: STATE_LIMITS.detailsMaxLength,
        minLength: 0,
      }),
    )
  }
  const userParameters = readObjectField(
    input.userParameters,
    at('userParameters'),
    ['flags', 'params'],
    issues,
    { required: false },
  )
  const params = readParams(userParameters?.params, `${at('userParameters')}.params`, issues)
  if (userParameters !== undefined) {
    push(checkInteger(userParameters.flags ?? 0, { ...U32, field: `${at('userParameters')}.flags` }))
  }
  if (issues.length > before || topic === undefined || state === undefined || messageTime === undefined) {
    return undefined
  }
  // Every value below was checked above; the casts only narrow what the checks proved.
  const parsedTopic: StateTopic = {
    id: topic.id as string,
    type: topic.type as number,
    idType: (topic.idType as number | undefined) ?? 0,
    user: (topic.user as string | undefined) ?? '',
    userSid: (topic.userSid as string | undefined) ?? '',
  }
  const parsedParameters: StateUserParameters = {
    flags: (userParameters?.flags as number | undefined) ?? 0,
    params,
  }
  const parsedDetails: StateDetails | undefined =
    details === undefined ? undefined : { type: details.type as number, text: details.text as string }
  return {
    messageTime,
    serialNumber: input.serialNumber as number,
    topic: parsedTopic,
    state: { id: state.id as number, criticality: (state.criticality as number | undefined) ?? 0 },
    ...(parsedDetails === undefined ? {} : { details: parsedDetails }),
    userParameters: parsedParameters,
  }
}

function readParams(value: unknown, field: string, issues: FieldIssue[]): readonly string[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) {
    issues.push(
      fieldIssue(
        field,
        'type',
        `${field} must be an array of strings, got ${preview(value)}`,
        SMSCSTAT.unknown,
      ),
    )
    return []
  }
  if (value.length > STATE_LIMITS.paramsMax) {
    const message = `${field} has ${value.length} entries; the limit is ${STATE_LIMITS.paramsMax}`
    issues.push(fieldIssue(field, 'too_many', message, SMSCSTAT.unknown, STATE_LIMITS.paramsMax))
    return []
  }
  const rule = { smscstat: SMSCSTAT.unknown, maxLength: STATE_LIMITS.paramMaxLength, minLength: 0 } as const
  value.forEach((param: unknown, i) => {
    const issue = checkText(param, { ...rule, field: `${field}[${i}]` })
    if (issue !== undefined) issues.push(issue)
  })
  // Every element was checked to be a string; when one failed the caller discards the result.
  return value as string[]
}

function fail(issues: readonly FieldIssue[]): ParseResult<StateMessageBody> {
  return { ok: false, issues }
}
