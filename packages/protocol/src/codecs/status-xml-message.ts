/**
 * Mapping between a `Status` XML document and a `StatusMessage`, through the event class table.
 * The forward direction builds the JSON form and runs it through `parseStatusMessage`, so
 * limits are checked in exactly one place.
 */
import type { FieldIssue, ParseResult } from '../field-issue.ts'
import { preview } from '../field-issue.ts'
import { parseStatusMessage } from '../parse-status-message.ts'
import type { Origin, StatusAttribute, StatusMessage } from '../status-message.ts'
import type { EventClass } from './event-classes.ts'
import { EVENT_CLASSES, EVENT_CLASS_NAMES, eventClassByType, eventClassForMessage } from './event-classes.ts'
import type { StatusXmlDocument, StatusXmlProperty, StatusXmlQualifier } from './status-xml.ts'
import { xmlIssue } from './xml-reading.ts'

/** What a `Status` document does not carry, supplied by whoever received it. */
export interface StatusXmlContext {
  readonly id: string
  readonly origin: Origin
  readonly sequence: number
  /** The sending computer, as the transport authenticated it. */
  readonly machine: string
  readonly siteCode: string | null
  /** Epoch ms; the XML carries no time. */
  readonly createdAt: number
  /** Component when neither the event class nor an `ApplicationName` qualifier names one. */
  readonly component: string
}

const ATTRIBUTE_PROPERTY = /^Attribute(\d{1,10})$/

/**
 * Turns a decoded `Status` document into a status message. The event class (`Type`) fixes
 * module, message ID, severity and message type; properties become insertion strings and
 * attributes; the component is the class's, else the `ApplicationName` qualifier, else
 * `context.component`. An unknown `Type` or property is an issue naming the known ones.
 */
export function statusXmlToMessage(
  document: StatusXmlDocument,
  context: StatusXmlContext,
): ParseResult<StatusMessage> {
  const eventClass = eventClassByType(document.type)
  if (eventClass === undefined) {
    const message = `Status.Type ${preview(document.type)} is not an event class Sitrep maps; known: ${EVENT_CLASS_NAMES.join(', ')}`
    return { ok: false, issues: [xmlIssue('Status.Type', 'unknown_value', message)] }
  }
  const mapped = mapProperties(eventClass, document.properties)
  if (mapped.issues.length > 0) return { ok: false, issues: mapped.issues }
  const applicationName = document.qualifiers.find((q) => q.attributes.Name === 'ApplicationName')?.text
  return parseStatusMessage({
    id: context.id,
    origin: context.origin,
    sequence: context.sequence,
    severity: eventClass.severity,
    messageType: eventClass.messageType,
    messageId: eventClass.messageId,
    module: eventClass.module,
    component: eventClass.component ?? applicationName ?? context.component,
    machine: context.machine,
    siteCode: context.siteCode,
    createdAt: context.createdAt,
    insertionStrings: mapped.insertionStrings,
    attributes: mapped.attributes,
  })
}

/**
 * Turns a status message into a `Status` document, for messages whose module and message ID
 * an event class raises. Severity and message type must be the class's, and the insertion
 * strings and attributes must fit its properties; otherwise the issue says why. Fields the
 * XML cannot carry (id, origin, sequence, times, process and thread IDs, Win32 error,
 * transaction flags, site codes) are left out. Qualifiers `ApplicationName` (the component)
 * and `MachineName` are always written.
 */
export function messageToStatusXml(message: StatusMessage): ParseResult<StatusXmlDocument> {
  const eventClass = eventClassForMessage(message.module, message.messageId)
  if (eventClass === undefined) {
    const known = EVENT_CLASSES.map((c) => `${c.module} ${c.messageId}`).join(', ')
    const text = `no event class raises ${message.module} message ${message.messageId}; Status XML carries only ${known}`
    return { ok: false, issues: [xmlIssue('messageId', 'unknown_value', text)] }
  }
  const issues: FieldIssue[] = []
  for (const field of ['severity', 'messageType', 'component'] as const) {
    const expected = eventClass[field]
    if (expected !== undefined && message[field] !== expected) {
      const text = `${eventClass.type} always has ${field} ${preview(expected)}, but the message has ${preview(message[field])}`
      issues.push(xmlIssue(field, 'unknown_value', text))
    }
  }
  const properties: StatusXmlProperty[] = []
  message.insertionStrings.forEach((value, i) => {
    const property = eventClass.properties.find((p) => p.insertionString === i + 1)
    if (property !== undefined) properties.push({ name: property.name, value })
  })
  if (eventClass.attributeProperties) {
    for (const attribute of message.attributes)
      properties.push({ name: `Attribute${attribute.id}`, value: attribute.value })
  }
  const mapped = mapProperties(eventClass, properties)
  if (
    !sameStrings(mapped.insertionStrings, message.insertionStrings) ||
    !sameAttributes(mapped.attributes, message.attributes)
  ) {
    const text = `the insertion strings and attributes of the message do not fit the properties of ${eventClass.type}`
    issues.push(xmlIssue('insertionStrings', 'format', text))
  }
  if (issues.length > 0) return { ok: false, issues }
  const qualifiers: StatusXmlQualifier[] = [
    { attributes: { Name: 'ApplicationName' }, text: message.component },
    { attributes: { Name: 'MachineName' }, text: message.machine },
  ]
  return { ok: true, value: { schemaVersion: '1.0', type: eventClass.type, properties, qualifiers } }
}

interface MappedProperties {
  readonly insertionStrings: string[]
  readonly attributes: StatusAttribute[]
  readonly issues: FieldIssue[]
}

function mapProperties(eventClass: EventClass, properties: readonly StatusXmlProperty[]): MappedProperties {
  const slots: (string | undefined)[] = []
  const attributes: StatusAttribute[] = []
  const issues: FieldIssue[] = []
  properties.forEach(({ name, value }, i) => {
    const field = `Status.Properties.Property[${i}]@Name`
    const known = eventClass.properties.find((p) => p.name === name)
    const attributeMatch = eventClass.attributeProperties ? ATTRIBUTE_PROPERTY.exec(name) : null
    if (known !== undefined) {
      const slot = known.insertionString
      if (slot !== undefined && slots[slot - 1] !== undefined) {
        issues.push(xmlIssue(field, 'too_many', `property ${preview(name)} appears more than once`, 1))
      } else if (slot !== undefined) slots[slot - 1] = value
      if (known.attribute !== undefined) attributes.push({ id: known.attribute, value })
    } else if (attributeMatch?.[1] !== undefined) {
      attributes.push({ id: Number(attributeMatch[1]), value })
    } else {
      const names = eventClass.properties.map((p) => p.name).join(', ')
      const extra = eventClass.attributeProperties ? ' and Attribute<N>' : ''
      const text = `${preview(name)} is not a property of ${eventClass.type}; known: ${names}${extra}`
      issues.push(xmlIssue(field, 'unknown_field', text))
    }
  })
  return { insertionStrings: Array.from(slots, (s) => s ?? ''), attributes, issues }
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i])
}

function sameAttributes(a: readonly StatusAttribute[], b: readonly StatusAttribute[]): boolean {
  const key = (list: readonly StatusAttribute[]): string =>
    JSON.stringify(
      list.map((x) => [x.id, x.value]).sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1)),
    )
  return a.length === b.length && key(a) === key(b)
}
