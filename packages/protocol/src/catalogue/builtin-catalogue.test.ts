import { describe, expect, it } from 'vitest'
import type { Catalogue } from './catalogue.ts'
import { findModule, lookupMessage } from './catalogue.ts'
import { createCatalogue } from './builtin-catalogue.ts'
import { checkTemplate, tokenizeTemplate } from './tokenize-template.ts'

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i)

// Reference §10.5: the message → state table, grouped by the severity the state implies: failed
// is an error; rejected, cancelled and retrying warn; accepted, running, downloading, waiting,
// expired, will-not-rerun, reboot pending and succeeded inform.
const DEPLOYMENT_FAILURES = [
  10000,
  10001,
  10003,
  10004,
  10006,
  10007,
  10021,
  10025,
  10030,
  ...range(10050, 10054),
  10057,
  10058,
  10070,
  10074,
  ...range(10078, 10080),
]
const DEPLOYMENT_INFORMATIONAL = [
  10002, 10005, 10008, 10009, 10019, 10020, 10022, 10023, 10024, 10035, 10036, 10037, 10040, 10041, 10042,
  10073, 10075, 10076, 10077,
]
const DEPLOYMENT_WARNINGS = [
  10018,
  10031,
  10034,
  10045,
  10046,
  10055,
  10056,
  ...range(10060, 10062),
  10071,
  10072,
]
const DEPLOYMENT_IDS = [...DEPLOYMENT_FAILURES, ...DEPLOYMENT_INFORMATIONAL, ...DEPLOYMENT_WARNINGS]

const SERVER_IDS = [
  500,
  501,
  502,
  1104,
  ...range(1200, 1215),
  2301,
  2302,
  2330,
  ...range(4600, 4630),
  ...range(4700, 4720),
  5436,
]
const PROVIDER_IDS = [
  30015, 30016, 30017, 30152, 30153, 30154, 30226, 30227, 30228, 39990, 39991, 39997, 39998, 39999,
]
const SUMMARIZER_IDS = [...range(4600, 4630), ...range(4700, 4720)]

function allTemplates(catalogue: Catalogue): { where: string; template: string }[] {
  const found: { where: string; template: string }[] = []
  for (const module of catalogue.modules.values()) {
    for (const definition of module.messages.values()) {
      for (const [locale, template] of definition.templates) {
        found.push({ where: `${module.module} ${definition.messageId} ${locale}`, template })
      }
    }
  }
  for (const [locale, texts] of catalogue.rendererTexts) {
    const { osErrors, ...sentences } = texts
    for (const [key, template] of Object.entries(sentences))
      found.push({ where: `renderer ${locale} ${key}`, template })
    for (const [code, text] of osErrors)
      found.push({ where: `renderer ${locale} osErrors ${code}`, template: text })
  }
  return found
}

function escapesOf(template: string): string[] {
  const escapes = tokenizeTemplate(template)
    .filter((t) => t.kind !== 'text')
    .map((t) => (t.kind === 'insertion' ? `%${t.index}` : t.kind))
  return [...new Set(escapes)].sort()
}

describe('createCatalogue', () => {
  const catalogue = createCatalogue()

  it('loads the four built-in modules', () => {
    expect([...catalogue.modules.values()].map((m) => m.module)).toEqual([
      'SMS Server',
      'SMS Client',
      'SMS Provider',
      'Sitrep Agent',
    ])
  })

  it('has every seeded SMS Server message: §14, 1200–1215, 4600–4630 and 4700–4720', () => {
    const missing = SERVER_IDS.filter((id) => lookupMessage(catalogue, 'SMS Server', id) === undefined)
    expect(missing).toEqual([])
  })

  it('has every deployment message of the §10.5 table, in the Software Distribution component', () => {
    expect(DEPLOYMENT_IDS).toHaveLength(52)
    for (const id of DEPLOYMENT_IDS) {
      expect(lookupMessage(catalogue, 'SMS Client', id)?.components, `message ${id}`).toEqual([
        'Software Distribution',
      ])
    }
  })

  it('gives deployment messages the severity their state implies', () => {
    const severityOf = (id: number) => lookupMessage(catalogue, 'SMS Client', id)?.severity
    expect(DEPLOYMENT_FAILURES.filter((id) => severityOf(id) !== 'error')).toEqual([])
    expect(DEPLOYMENT_INFORMATIONAL.filter((id) => severityOf(id) !== 'informational')).toEqual([])
    expect(DEPLOYMENT_WARNINGS.filter((id) => severityOf(id) !== 'warning')).toEqual([])
  })

  it('has the SMS Provider audit and generic messages, the generic ones as %1%2 per severity', () => {
    expect(PROVIDER_IDS.filter((id) => lookupMessage(catalogue, 'SMS Provider', id) === undefined)).toEqual(
      [],
    )
    const generic = [39997, 39998, 39999].map((id) => lookupMessage(catalogue, 'SMS Provider', id))
    expect(generic.map((d) => d?.severity)).toEqual(['informational', 'warning', 'error'])
    expect(generic.map((d) => d?.templates.get('en'))).toEqual(['%1%2', '%1%2', '%1%2'])
  })

  it('records the component that raises a message where the reference names one', () => {
    expect(lookupMessage(catalogue, 'SMS Server', 1104)?.components).toEqual(['SMS_EXECUTIVE'])
    expect(lookupMessage(catalogue, 'SMS Server', 1210)?.components).toEqual(['SMS_STATUS_MANAGER'])
    expect(lookupMessage(catalogue, 'SMS Server', 4711)?.components).toEqual([
      'SMS_SITE_SYSTEM_STATUS_SUMMARIZER',
    ])
    expect(lookupMessage(catalogue, 'SMS Server', 5436)?.components).toEqual(['SMS_MP_CONTROL_MANAGER'])
    expect(lookupMessage(catalogue, 'SMS Server', 500)?.components).toEqual([])
  })

  it('has German texts for every summarizer message and the generic messages', () => {
    const missing = [
      ...SUMMARIZER_IDS.filter((id) => !lookupMessage(catalogue, 'SMS Server', id)?.templates.has('de')),
      ...[39997, 39998, 39999].filter(
        (id) => !lookupMessage(catalogue, 'SMS Provider', id)?.templates.has('de'),
      ),
    ]
    expect(missing).toEqual([])
    expect(findModule(catalogue, 'SMS Server')?.locales).toEqual(['en', 'de'])
  })

  it('uses only valid escapes in every template', () => {
    const problems = allTemplates(catalogue).flatMap(({ where, template }) =>
      checkTemplate(template).map((problem) => `${where}: ${problem}`),
    )
    expect(problems).toEqual([])
  })

  it('uses the same escapes in every translation as in English', () => {
    const mismatches: string[] = []
    for (const module of catalogue.modules.values()) {
      for (const definition of module.messages.values()) {
        const english = escapesOf(definition.templates.get('en') ?? '')
        for (const [locale, template] of definition.templates) {
          if (escapesOf(template).join() !== english.join())
            mismatches.push(`${module.module} ${definition.messageId} ${locale}`)
        }
      }
    }
    expect(mismatches).toEqual([])
  })

  it('returns the same immutable catalogue each time', () => {
    expect(createCatalogue()).toBe(catalogue)
    expect(Object.isFrozen(catalogue)).toBe(true)
  })
})
