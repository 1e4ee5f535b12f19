/**
 * The `Status` XML schema of the MP API (reference §5.3), read and written as a typed
 * document. Mapping a document to a `StatusMessage` is `statusXmlToMessage`'s job.
 */
import type { FieldIssue, ParseResult } from '../field-issue.ts'
import { preview } from '../field-issue.ts'
import type { XmlLimits } from '../xml/parse-xml.ts'
import { parseXml } from '../xml/parse-xml.ts'
import { attributeOf, childElements } from '../xml/xml-element.ts'
import { writeXml, xmlElement, xmlText, xmlTextElement } from '../xml/write-xml.ts'
import {
  checkAttributeNames,
  checkChildNames,
  readUnsigned,
  requiredAttribute,
  singleChild,
  textContent,
  xmlIssue,
} from './xml-reading.ts'

/** One `<Property Name="…">value</Property>`. */
export interface StatusXmlProperty {
  readonly name: string
  readonly value: string
}

/**
 * One `Qualifier`. Its shape is undocumented, so every attribute and the text are kept.
 * Sitrep writes `<Qualifier Name="…">value</Qualifier>` (docs/codecs.md).
 */
export interface StatusXmlQualifier {
  readonly attributes: Readonly<Record<string, string>>
  readonly text: string
}

/** A `Status` document. */
export interface StatusXmlDocument {
  readonly schemaVersion: string
  readonly codePage?: number
  readonly localeId?: string
  /** `Type`: the event class name, e.g. `SoftDistProgramStartedEvent`. */
  readonly type: string
  readonly properties: readonly StatusXmlProperty[]
  readonly qualifiers: readonly StatusXmlQualifier[]
}

const CLASS_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,255}$/

/**
 * Decodes a `Status` XML document (securely: see `parseXml`). Every structural fault is an
 * issue with an XML path (`Status.Properties.Property[2]@Name`); unknown elements and
 * attributes are refused. Property values are kept exactly, whitespace included.
 */
export function decodeStatusXml(
  text: string,
  limits: Partial<XmlLimits> = {},
): ParseResult<StatusXmlDocument> {
  const parsed = parseXml(text, limits)
  if (!parsed.ok) return parsed
  const root = parsed.value
  if (root.name !== 'Status') {
    return {
      ok: false,
      issues: [xmlIssue('Status', 'format', `the root element must be Status, got ${preview(root.name)}`)],
    }
  }
  const issues: FieldIssue[] = []
  checkAttributeNames(root, 'Status', ['SchemaVersion', 'CodePage', 'LocaleID'], issues)
  checkChildNames(root, 'Status', ['Type', 'Properties', 'Qualifiers'], issues)
  const schemaVersion = requiredAttribute(root, 'Status', 'SchemaVersion', issues)
  const codePage = readUnsigned(attributeOf(root, 'CodePage'), 'Status@CodePage', issues)
  const localeId = attributeOf(root, 'LocaleID')

  const typeElement = singleChild(root, 'Status', 'Type', issues, { required: true })
  const typeText =
    typeElement === undefined ? undefined : textContent(typeElement, 'Status.Type', issues)?.trim()
  if (typeText !== undefined && !CLASS_NAME.test(typeText)) {
    issues.push(
      xmlIssue('Status.Type', 'format', `Status.Type must be an event class name, got ${preview(typeText)}`),
    )
  }

  const properties: StatusXmlProperty[] = []
  const propertiesElement = singleChild(root, 'Status', 'Properties', issues, { required: false })
  if (propertiesElement !== undefined) {
    checkChildNames(propertiesElement, 'Status.Properties', ['Property'], issues)
    childElements(propertiesElement, 'Property').forEach((property, i) => {
      const path = `Status.Properties.Property[${i}]`
      checkAttributeNames(property, path, ['Name'], issues)
      const name = requiredAttribute(property, path, 'Name', issues)
      if (name === '') issues.push(xmlIssue(`${path}@Name`, 'too_short', `${path}@Name must not be empty`, 1))
      const value = textContent(property, path, issues)
      if (name !== undefined && value !== undefined) properties.push({ name, value })
    })
  }

  const qualifiers: StatusXmlQualifier[] = []
  const qualifiersElement = singleChild(root, 'Status', 'Qualifiers', issues, { required: false })
  if (qualifiersElement !== undefined) {
    checkChildNames(qualifiersElement, 'Status.Qualifiers', ['Qualifier'], issues)
    childElements(qualifiersElement, 'Qualifier').forEach((qualifier, i) => {
      const value = textContent(qualifier, `Status.Qualifiers.Qualifier[${i}]`, issues)
      if (value !== undefined) qualifiers.push({ attributes: { ...qualifier.attributes }, text: value })
    })
  }

  if (issues.length > 0 || schemaVersion === undefined || typeText === undefined) return { ok: false, issues }
  return {
    ok: true,
    value: {
      schemaVersion,
      ...(codePage === undefined ? {} : { codePage }),
      ...(localeId === undefined ? {} : { localeId }),
      type: typeText,
      properties,
      qualifiers,
    },
  }
}

/**
 * Encodes a `Status` document; `decodeStatusXml` reads the result back to an equal document.
 * Pass `declaration` to prepend `<?xml version="1.0" encoding="…"?>` (then encode the string
 * that way). Throws a `TypeError` when a qualifier attribute name is not an XML name.
 */
export function encodeStatusXml(
  document: StatusXmlDocument,
  options: { declaration?: 'UTF-8' | 'UTF-16' } = {},
): string {
  const root = xmlElement(
    'Status',
    { SchemaVersion: document.schemaVersion, CodePage: document.codePage, LocaleID: document.localeId },
    [
      xmlTextElement('Type', document.type),
      xmlElement(
        'Properties',
        {},
        document.properties.map((p) => xmlElement('Property', { Name: p.name }, [xmlText(p.value)])),
      ),
      xmlElement(
        'Qualifiers',
        {},
        document.qualifiers.map((q) => xmlElement('Qualifier', q.attributes, [xmlText(q.text)])),
      ),
    ],
  )
  return writeXml(root, options)
}
