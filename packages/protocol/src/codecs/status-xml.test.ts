import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { arbitraryStatusXmlDocument } from '../../test/arbitraries.ts'
import { STATUS_SAMPLE } from '../../test/samples.ts'
import { DOCTYPE_REFUSED } from '../xml/parse-xml.ts'
import { decodeStatusXml, encodeStatusXml } from './status-xml.ts'

function fieldsOf(text: string): readonly string[] {
  const result = decodeStatusXml(text)
  if (result.ok) throw new Error('expected the document to be refused')
  return result.issues.map((i) => i.field)
}

describe('decodeStatusXml', () => {
  it('decodes the Status sample of the reference', () => {
    expect(decodeStatusXml(STATUS_SAMPLE)).toEqual({
      ok: true,
      value: {
        schemaVersion: '1.0',
        codePage: 437,
        localeId: '1033',
        type: 'SoftDistProgramStartedEvent',
        properties: [
          { name: 'AdvertisementId', value: 'ABC20001' },
          { name: 'PackageName', value: 'ABC00012' },
          { name: 'ProgramName', value: 'Install' },
        ],
        qualifiers: [{ attributes: { Name: 'MachineName' }, text: 'WKS-001' }],
      },
    })
  })

  it('refuses a document whose root is not Status', () => {
    expect(fieldsOf('<Report/>')).toEqual(['Status'])
  })

  it('refuses a missing Type, a nameless Property and unknown elements, with XML paths', () => {
    const xml =
      '<Status SchemaVersion="1.0" Extra="1"><Properties><Property>v</Property><Other/></Properties><Junk/></Status>'
    expect(fieldsOf(xml)).toEqual([
      'Status@Extra',
      'Status.Junk',
      'Status.Type',
      'Status.Properties.Other',
      'Status.Properties.Property[0]@Name',
    ])
  })

  it('refuses a Type that is not a class name and a CodePage that is not a number', () => {
    expect(fieldsOf('<Status SchemaVersion="1" CodePage="x"><Type>a b</Type></Status>')).toEqual([
      'Status@CodePage',
      'Status.Type',
    ])
  })

  it('refuses a DOCTYPE before reading anything', () => {
    const result = decodeStatusXml(`<!DOCTYPE Status [<!ENTITY e "x">]>${STATUS_SAMPLE}`)
    expect(result.ok || result.issues[0]?.message).toBe(DOCTYPE_REFUSED)
  })
})

describe('encodeStatusXml', () => {
  it('writes Qualifiers as <Qualifier Name="…">value</Qualifier>', () => {
    const xml = encodeStatusXml({
      schemaVersion: '1.0',
      type: 'SMS_GenericStatusMessage_Info',
      properties: [{ name: 'InsertionString1', value: 'a<b' }],
      qualifiers: [{ attributes: { Name: 'ApplicationName' }, text: 'Backup' }],
    })
    expect(xml).toBe(
      '<Status SchemaVersion="1.0"><Type>SMS_GenericStatusMessage_Info</Type><Properties>' +
        '<Property Name="InsertionString1">a&lt;b</Property></Properties>' +
        '<Qualifiers><Qualifier Name="ApplicationName">Backup</Qualifier></Qualifiers></Status>',
    )
  })

  it('writes documents that decodeStatusXml reads back unchanged', () => {
    fc.assert(
      fc.property(
        arbitraryStatusXmlDocument(),
        fc.constantFrom(undefined, 'UTF-16' as const),
        (document, declaration) => {
          const xml = encodeStatusXml(document, declaration === undefined ? {} : { declaration })
          expect(decodeStatusXml(xml)).toEqual({ ok: true, value: document })
        },
      ),
    )
  })
})
