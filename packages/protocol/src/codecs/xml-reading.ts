/**
 * Small helpers the XML decoders share to check an element's shape and report issues with
 * XML paths such as `Report.ReportBody.StateMessage[2].State@ID`.
 */
import { fieldIssue } from '../field-checks.ts'
import type { FieldIssue } from '../field-issue.ts'
import { preview } from '../field-issue.ts'
import { SMSCSTAT } from '../smscstat.ts'
import type { XmlElement } from '../xml/xml-element.ts'
import { attributeOf, childElements } from '../xml/xml-element.ts'

/** Builds an issue for XML input; XML faults never map to a specific SMSCSTAT code. */
export function xmlIssue(
  field: string,
  code: FieldIssue['code'],
  message: string,
  limit?: number,
): FieldIssue {
  return fieldIssue(field, code, message, SMSCSTAT.unknown, limit)
}

/** Reports every attribute of `element` outside `allowed` as an unknown field. */
export function checkAttributeNames(
  element: XmlElement,
  path: string,
  allowed: readonly string[],
  issues: FieldIssue[],
): void {
  for (const name of Object.keys(element.attributes)) {
    if (!allowed.includes(name)) {
      issues.push(
        xmlIssue(`${path}@${name}`, 'unknown_field', `${path}@${name} is not an attribute Sitrep reads`),
      )
    }
  }
}

/** Reports every child element of `element` outside `allowed` as an unknown field. */
export function checkChildNames(
  element: XmlElement,
  path: string,
  allowed: readonly string[],
  issues: FieldIssue[],
): void {
  element.children.forEach((child, i) => {
    if (!allowed.includes(child.name)) {
      const field = `${path}.${child.name}`
      const known = allowed.length === 0 ? 'no child elements' : allowed.join(', ')
      issues.push(
        xmlIssue(
          field,
          'unknown_field',
          `${field} (child ${i}) is not expected here; ${path} holds ${known}`,
        ),
      )
    }
  })
}

/**
 * Returns the single child element named `name`. Reports it missing when `required`, and a
 * repeat as `too_many`; returns `undefined` in those cases (and when it is absent).
 */
export function singleChild(
  element: XmlElement,
  path: string,
  name: string,
  issues: FieldIssue[],
  options: { required: boolean },
): XmlElement | undefined {
  const found = childElements(element, name)
  if (found.length > 1) {
    issues.push(
      xmlIssue(`${path}.${name}`, 'too_many', `${path} has ${found.length} ${name} elements; at most 1`, 1),
    )
    return undefined
  }
  const [child] = found
  if (child === undefined && options.required) {
    issues.push(xmlIssue(`${path}.${name}`, 'required', `${path}.${name} is required`))
  }
  return child
}

/** Reads an element's text, refusing child elements inside it. */
export function textContent(element: XmlElement, path: string, issues: FieldIssue[]): string | undefined {
  if (element.children.length > 0) {
    issues.push(xmlIssue(path, 'type', `${path} must hold text only, not elements`))
    return undefined
  }
  return element.text
}

const UNSIGNED = /^\d{1,16}$/

/**
 * Reads an unsigned decimal integer (surrounding whitespace allowed). Range checks stay with the
 * message parsers; this only proves the text is a number.
 */
export function readUnsigned(
  text: string | undefined,
  field: string,
  issues: FieldIssue[],
): number | undefined {
  if (text === undefined) return undefined
  const trimmed = text.trim()
  if (!UNSIGNED.test(trimmed)) {
    issues.push(
      xmlIssue(field, 'format', `${field} must be an unsigned decimal integer, got ${preview(text)}`),
    )
    return undefined
  }
  return Number(trimmed)
}

/** Reads a required attribute, reporting it when missing. */
export function requiredAttribute(
  element: XmlElement,
  path: string,
  name: string,
  issues: FieldIssue[],
): string | undefined {
  const value = attributeOf(element, name)
  if (value === undefined) issues.push(xmlIssue(`${path}@${name}`, 'required', `${path}@${name} is required`))
  return value
}
