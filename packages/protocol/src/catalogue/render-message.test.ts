import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Catalogue } from './catalogue.ts'
import { registerModule } from './catalogue.ts'
import { createCatalogue } from './builtin-catalogue.ts'
import type { RenderableMessage } from './render-message.ts'
import { renderMessage } from './render-message.ts'

/** A fresh catalogue with a test module whose message 1 has the given English template. */
function catalogueWithTemplate(
  template: string,
  texts: Record<string, Record<string, string>> = {},
): Catalogue {
  const result = registerModule(createCatalogue(), {
    module: 'Contoso Agent',
    messages: { '1': { name: 'TEST', severity: 'informational', messageType: 'milestone' } },
    texts: { en: { '1': template }, ...texts },
  })
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'))
  return result.value
}

function message(overrides: Partial<RenderableMessage> = {}): RenderableMessage {
  return { module: 'Contoso Agent', messageId: 1, insertionStrings: [], win32Error: 0, ...overrides }
}

const TEN = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten']

describe('renderMessage', () => {
  it('substitutes %1 to %10 with the insertion strings', () => {
    const catalogue = catalogueWithTemplate('%1 %2 %3 %4 %5 %6 %7 %8 %9 %10')
    expect(renderMessage(catalogue, message({ insertionStrings: TEN })).text).toBe(
      'one two three four five six seven eight nine ten',
    )
  })

  it('reads %10 as insertion string ten, not %1 followed by 0', () => {
    const catalogue = catalogueWithTemplate('[%10] [%1]0')
    expect(renderMessage(catalogue, message({ insertionStrings: TEN })).text).toBe('[ten] [one]0')
  })

  it('renders %11 as nothing', () => {
    const catalogue = catalogueWithTemplate('%11The agent started.%0')
    expect(renderMessage(catalogue, message()).text).toBe('The agent started.')
  })

  it('renders %12 as the OS error text and nothing when win32Error is 0', () => {
    const catalogue = catalogueWithTemplate('%11Could not open %1. %12%0')
    expect(renderMessage(catalogue, message({ insertionStrings: ['C:\\x'], win32Error: 5 })).text).toBe(
      'Could not open C:\\x. The operating system reported error 5: Access is denied.',
    )
    expect(renderMessage(catalogue, message({ insertionStrings: ['C:\\x'], win32Error: 0 })).text).toBe(
      'Could not open C:\\x.',
    )
  })

  it('renders %12 for a code without a text as "reported error N"', () => {
    const catalogue = catalogueWithTemplate('%12')
    expect(renderMessage(catalogue, message({ win32Error: 4242 })).text).toBe(
      'The operating system reported error 4242.',
    )
  })

  it('stops at %0 and renders nothing after it', () => {
    const catalogue = catalogueWithTemplate('Shown %1.%0 Hidden %2.')
    expect(renderMessage(catalogue, message({ insertionStrings: ['a', 'b'] })).text).toBe('Shown a.')
  })

  it('renders %% as a literal percent sign', () => {
    const catalogue = catalogueWithTemplate('Disk %1%% full; 100%%1 literal.')
    expect(renderMessage(catalogue, message({ insertionStrings: ['93'] })).text).toBe(
      'Disk 93% full; 100%1 literal.',
    )
  })

  it('does not read escapes inside insertion strings', () => {
    const catalogue = catalogueWithTemplate('%1 and %2')
    expect(renderMessage(catalogue, message({ insertionStrings: ['%2 %0', 'b'] })).text).toBe('%2 %0 and b')
  })

  it('renders a missing insertion string as nothing and lists it', () => {
    const catalogue = catalogueWithTemplate('User "%1" changed "%3" and "%3".')
    const rendered = renderMessage(catalogue, message({ insertionStrings: ['alice'] }))
    expect(rendered).toEqual({
      text: 'User "alice" changed "" and "".',
      known: true,
      locale: 'en',
      missingInsertionStrings: [3],
    })
  })

  it('renders the generic %1%2 message with only %1 given', () => {
    const rendered = renderMessage(createCatalogue(), {
      module: 'SMS Provider',
      messageId: 39999,
      insertionStrings: ['Backup of the site failed.'],
      win32Error: 0,
    })
    expect(rendered.text).toBe('Backup of the site failed.')
    expect(rendered.known).toBe(true)
  })

  it('says an unknown message ID is not in the catalogue and shows the insertion strings', () => {
    const rendered = renderMessage(
      createCatalogue(),
      message({ messageId: 12345, insertionStrings: ['a', 'b'] }),
    )
    expect(rendered).toEqual({
      text: 'Message ID 12345 of module "Contoso Agent" is not in the catalogue. Insertion strings: "a", "b".',
      known: false,
      locale: 'en',
      missingInsertionStrings: [],
    })
  })

  it('renders an unknown module with its OS error and no insertion strings', () => {
    const rendered = renderMessage(createCatalogue(), {
      module: 'Fabrikam Backup',
      messageId: 7,
      insertionStrings: [],
      win32Error: 0x80070005,
    })
    expect(rendered.known).toBe(false)
    expect(rendered.text).toBe(
      'Message ID 7 of module "Fabrikam Backup" is not in the catalogue. It has no insertion strings. ' +
        'The operating system reported error 0x80070005: Access is denied.',
    )
  })

  it('says an unknown message ID is not in the catalogue in German', () => {
    const rendered = renderMessage(
      createCatalogue(),
      { module: 'SMS Server', messageId: 64999, insertionStrings: ['x'], win32Error: 2 },
      { locale: 'de-DE' },
    )
    expect(rendered).toMatchObject({ known: false, locale: 'de' })
    expect(rendered.text).toBe(
      'Die Meldungs-ID 64999 des Moduls „SMS Server“ ist nicht im Katalog enthalten. Einfügezeichenfolgen: "x". ' +
        'Das Betriebssystem meldete den Fehler 2: Die Datei wurde nicht gefunden.',
    )
  })

  it('matches module names ignoring case', () => {
    const rendered = renderMessage(createCatalogue(), {
      module: 'sms server',
      messageId: 500,
      insertionStrings: [],
      win32Error: 0,
    })
    expect(rendered).toMatchObject({ known: true, text: 'This component has started.' })
  })

  it('falls back from de-DE to de, and to en for a message without a German text', () => {
    const catalogue = createCatalogue()
    const german = renderMessage(
      catalogue,
      {
        module: 'SMS Server',
        messageId: 4610,
        insertionStrings: ['SMS_SITE_COMPONENT_MANAGER', 'SRV01'],
        win32Error: 0,
      },
      { locale: 'de-DE' },
    )
    expect(german).toEqual({
      text: 'Der Status der Komponente „SMS_SITE_COMPONENT_MANAGER“ auf „SRV01“ ist jetzt „Warnung“.',
      known: true,
      locale: 'de',
      missingInsertionStrings: [],
    })
    const english = renderMessage(
      catalogue,
      {
        module: 'SMS Client',
        messageId: 10006,
        insertionStrings: ['PS120001', '1603', '', 'Office', 'Install'],
        win32Error: 0,
      },
      { locale: 'de-DE' },
    )
    expect(english).toMatchObject({
      locale: 'en',
      text: 'The program of deployment "PS120001" ("Office" - "Install") failed: it ended with exit code 1603.',
    })
  })

  it('falls back to en for a locale it has nothing for, or a malformed one', () => {
    const catalogue = createCatalogue()
    const generic = { module: 'SMS Provider', messageId: 39997, insertionStrings: ['hi'], win32Error: 0 }
    expect(renderMessage(catalogue, generic, { locale: 'fr-CA' }).locale).toBe('en')
    expect(renderMessage(catalogue, generic, { locale: '!!' }).locale).toBe('en')
    expect(renderMessage(catalogue, generic).locale).toBe('en')
  })

  it('renders a summarizer message in German end to end, OS error included', () => {
    const rendered = renderMessage(
      createCatalogue(),
      {
        module: 'SMS Server',
        messageId: 4700,
        insertionStrings: ['\\\\SRV02\\SMS_PS1', 'SRV02'],
        win32Error: 53,
      },
      { locale: 'de' },
    )
    expect(rendered.locale).toBe('de')
    expect(rendered.text).toBe(
      'Die Standortsystem-Statuszusammenfassung kann das Speicherobjekt „\\\\SRV02\\SMS_PS1“ auf dem ' +
        'Standortsystem „SRV02“ nicht erreichen. Der Status ist jetzt „Kritisch“. ' +
        'Das Betriebssystem meldete den Fehler 53: Der Netzwerkpfad wurde nicht gefunden.',
    )
  })

  it('renders a generic message in German end to end', () => {
    const rendered = renderMessage(
      createCatalogue(),
      {
        module: 'SMS Provider',
        messageId: 39998,
        insertionStrings: ['Sicherung ', 'verzögert.'],
        win32Error: 0,
      },
      { locale: 'de-AT' },
    )
    expect(rendered).toMatchObject({ text: 'Sicherung verzögert.', known: true, locale: 'de' })
  })

  it('renders a third-party module registered next to the built-ins', () => {
    const catalogue = catalogueWithTemplate('%11Agent %1 checked in.%0', {
      de: { '1': '%11Agent %1 hat sich gemeldet.%0' },
    })
    expect(renderMessage(catalogue, message({ insertionStrings: ['WKS-001'] })).text).toBe(
      'Agent WKS-001 checked in.',
    )
    expect(
      renderMessage(catalogue, message({ module: 'CONTOSO AGENT', insertionStrings: ['WKS-001'] }), {
        locale: 'de',
      }).text,
    ).toBe('Agent WKS-001 hat sich gemeldet.')
  })

  it('never throws, whatever the template, insertion strings and error code', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('%', '0', '1', '2', '9', 'a', ' ', '\n'), maxLength: 40 }),
        fc.array(fc.string({ maxLength: 20 }), { maxLength: 12 }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }),
        fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
        (template, insertionStrings, win32Error, locale) => {
          // Templates the catalogue parser refuses still reach the renderer via the raw tokenizer,
          // so the property covers both: a registered one when valid, an unknown ID otherwise.
          const registered = registerModule(createCatalogue(), {
            module: 'Property Module',
            messages: { '9': { name: 'P', severity: 'error', messageType: 'detail' } },
            texts: { en: { '9': template } },
          })
          const catalogue = registered.ok ? registered.value : createCatalogue()
          const options = locale === undefined ? {} : { locale }
          const rendered = renderMessage(
            catalogue,
            { module: 'Property Module', messageId: 9, insertionStrings, win32Error },
            options,
          )
          expect(typeof rendered.text).toBe('string')
          expect(rendered.known).toBe(registered.ok)
        },
      ),
    )
  })
})
