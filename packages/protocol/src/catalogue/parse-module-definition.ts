/**
 * The one parser for a module's catalogue, built-in or a vendor's: the JSON shape of
 * `catalogue/<module>/messages.json` plus its locale files under `texts` (docs/catalogue.md).
 * It reports every issue at once, each naming the field, e.g. `messages.500.severity`.
 */
import type { MessageType, Severity } from '../enumerations.ts'
import { MESSAGE_TYPE_NAMES, SEVERITY_NAMES } from '../enumerations.ts'
import { checkComponentName, checkModuleName } from '../field-checks.ts'
import type { FieldIssue, ParseResult } from '../field-issue.ts'
import { preview } from '../field-issue.ts'
import { LIMITS } from '../limits.ts'
import type { CatalogueModule, MessageDefinition } from './catalogue-module.ts'
import { catalogueIssue as issue, isMessageIdKey, isRecord } from './catalogue-issue.ts'
import { parseTemplateTexts } from './parse-template-texts.ts'

/**
 * A module's catalogue as JSON, for vendors who author it in TypeScript
 * (`const definition = { ... } satisfies ModuleDefinition`).
 */
export interface ModuleDefinition {
  /** 1–127 characters; compared ignoring case; not one of the built-in names. */
  readonly module: string
  /** Keyed by message ID in decimal, `"0"` to `"65535"`. */
  readonly messages: Readonly<Record<string, MessageEntry>>
  /** Locale (`en`, `de`, `de-AT`) → message ID → template. `en` must cover every message. */
  readonly texts: Readonly<Record<string, Readonly<Record<string, string>>>>
}

/** One entry of `messages` in a {@link ModuleDefinition}. */
export interface MessageEntry {
  /** Upper-case symbolic name, unique in the module, e.g. `AGENT_STARTED`. */
  readonly name: string
  readonly severity: Severity
  readonly messageType: MessageType
  /** Components that raise it; omit or leave empty for "any component". */
  readonly components?: readonly string[]
}

const TOP_LEVEL_FIELDS = new Set(['module', 'messages', 'texts'])
const ENTRY_FIELDS = new Set(['name', 'severity', 'messageType', 'components'])
const SYMBOLIC_NAME = /^[A-Z][A-Z0-9_]{0,63}$/

/**
 * Parses a module's catalogue from JSON-shaped input. Use {@link registerModule} to add one to
 * a catalogue; this is the step it runs first.
 */
export function parseModuleDefinition(input: unknown): ParseResult<CatalogueModule> {
  if (!isRecord(input)) {
    return fail([issue('definition', 'type', `definition must be a JSON object, got ${preview(input)}`)])
  }
  const issues: FieldIssue[] = []
  for (const key of Object.keys(input)) {
    if (!TOP_LEVEL_FIELDS.has(key)) {
      issues.push(issue(key, 'unknown_field', `${key} is not a field of a module definition`))
    }
  }
  const moduleIssue = checkModuleName(input.module, 'module')
  if (moduleIssue !== undefined) issues.push(moduleIssue)
  const entries = parseEntries(input.messages, issues)
  // Cross-check texts against every well-formed ID in messages, even entries with other issues,
  // so one bad entry does not also report its templates as orphans.
  const declared = isRecord(input.messages)
    ? new Set(Object.keys(input.messages).filter(isMessageIdKey).map(Number))
    : undefined
  const texts = parseTemplateTexts(input.texts, declared, issues)
  if (issues.length > 0 || typeof input.module !== 'string') return fail(issues)

  const module = input.module
  const messages = new Map<number, MessageDefinition>()
  for (const [messageId, entry] of entries) {
    const templates = new Map<string, string>()
    for (const [locale, byId] of texts) {
      const template = byId.get(messageId)
      if (template !== undefined) templates.set(locale, template)
    }
    messages.set(messageId, Object.freeze({ module, messageId, ...entry, templates }))
  }
  return { ok: true, value: Object.freeze({ module, messages, locales: [...texts.keys()] }) }
}

