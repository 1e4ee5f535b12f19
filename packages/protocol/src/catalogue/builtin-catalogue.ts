/**
 * The built-in catalogue: the data files under `packages/protocol/catalogue/`, loaded through
 * the same parser as a vendor's module. The files are imported, not read, so the browser
 * bundle carries them and nothing here touches a file system.
 */
import { formatIssues } from '../field-issue.ts'
import type { Catalogue, CatalogueModule, RendererTexts } from './catalogue.ts'
import { withModule } from './catalogue.ts'
import { parseModuleDefinition } from './parse-module-definition.ts'
import { checkTemplate } from './tokenize-template.ts'
import rendererDe from '../../catalogue/renderer/de.json' with { type: 'json' }
import rendererEn from '../../catalogue/renderer/en.json' with { type: 'json' }
import clientEn from '../../catalogue/sms-client/en.json' with { type: 'json' }
import clientMessages from '../../catalogue/sms-client/messages.json' with { type: 'json' }
import providerDe from '../../catalogue/sms-provider/de.json' with { type: 'json' }
import providerEn from '../../catalogue/sms-provider/en.json' with { type: 'json' }
import providerMessages from '../../catalogue/sms-provider/messages.json' with { type: 'json' }
import serverDe from '../../catalogue/sms-server/de.json' with { type: 'json' }
import serverEn from '../../catalogue/sms-server/en.json' with { type: 'json' }
import serverMessages from '../../catalogue/sms-server/messages.json' with { type: 'json' }
import agentDe from '../../catalogue/sitrep-agent/de.json' with { type: 'json' }
import agentEn from '../../catalogue/sitrep-agent/en.json' with { type: 'json' }
import agentMessages from '../../catalogue/sitrep-agent/messages.json' with { type: 'json' }

/** The built-in modules as module definitions: each `messages.json` plus its locale files. */
const BUILTIN_MODULE_DEFINITIONS: readonly unknown[] = [
  { ...serverMessages, texts: { en: serverEn, de: serverDe } },
  { ...clientMessages, texts: { en: clientEn } },
  { ...providerMessages, texts: { en: providerEn, de: providerDe } },
  { ...agentMessages, texts: { en: agentEn, de: agentDe } },
]

/** The renderer's own sentences per locale, as in `catalogue/renderer/<locale>.json`. */
interface RendererTextsFile {
  readonly unknownMessage: string
  readonly insertionStrings: string
  readonly noInsertionStrings: string
  readonly osError: string
  readonly osErrorUnknown: string
  readonly osErrors: Readonly<Record<string, string>>
}

// Assigning the imported JSON to the interface makes the compiler check the files' shape.
const RENDERER_FILES: ReadonlyMap<string, RendererTextsFile> = new Map<string, RendererTextsFile>([
  ['en', rendererEn],
  ['de', rendererDe],
])

const OS_ERROR_KEY = /^(?:[1-9][0-9]*|0x[0-9A-Fa-f]{1,8})$/

let builtin: Catalogue | undefined

/**
 * Returns a catalogue holding the built-in modules (`SMS Server`, `SMS Client`,
 * `SMS Provider`, `Sitrep Agent`) and the renderer's sentences in `en` and `de`. Add vendor modules with
 * `registerModule`. The built-in data is parsed once and shared, which is safe because a
 * catalogue is immutable.
 *
 * @example
 * const catalogue = createCatalogue()
 * renderMessage(catalogue, message, { locale: 'de-DE' }).text
 */
export function createCatalogue(): Catalogue {
  builtin ??= loadBuiltinCatalogue()
  return builtin
}

function loadBuiltinCatalogue(): Catalogue {
  const rendererTexts = new Map(
    [...RENDERER_FILES].map(([locale, file]) => [locale, toRendererTexts(locale, file)]),
  )
  const defaultRendererTexts = rendererTexts.get('en')
  // A bug in the shipped data, not an input problem: fail loudly at load.
  if (defaultRendererTexts === undefined) throw new Error('catalogue/renderer/en.json is not loaded')
  let catalogue: Catalogue = Object.freeze({ modules: new Map(), rendererTexts, defaultRendererTexts })
  for (const definition of BUILTIN_MODULE_DEFINITIONS) {
    catalogue = withModule(catalogue, parseBuiltinModule(definition))
  }
  return catalogue
}

function parseBuiltinModule(definition: unknown): CatalogueModule {
  const result = parseModuleDefinition(definition)
  if (!result.ok) throw new Error(`the built-in catalogue does not parse:\n${formatIssues(result.issues)}`)
  return result.value
}

function toRendererTexts(locale: string, file: RendererTextsFile): RendererTexts {
  const { osErrors, ...sentences } = file
  for (const [key, template] of Object.entries(sentences)) {
    const problems = checkTemplate(template)
    if (problems.length > 0)
      throw new Error(`catalogue/renderer/${locale}.json ${key}: ${problems.join('; ')}`)
  }
  const codes = new Map<number, string>()
  for (const [key, text] of Object.entries(osErrors)) {
    if (!OS_ERROR_KEY.test(key))
      throw new Error(`catalogue/renderer/${locale}.json osErrors.${key} is not a code`)
    codes.set(Number(key) >>> 0, text)
  }
  return Object.freeze({ ...sentences, osErrors: codes })
}
