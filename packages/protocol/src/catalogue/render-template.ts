import { tokenizeTemplate } from './tokenize-template.ts'

/** What a template needs from the message to render. */
export interface TemplateInputs {
  /** `%1`…`%10`; extra entries are ignored, missing ones render as nothing. */
  readonly insertionStrings: readonly string[]
  /** Returns the text for `%12`; called only when the template uses `%12`. */
  readonly osErrorText: () => string
}

/** A rendered template and the insertion strings it asked for but did not get. */
export interface RenderedTemplate {
  readonly text: string
  /** Numbers (1–10) of the escapes that had no insertion string, in template order, once each. */
  readonly missingInsertionStrings: readonly number[]
}

/**
 * Renders one template: `%1`…`%10` become insertion strings, `%11` nothing, `%12` the OS error
 * text, `%%` a percent sign, and `%0` ends the text. Insertion strings are inserted as they are:
 * a `%` inside one is not read as an escape, as with `FormatMessage`'s argument arrays. An escape
 * that is not valid is kept literally. Trailing whitespace is dropped, so a `%12` or insertion
 * string at the end that renders as nothing leaves no dangling space.
 */
export function renderTemplate(template: string, inputs: TemplateInputs): RenderedTemplate {
  let text = ''
  const missing: number[] = []
  for (const token of tokenizeTemplate(template)) {
    if (token.kind === 'end') break
    switch (token.kind) {
      case 'text':
      case 'invalid':
        text += token.text
        break
      case 'insertion': {
        const value = inputs.insertionStrings[token.index - 1]
        if (value === undefined) {
          if (!missing.includes(token.index)) missing.push(token.index)
        } else {
          text += value
        }
        break
      }
      case 'reserved':
        break
      case 'osError':
        text += inputs.osErrorText()
        break
    }
  }
  return { text: text.trimEnd(), missingInsertionStrings: missing }
}

/**
 * Renders one of the renderer's own sentences (which use only `%1`…`%10`) with the given
 * strings; a shorthand for {@link renderTemplate} with no OS error.
 */
export function fillTemplate(template: string, insertionStrings: readonly string[]): string {
  return renderTemplate(template, { insertionStrings, osErrorText: () => '' }).text
}
