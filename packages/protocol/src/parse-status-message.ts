/**
 * The one parser for status messages arriving from outside (JSON bodies, decoded XML, rows read
 * back from storage). It checks every field and every limit of reference §2.3 and reports all
 * issues at once, each naming the field, the value and the limit.
 */
import {
  checkAttributeCount,
  checkAttributeValue,
  checkComponentName,
  checkInsertionString,
  checkInsertionStringCount,
  checkInteger,
  checkMachineName,
  checkModuleName,
  checkSiteCode,
  checkText,
  fieldIssue,
} from './field-checks.ts'
import type { FieldIssue, ParseResult } from './field-issue.ts'
import { preview } from './field-issue.ts'
import type { MessageType, ReportFunction, Severity } from './enumerations.ts'
import {
  MESSAGE_TYPES,
  REPORT_FUNCTIONS,
  SEVERITIES,
  messageTypeFromValue,
  reportFunctionFromValue,
  severityFromValue,
} from './enumerations.ts'
import { LIMITS } from './limits.ts'
import { isMessageId } from './message-id.ts'
import { isRecord, readOrigin, readTime } from './common-fields.ts'
import { SMSCSTAT } from './smscstat.ts'
import type { Origin, StatusAttribute, StatusMessage } from './status-message.ts'

const KNOWN_FIELDS = new Set([
  'id',
  'origin',
  'sequence',
  'severity',
  'messageType',
  'messageId',
  'module',
  'component',
  'machine',
  'siteCode',
  'topLevelSiteCode',
  'processId',
  'threadId',
  'win32Error',
  'createdAt',
  'perClient',
  'reportFunction',
  'transaction',
  'successfulTransaction',
  'insertionStrings',
  'attributes',
])

/**
 * Parses one status message in Sitrep's JSON form. Severity, message type and report function
 * may be given by name (`"error"`) or by ConfigMgr value (`3221225472`); `createdAt` as ISO 8601
 * with an offset or as epoch ms. Optional fields default to ConfigMgr's defaults (0, false,
 * `report`, no insertion strings or attributes). Site codes come back upper-case.
 *
 * @example
 * const result = parseStatusMessage(JSON.parse(body))
 * if (!result.ok) return reply.code(400).send({ issues: result.issues })
 */
export function parseStatusMessage(input: unknown, path = ''): ParseResult<StatusMessage> {
  const at = (field: string): string => (path === '' ? field : `${path}.${field}`)
  if (!isRecord(input)) {
    const field = path === '' ? 'message' : path
    return fail([
      fieldIssue(field, 'type', `${field} must be a JSON object, got ${preview(input)}`, SMSCSTAT.unknown),
    ])
  }
  const issues: FieldIssue[] = []
  const check = (issue: FieldIssue | undefined): boolean => {
    if (issue === undefined) return true
    issues.push(prefix(issue, path))
    return false
  }

  for (const key of Object.keys(input)) {
    if (!KNOWN_FIELDS.has(key)) {
      issues.push(
        fieldIssue(
          at(key),
          'unknown_field',
          `${at(key)} is not a field of a status message`,
          SMSCSTAT.unknown,
        ),
      )
    }
  }

  const id = input.id
  if (
    check(checkText(id, { field: 'id', smscstat: SMSCSTAT.unknown, maxLength: 36 })) &&
    !isMessageId(id as string)
  ) {
    issues.push(
      fieldIssue(at('id'), 'format', `${at('id')} must be a UUIDv7, got ${preview(id)}`, SMSCSTAT.unknown),
    )
  }
  const origin = readOrigin(input.origin, at('origin'), issues)
  check(checkInteger(input.sequence, { field: 'sequence', min: 1, max: LIMITS.sequenceMax }))
  const severity = parseNamedValue<Severity>(
    input.severity,
    at('severity'),
    SEVERITIES,
    severityFromValue,
    issues,
  )
  const messageType = parseNamedValue<MessageType>(
    input.messageType,
    at('messageType'),
    MESSAGE_TYPES,
    messageTypeFromValue,
    issues,
  )
  check(checkInteger(input.messageId, { field: 'messageId', min: 0, max: LIMITS.messageIdMax }))
  check(checkModuleName(input.module))
  check(checkComponentName(input.component))
  check(checkMachineName(input.machine))
  check(
    checkSiteCode(input.siteCode, { field: 'siteCode', smscstat: SMSCSTAT.invalidSiteCode, nullable: true }),
  )
  check(
    checkSiteCode(input.topLevelSiteCode, {
      field: 'topLevelSiteCode',
      smscstat: SMSCSTAT.invalidTopLevelSiteCode,
      nullable: true,
    }),
  )
  for (const field of ['processId', 'threadId', 'win32Error'] as const) {
    if (input[field] !== undefined)
      check(checkInteger(input[field], { field, min: 0, max: LIMITS.uint32Max }))
  }
  const createdAt = readTime(input.createdAt, at('createdAt'), issues)
  for (const field of ['perClient', 'transaction', 'successfulTransaction'] as const) {
    const value = input[field]
    if (value !== undefined && typeof value !== 'boolean') {
      issues.push(
        fieldIssue(
          at(field),
          'type',
          `${at(field)} must be true or false, got ${preview(value)}`,
          SMSCSTAT.unknown,
        ),
      )
    }
  }
  const reportFunction =
    input.reportFunction === undefined
      ? 'report'
      : parseNamedValue<ReportFunction>(
          input.reportFunction,
          at('reportFunction'),
          REPORT_FUNCTIONS,
          reportFunctionFromValue,
          issues,
        )
  const insertionStrings = parseInsertionStrings(input.insertionStrings, path, issues)
  const attributes = parseAttributes(input.attributes, path, issues)

  if (issues.length > 0) return fail(issues)
  // Every field was checked above; the casts only narrow values the checks proved.
  const message: StatusMessage = {
    id: (id as string).toLowerCase(),
    origin: origin as Origin,
    sequence: input.sequence as number,
    severity: severity as Severity,
    messageType: messageType as MessageType,
    messageId: input.messageId as number,
    module: input.module as string,
    component: input.component as string,
    machine: input.machine as string,
    siteCode: upperOrNull(input.siteCode),
    topLevelSiteCode: upperOrNull(input.topLevelSiteCode),
    processId: (input.processId as number | undefined) ?? 0,
    threadId: (input.threadId as number | undefined) ?? 0,
    win32Error: (input.win32Error as number | undefined) ?? 0,
    createdAt: createdAt as number,
    perClient: (input.perClient as boolean | undefined) ?? false,
    reportFunction: reportFunction as ReportFunction,
    transaction: (input.transaction as boolean | undefined) ?? false,
    successfulTransaction: (input.successfulTransaction as boolean | undefined) ?? false,
    insertionStrings,
    attributes,
  }
  return { ok: true, value: message }
}

