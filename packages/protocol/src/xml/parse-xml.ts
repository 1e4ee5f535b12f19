/**
 * Secure XML reading for everything Sitrep accepts from outside (Status XML, state reports).
 * Built on saxes, which is pure JavaScript and runs in the browser. Three rules keep hostile
 * input harmless: no DOCTYPE at all (so no DTD, no entity declarations, no external entities,
 * no billion laughs), no entities beyond the five predefined ones and character references,
 * and hard limits on input size, nesting depth, element count and text size.
 */
import { SaxesParser } from 'saxes'
import { fieldIssue } from '../field-checks.ts'
import type { FieldIssue, ParseResult } from '../field-issue.ts'
import { SMSCSTAT } from '../smscstat.ts'
import type { XmlElement } from './xml-element.ts'

/** Bounds on one XML document; each refusal names the limit it broke. */
export interface XmlLimits {
  /** Characters of the whole document (UTF-16 code units, as JavaScript counts them). */
  readonly maxInputLength: number
  /** How deeply elements may nest; the root is depth 1. */
  readonly maxDepth: number
  /** Elements in the whole document. */
  readonly maxElements: number
  /** Characters of text, CDATA and attribute values in the whole document. */
  readonly maxTextLength: number
}

/**
 * Default bounds. Sitrep's deepest format (a state report) nests 5 levels, so 32 is generous;
 * the sizes fit a report of 1000 state messages with large details.
 */
export const XML_LIMITS: XmlLimits = {
  maxInputLength: 32 * 1024 * 1024, // 32 Mi characters
  maxDepth: 32,
  maxElements: 100_000,
  maxTextLength: 16 * 1024 * 1024, // 16 Mi characters
}

/** The refusal for any document type declaration, internal or external. */
export const DOCTYPE_REFUSED =
  'XML documents with a DOCTYPE are refused: DTDs and entity declarations are not accepted'

const FIELD = 'xml'

class XmlRefusal extends Error {
  override name = 'XmlRefusal'
  readonly issue: FieldIssue
  constructor(issue: FieldIssue) {
    super(issue.message)
    this.issue = issue
  }
}

interface OpenElement {
  readonly name: string
  readonly attributes: Readonly<Record<string, string>>
  readonly children: XmlElement[]
  text: string
}

/**
 * Parses an XML document held in a JavaScript string into an {@link XmlElement} tree, or
 * returns one issue (field `xml`) saying why it was refused. A leading BOM and an XML
 * declaration naming any encoding (`UTF-16` included) are accepted: the string is already
 * decoded, so the declared encoding is ignored. Use {@link decodeXmlBytes} for raw bytes.
 */
export function parseXml(text: string, limits: Partial<XmlLimits> = {}): ParseResult<XmlElement> {
  const bounds: XmlLimits = { ...XML_LIMITS, ...limits }
  if (text.length > bounds.maxInputLength) {
    return refuse(
      'too_long',
      `XML document is ${text.length} characters long; the limit is ${bounds.maxInputLength}`,
      bounds.maxInputLength,
    )
  }
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const parser = new SaxesParser({ xmlns: false, position: true })
  const stack: OpenElement[] = []
  let root: XmlElement | undefined
  let elementCount = 0
  let textLength = 0

  const countText = (length: number): void => {
    textLength += length
    if (textLength > bounds.maxTextLength) {
      throw new XmlRefusal(
        issue(
          'too_long',
          `XML text, CDATA and attribute values exceed ${bounds.maxTextLength} characters (maxTextLength)`,
          bounds.maxTextLength,
        ),
      )
    }
  }
  const appendText = (data: string): void => {
    countText(data.length)
    const open = stack.at(-1)
    // Outside the root only whitespace is allowed (saxes reports anything else as an error).
    if (open !== undefined) open.text += data
  }

  parser.on('doctype', () => {
    throw new XmlRefusal(issue('format', DOCTYPE_REFUSED))
  })
  parser.on('error', (error) => {
    throw new XmlRefusal(issue('format', `XML is not well-formed: ${error.message}`))
  })
  parser.on('opentag', (tag) => {
    elementCount += 1
    if (elementCount > bounds.maxElements) {
      throw new XmlRefusal(
        issue(
          'too_many',
          `XML has more than ${bounds.maxElements} elements (maxElements)`,
          bounds.maxElements,
        ),
      )
    }
    if (stack.length + 1 > bounds.maxDepth) {
      throw new XmlRefusal(
        issue(
          'too_many',
          `XML nests elements deeper than ${bounds.maxDepth} levels (maxDepth)`,
          bounds.maxDepth,
        ),
      )
    }
    const attributes = Object.entries(tag.attributes)
    for (const [, value] of attributes) countText(value.length)
    // fromEntries defines own properties, so an attribute named __proto__ stays plain data.
    stack.push({ name: tag.name, attributes: Object.fromEntries(attributes), children: [], text: '' })
  })
  parser.on('closetag', () => {
    const open = stack.pop()
    if (open === undefined) return
    const element: XmlElement = Object.freeze({ ...open, children: Object.freeze(open.children) })
    const parent = stack.at(-1)
    if (parent === undefined) root = element
    else parent.children.push(element)
  })
  parser.on('text', appendText)
  parser.on('cdata', appendText)

  try {
    parser.write(source).close()
  } catch (error) {
    if (error instanceof XmlRefusal) return { ok: false, issues: [error.issue] }
    throw error
  }
  if (root === undefined) return refuse('required', 'XML document has no root element')
  return { ok: true, value: root }
}

function issue(code: FieldIssue['code'], message: string, limit?: number): FieldIssue {
  return fieldIssue(FIELD, code, message, SMSCSTAT.unknown, limit)
}

function refuse(code: FieldIssue['code'], message: string, limit?: number): ParseResult<XmlElement> {
  return { ok: false, issues: [issue(code, message, limit)] }
}
