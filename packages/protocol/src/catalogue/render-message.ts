/**
 * Renders a status message's text for display, from the catalogue by module + message ID in
 * the viewer's locale (reference §2.3). The text is never stored with the message.
 */
import type { StatusMessage } from '../status-message.ts'
import type { Catalogue, RendererTexts } from './catalogue.ts'
import { lookupMessage } from './catalogue.ts'
import { DEFAULT_LOCALE, localeChain } from './locale-chain.ts'
import { osErrorText } from './os-error-text.ts'
import { fillTemplate as fill, renderTemplate } from './render-template.ts'

/** The fields of a status message the renderer reads. */
export type RenderableMessage = Pick<
  StatusMessage,
  'module' | 'messageId' | 'insertionStrings' | 'win32Error'
>

/** Options of {@link renderMessage}. */
export interface RenderOptions {
  /** The viewer's locale, e.g. `de-DE`; falls back through `de` to `en`. Defaults to `en`. */
  readonly locale?: string
}

/** A message's text, ready to show. */
export interface RenderedMessage {
  readonly text: string
  /** `false` when the module or message ID is not in the catalogue; `text` then says so. */
  readonly known: boolean
  /** The locale the text came from, after fallback (`de-DE` → `de`, or `en`). */
  readonly locale: string
  /**
   * Escapes (1–10) the template used that the message had no insertion string for. They render
   * as nothing; a viewer may flag them, as they usually mean the sender left one out.
   */
  readonly missingInsertionStrings: readonly number[]
}

/**
 * Renders a message's text in the requested locale, falling back to the language alone and
 * then to `en`. A missing insertion string renders as nothing (templates such as the generic
 * `%1%2` routinely leave one out) and is listed in `missingInsertionStrings`. A module or ID the
 * catalogue does not have still renders: a sentence saying so, the quoted insertion strings and
 * the OS error, with `known: false`. Never throws.
 *
 * @example
 * renderMessage(catalogue, message, { locale: 'de-DE' })
 * // { text: 'Der Status der Komponente „SMS_SITE_COMPONENT_MANAGER“ auf „SRV01“ ist jetzt „Warnung“.',
 * //   known: true, locale: 'de', missingInsertionStrings: [] }
 */
export function renderMessage(
  catalogue: Catalogue,
  message: RenderableMessage,
  options: RenderOptions = {},
): RenderedMessage {
  const chain = localeChain(options.locale)
  const definition = lookupMessage(catalogue, message.module, message.messageId)
  if (definition !== undefined) {
    for (const [index, locale] of chain.entries()) {
      const template = definition.templates.get(locale)
      if (template === undefined) continue
      const rendered = renderTemplate(template, {
        insertionStrings: message.insertionStrings,
        // %12 speaks the template's language: start the chain at the locale the text came from.
        osErrorText: () => osErrorText(catalogue, message.win32Error, chain.slice(index)),
      })
      return { ...rendered, known: true, locale }
    }
  }
  return renderUnknown(catalogue, message, chain)
}

function renderUnknown(
  catalogue: Catalogue,
  message: RenderableMessage,
  chain: readonly string[],
): RenderedMessage {
  const { texts, locale, index } = firstRendererTexts(catalogue, chain)
  const strings = message.insertionStrings
  const parts = [
    fill(texts.unknownMessage, [String(message.messageId), message.module]),
    strings.length === 0
      ? texts.noInsertionStrings
      : fill(texts.insertionStrings, [strings.map((s) => JSON.stringify(s)).join(', ')]),
    osErrorText(catalogue, message.win32Error, chain.slice(index)),
  ]
  return {
    text: parts.filter((part) => part !== '').join(' '),
    known: false,
    locale,
    missingInsertionStrings: [],
  }
}

function firstRendererTexts(
  catalogue: Catalogue,
  chain: readonly string[],
): { texts: RendererTexts; locale: string; index: number } {
  for (const [index, locale] of chain.entries()) {
    const texts = catalogue.rendererTexts.get(locale)
    if (texts !== undefined) return { texts, locale, index }
  }
  return { texts: catalogue.defaultRendererTexts, locale: DEFAULT_LOCALE, index: chain.length - 1 }
}
