/**
 * A tiny XML writer, so encoders never build XML by concatenating raw values. Text and
 * attribute values are escaped here and nowhere else.
 *
 * Characters XML 1.0 cannot carry at all (controls other than tab, LF and CR; U+FFFE, U+FFFF;
 * lone surrogates) are REPLACED with U+FFFD rather than refused: the message parsers accept
 * them, and one odd byte in an insertion string should not make a message undeliverable.
 * CR is written as `&#xD;` so it survives a reader's line-end normalization.
 */

/** A node to write: an element, escaped text, or a CDATA section. */
export type XmlNode =
  | XmlWriteElement
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'cdata'; readonly text: string }

/** An element to write; build one with {@link xmlElement}. */
export interface XmlWriteElement {
  readonly kind: 'element'
  readonly name: string
  readonly attributes: readonly (readonly [string, string])[]
  readonly children: readonly XmlNode[]
}

const NAME_START =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D' +
  '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}'
const NAME_REST = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`
// The class holds ranges of XML's Name production (U+0300–U+036F included), not combined characters.
// eslint-disable-next-line no-misleading-character-class
const XML_NAME = new RegExp(`^[${NAME_START}][${NAME_REST}]*$`, 'u')
const XML_ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/**
 * Builds an element. Attributes whose value is `undefined` are left out; numbers are written
 * in decimal. Throws a `TypeError` for a name that is not an XML name: names come from code.
 */
export function xmlElement(
  name: string,
  attributes: Readonly<Record<string, string | number | undefined>> = {},
  children: readonly XmlNode[] = [],
): XmlWriteElement {
  assertName(name)
  const pairs: (readonly [string, string])[] = []
  for (const [key, value] of Object.entries(attributes)) {
    assertName(key)
    if (value !== undefined) pairs.push([key, String(value)])
  }
  return { kind: 'element', name, attributes: pairs, children }
}

/** A text node; it is escaped when written. */
export function xmlText(text: string): XmlNode {
  return { kind: 'text', text }
}

/** A CDATA section; `]]>` and CR inside it are split out so the text reads back unchanged. */
export function xmlCdata(text: string): XmlNode {
  return { kind: 'cdata', text }
}

/** An element holding only text, the most common shape: `<Name>text</Name>`. */
export function xmlTextElement(name: string, text: string | number): XmlWriteElement {
  return xmlElement(name, {}, [xmlText(String(text))])
}

/**
 * Writes an element tree as a string, with no added whitespace. `declaration` prepends an XML
 * declaration naming that encoding; the caller must then encode the string that way.
 */
export function writeXml(root: XmlWriteElement, options: { declaration?: 'UTF-8' | 'UTF-16' } = {}): string {
  const head =
    options.declaration === undefined ? '' : `<?xml version="1.0" encoding="${options.declaration}"?>`
  return head + writeNode(root)
}

/** Escapes character data for element content (`&`, `<`, `>`, CR; illegal characters replaced). */
export function escapeXmlText(text: string): string {
  return replaceIllegalXmlChars(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('\r', '&#xD;')
}

/** Escapes a double-quoted attribute value; tab, LF and CR become references so they survive. */
export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value).replaceAll('"', '&quot;').replaceAll('\t', '&#x9;').replaceAll('\n', '&#xA;')
}

/** Replaces every character XML 1.0 cannot carry with U+FFFD. */
export function replaceIllegalXmlChars(text: string): string {
  return text.replace(XML_ILLEGAL, '\uFFFD')
}

function writeNode(node: XmlNode): string {
  switch (node.kind) {
    case 'text':
      return escapeXmlText(node.text)
    case 'cdata':
      return replaceIllegalXmlChars(node.text)
        .split('\r')
        .map((part) => `<![CDATA[${part.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`)
        .join('&#xD;')
    case 'element': {
      const attributes = node.attributes
        .map(([key, value]) => ` ${key}="${escapeXmlAttribute(value)}"`)
        .join('')
      if (node.children.length === 0) return `<${node.name}${attributes}/>`
      return `<${node.name}${attributes}>${node.children.map(writeNode).join('')}</${node.name}>`
    }
  }
}

function assertName(name: string): void {
  if (!XML_NAME.test(name)) throw new TypeError(`${JSON.stringify(name)} is not an XML name`)
}
