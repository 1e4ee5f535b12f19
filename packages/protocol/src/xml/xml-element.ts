/**
 * The element tree {@link parseXml} returns: just enough of XML for Sitrep's wire formats.
 * Comments and processing instructions are dropped; CDATA sections are kept as text.
 */
export interface XmlElement {
  readonly name: string
  /** Attribute values after entity and character-reference expansion. */
  readonly attributes: Readonly<Record<string, string>>
  readonly children: readonly XmlElement[]
  /**
   * Character data directly inside this element (text and CDATA, in document order, joined).
   * For an element that only holds child elements this is the whitespace between them.
   */
  readonly text: string
}

/** Returns the child elements named `name`, in document order. */
export function childElements(element: XmlElement, name: string): readonly XmlElement[] {
  return element.children.filter((child) => child.name === name)
}

/** Returns an attribute value, or `undefined` when the element does not carry it. */
export function attributeOf(element: XmlElement, name: string): string | undefined {
  return Object.hasOwn(element.attributes, name) ? element.attributes[name] : undefined
}