type ParsedEntry = Omit<MessageDefinition, 'module' | 'messageId' | 'templates'>

function parseEntries(value: unknown, issues: FieldIssue[]): Map<number, ParsedEntry> {
  const entries = new Map<number, ParsedEntry>()
  if (!isRecord(value)) {
    issues.push(
      issue(
        'messages',
        value === undefined ? 'required' : 'type',
        `messages must be an object keyed by message ID, got ${preview(value)}`,
      ),
    )
    return entries
  }
  const names = new Map<string, string>()
  for (const [key, raw] of Object.entries(value)) {
    const field = `messages.${key}`
    if (!isMessageIdKey(key)) {
      issues.push(
        issue(field, 'format', `${field}: "${key}" is not a message ID (0 to ${LIMITS.messageIdMax})`),
      )
      continue
    }
    // Names must be unique even among entries with other issues, so check the raw name.
    const name = isRecord(raw) ? raw.name : undefined
    const clash = typeof name === 'string' ? names.get(name) : undefined
    if (typeof name === 'string' && clash === undefined) names.set(name, field)
    const entry = parseEntry(raw, field, issues)
    if (clash !== undefined) {
      issues.push(
        issue(`${field}.name`, 'format', `${field}.name "${String(name)}" is already used by ${clash}`),
      )
    } else if (entry !== undefined) {
      entries.set(Number(key), entry)
    }
  }
  return entries
}

function parseEntry(raw: unknown, field: string, issues: FieldIssue[]): ParsedEntry | undefined {
  if (!isRecord(raw)) {
    issues.push(issue(field, 'type', `${field} must be an object, got ${preview(raw)}`))
    return undefined
  }
  const before = issues.length
  for (const key of Object.keys(raw)) {
    if (!ENTRY_FIELDS.has(key)) {
      issues.push(issue(`${field}.${key}`, 'unknown_field', `${field}.${key} is not a field of a message`))
    }
  }
  const name = raw.name
  if (typeof name !== 'string' || !SYMBOLIC_NAME.test(name)) {
    issues.push(
      issue(
        `${field}.name`,
        name === undefined ? 'required' : 'format',
        `${field}.name must be an upper-case symbolic name such as AGENT_STARTED, got ${preview(name)}`,
      ),
    )
  }
  const severity = SEVERITY_NAMES.find((s) => s === raw.severity)
  if (severity === undefined) {
    issues.push(oneOf(`${field}.severity`, SEVERITY_NAMES, raw.severity))
  }
  const messageType = MESSAGE_TYPE_NAMES.find((t) => t === raw.messageType)
  if (messageType === undefined) {
    issues.push(oneOf(`${field}.messageType`, MESSAGE_TYPE_NAMES, raw.messageType))
  }
  const components = parseComponents(raw.components, `${field}.components`, issues)
  if (
    issues.length > before ||
    typeof name !== 'string' ||
    severity === undefined ||
    messageType === undefined
  ) {
    return undefined
  }
  return { name, severity, messageType, components }
}

function parseComponents(value: unknown, field: string, issues: FieldIssue[]): readonly string[] {
  if (value === undefined) return Object.freeze([])
  if (!Array.isArray(value)) {
    issues.push(issue(field, 'type', `${field} must be an array of component names, got ${preview(value)}`))
    return []
  }
  const components: string[] = []
  value.forEach((component: unknown, index) => {
    const problem = checkComponentName(component, `${field}[${index}]`)
    if (problem !== undefined) issues.push(problem)
    else if (typeof component === 'string') components.push(component)
  })
  return Object.freeze(components)
}

function oneOf(field: string, allowed: readonly string[], value: unknown): FieldIssue {
  return issue(
    field,
    value === undefined ? 'required' : 'unknown_value',
    `${field} must be one of ${allowed.join(', ')}, got ${preview(value)}`,
  )
}

function fail<T>(issues: readonly FieldIssue[]): ParseResult<T> {
  return { ok: false, issues }
}