function parseNamedValue<N extends string>(
  value: unknown,
  field: string,
  table: readonly { readonly name: string; readonly value: number }[],
  fromValue: (v: number) => N | undefined,
  issues: FieldIssue[],
): N | undefined {
  if (typeof value === 'string') {
    const entry = table.find((e) => e.name === value)
    // The table's names are exactly the union N.
    if (entry !== undefined) return entry.name as N
  } else if (typeof value === 'number') {
    const name = fromValue(value)
    if (name !== undefined) return name
  }
  const allowed = table.map((e) => `${e.name} (${e.value})`).join(', ')
  issues.push(
    fieldIssue(
      field,
      value === undefined ? 'required' : 'unknown_value',
      value === undefined
        ? `${field} is required; one of ${allowed}`
        : `${field} must be one of ${allowed}, got ${preview(value)}`,
      SMSCSTAT.unknown,
    ),
  )
  return undefined
}

function parseInsertionStrings(value: unknown, path: string, issues: FieldIssue[]): string[] {
  if (value === undefined) return []
  const field = path === '' ? 'insertionStrings' : `${path}.insertionStrings`
  if (!Array.isArray(value)) {
    issues.push(
      fieldIssue(
        field,
        'type',
        `${field} must be an array of strings, got ${preview(value)}`,
        SMSCSTAT.invalidInsertionString,
      ),
    )
    return []
  }
  const countIssue = checkInsertionStringCount(value.length)
  if (countIssue !== undefined) issues.push(prefix(countIssue, path))
  value.forEach((s: unknown, i) => {
    const issue = checkInsertionString(s, i)
    if (issue !== undefined) issues.push(prefix(issue, path))
  })
  // Every element was checked to be a string above; when any failed the result is discarded.
  return value as string[]
}

function parseAttributes(value: unknown, path: string, issues: FieldIssue[]): StatusAttribute[] {
  if (value === undefined) return []
  const field = path === '' ? 'attributes' : `${path}.attributes`
  if (!Array.isArray(value)) {
    issues.push(
      fieldIssue(
        field,
        'type',
        `${field} must be an array of { id, value }, got ${preview(value)}`,
        SMSCSTAT.invalidAttributeValue,
      ),
    )
    return []
  }
  const countIssue = checkAttributeCount(value.length)
  if (countIssue !== undefined) {
    // Past the count limit the entries are not worth reading one by one.
    issues.push(prefix(countIssue, path))
    return []
  }
  const attributes: StatusAttribute[] = []
  value.forEach((entry: unknown, i) => {
    const at = `${field}[${i}]`
    if (!isRecord(entry)) {
      issues.push(
        fieldIssue(
          at,
          'type',
          `${at} must be an object { id, value }, got ${preview(entry)}`,
          SMSCSTAT.invalidAttributeValue,
        ),
      )
      return
    }
    const idIssue = checkInteger(entry.id, { field: `attributes[${i}].id`, min: 0, max: LIMITS.uint32Max })
    const valueIssue = checkAttributeValue(entry.value, i)
    if (idIssue !== undefined) issues.push(prefix(idIssue, path))
    if (valueIssue !== undefined) issues.push(prefix(valueIssue, path))
    for (const key of Object.keys(entry)) {
      if (key !== 'id' && key !== 'value') {
        issues.push(
          fieldIssue(
            `${at}.${key}`,
            'unknown_field',
            `${at}.${key} is not a field of an attribute`,
            SMSCSTAT.unknown,
          ),
        )
      }
    }
    if (idIssue === undefined && valueIssue === undefined) {
      attributes.push({ id: entry.id as number, value: entry.value as string })
    }
  })
  return attributes
}

function prefix(issue: FieldIssue, path: string): FieldIssue {
  if (path === '' || issue.field.startsWith(`${path}.`)) return issue
  const field = `${path}.${issue.field}`
  return { ...issue, field, message: issue.message.replace(issue.field, field) }
}

function upperOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value.toUpperCase() : null
}

function fail<T>(issues: readonly FieldIssue[]): ParseResult<T> {
  return { ok: false, issues }
}
