/**
 * The catalogue value: message definitions and their templates, per module and locale, plus
 * the sentences the renderer itself needs. Text is never transmitted with a message; the viewer
 * renders it from here by module + message ID (reference §2.3).
 */
import { fieldIssue } from '../field-checks.ts'
import type { ParseResult } from '../field-issue.ts'
import { SMSCSTAT } from '../smscstat.ts'
import type { CatalogueModule, MessageDefinition } from './catalogue-module.ts'
import { parseModuleDefinition } from './parse-module-definition.ts'

export type { CatalogueModule, MessageDefinition } from './catalogue-module.ts'

/** Module names of the built-in catalogue; a vendor module must pick another name. */
export const RESERVED_MODULE_NAMES = ['SMS Server', 'SMS Client', 'SMS Provider'] as const

/** Sentences the renderer writes itself, in one locale (`catalogue/renderer/<locale>.json`). */
export interface RendererTexts {
  /** `%1` message ID, `%2` module name. */
  readonly unknownMessage: string
  /** `%1` the quoted insertion strings, comma-separated. */
  readonly insertionStrings: string
  readonly noInsertionStrings: string
  /** `%1` error code, `%2` the error's text. */
  readonly osError: string
  /** `%1` error code, for codes without a text. */
  readonly osErrorUnknown: string
  /** Text per OS error code (unsigned 32-bit). */
  readonly osErrors: ReadonlyMap<number, string>
}

/**
 * Every module the viewer can render, keyed case-insensitively, and the renderer's own
 * sentences per locale. Build one with `createCatalogue()`; add vendor modules with
 * {@link registerModule}. The value is immutable: registering returns a new catalogue.
 */
export interface Catalogue {
  /** Keyed by module name in lower case: Windows compares module names ignoring case. */
  readonly modules: ReadonlyMap<string, CatalogueModule>
  /** Keyed by normalized locale. */
  readonly rendererTexts: ReadonlyMap<string, RendererTexts>
  /** The `en` sentences, the last fallback of every lookup. */
  readonly defaultRendererTexts: RendererTexts
}

/** Returns the key a module name is stored under: Windows compares module names ignoring case. */
function moduleKey(module: string): string {
  return module.toLowerCase()
}

/** Returns a module's catalogue, matching the name case-insensitively, or `undefined`. */
export function findModule(catalogue: Catalogue, module: string): CatalogueModule | undefined {
  return catalogue.modules.get(moduleKey(module))
}

/**
 * Returns the definition of one message, or `undefined` when the module or the ID is not in
 * the catalogue. The key is module + ID only: unlike a Win32 resource ID, severity is not part
 * of it, so a message raised with another severity than the catalogue's still finds its text.
 */
export function lookupMessage(
  catalogue: Catalogue,
  module: string,
  messageId: number,
): MessageDefinition | undefined {
  return findModule(catalogue, module)?.messages.get(messageId)
}

/**
 * Adds a vendor module's catalogue, given in the same JSON shape as the built-in data files
 * (see docs/catalogue.md), and returns a new catalogue; the one passed in is left as it was.
 * Refuses, naming the field, a definition that does not parse, a reserved module name
 * (`SMS Server`, `SMS Client`, `SMS Provider`) and a module the catalogue already has.
 *
 * @example
 * const result = registerModule(createCatalogue(), JSON.parse(text))
 * if (!result.ok) throw new Error(formatIssues(result.issues))
 * const catalogue = result.value
 */
export function registerModule(catalogue: Catalogue, definition: unknown): ParseResult<Catalogue> {
  const parsed = parseModuleDefinition(definition)
  if (!parsed.ok) return parsed
  const { module } = parsed.value
  const reserved = RESERVED_MODULE_NAMES.find((name) => moduleKey(name) === moduleKey(module))
  if (reserved !== undefined) {
    return refuseModule(
      `module "${module}" is reserved for the built-in "${reserved}" catalogue; pick your own name`,
    )
  }
  const existing = findModule(catalogue, module)
  if (existing !== undefined) {
    return refuseModule(`module "${module}" is already in the catalogue (as "${existing.module}")`)
  }
  return { ok: true, value: withModule(catalogue, parsed.value) }
}

/** Returns a catalogue that also holds `module`, replacing one of the same name. */
export function withModule(catalogue: Catalogue, module: CatalogueModule): Catalogue {
  const modules = new Map(catalogue.modules)
  modules.set(moduleKey(module.module), module)
  return Object.freeze({ ...catalogue, modules })
}

function refuseModule(message: string): ParseResult<Catalogue> {
  return { ok: false, issues: [fieldIssue('module', 'format', message, SMSCSTAT.invalidModuleName)] }
}
