/**
 * The text `%12` renders: a sentence naming the message's OS error code and, when the
 * catalogue knows it, what the code means (reference §2.3: blank when `win32Error` is 0).
 */
import type { Catalogue, RendererTexts } from './catalogue.ts'
import { fillTemplate as sentence } from './render-template.ts'

// HRESULTs of FACILITY_WIN32 wrap a Win32 code in their low 16 bits (0x80070005 is error 5).
const FACILITY_WIN32_MASK = 0xffff0000
const FACILITY_WIN32 = 0x80070000

/**
 * Shows an OS error code the way Windows tools do: Win32 codes (up to 0xFFFF) in decimal,
 * HRESULTs and other large codes as eight hex digits (`0x80070005`). Negative codes are read as
 * the unsigned 32-bit value a signed database column would have turned them into.
 */
export function formatOsErrorCode(code: number): string {
  const unsigned = code >>> 0
  return unsigned <= 0xffff ? String(unsigned) : `0x${unsigned.toString(16).toUpperCase().padStart(8, '0')}`
}

/**
 * Returns the sentence for an OS error code in the first locale of `locales` whose sentences
 * know the code ("The operating system reported error 5: Access is denied."), or the
 * "reported error N." sentence of the first available locale when none does; `''` for 0.
 * `locales` is a fallback chain, e.g. `['de-de', 'de', 'en']`.
 */
export function osErrorText(catalogue: Catalogue, code: number, locales: readonly string[]): string {
  const unsigned = Number.isFinite(code) ? Math.trunc(code) >>> 0 : 0
  if (unsigned === 0) return ''
  const packs = rendererTextsChain(catalogue, locales)
  const shown = formatOsErrorCode(unsigned)
  for (const texts of packs) {
    const meaning = knownMeaning(texts, unsigned)
    if (meaning !== undefined) return sentence(texts.osError, [shown, meaning])
  }
  // The chain always ends with the default texts, so [0] exists; the fallback keeps TS honest.
  return sentence((packs[0] ?? catalogue.defaultRendererTexts).osErrorUnknown, [shown])
}

/** Returns the renderer's sentences for each locale of the chain that has them, then `en`'s. */
function rendererTextsChain(catalogue: Catalogue, locales: readonly string[]): RendererTexts[] {
  const packs: RendererTexts[] = []
  for (const locale of locales) {
    const texts = catalogue.rendererTexts.get(locale)
    if (texts !== undefined && !packs.includes(texts)) packs.push(texts)
  }
  if (!packs.includes(catalogue.defaultRendererTexts)) packs.push(catalogue.defaultRendererTexts)
  return packs
}

function knownMeaning(texts: RendererTexts, code: number): string | undefined {
  const exact = texts.osErrors.get(code)
  if (exact !== undefined) return exact
  return (code & FACILITY_WIN32_MASK) >>> 0 === FACILITY_WIN32 ? texts.osErrors.get(code & 0xffff) : undefined
}
