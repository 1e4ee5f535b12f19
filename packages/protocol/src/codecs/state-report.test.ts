import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { arbitraryStateReport } from '../../test/arbitraries.ts'
import { STATE_MESSAGE_SAMPLE, stateReportSample } from '../../test/samples.ts'
import { decodeXmlBytes } from '../xml/decode-xml-bytes.ts'
import { DOCTYPE_REFUSED } from '../xml/parse-xml.ts'
import { decodeStateReportXml } from './decode-state-report-xml.ts'
import { encodeStateReportXml } from './state-report.ts'

function fieldsOf(text: string): readonly string[] {
  const result = decodeStateReportXml(text)
  if (result.ok) throw new Error('expected the report to be refused')
  return result.issues.map((i) => i.field)
}

function utf16leWithNul(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2 + 2)
  for (let i = 0; i < text.length; i += 1) {
    bytes[i * 2] = text.charCodeAt(i) & 0xff
    bytes[i * 2 + 1] = text.charCodeAt(i) >> 8
  }
  return bytes
}

describe('decodeStateReportXml', () => {
  it('decodes the state message sample of the reference inside a Report envelope', () => {
    const result = decodeStateReportXml(stateReportSample())
    expect(result).toEqual({
      ok: true,
      value: {
        header: {
          clientId: 'GUID:4d1c2c2e-6a55-4b8e-9d3e-0a0b0c0d0e0f',
          netBiosName: 'WKS-001',
          clientVersion: '5.00.8325.1000',
          codePage: 437,
          systemDefaultLcid: 1033,
          priority: 5,
          reportContent: 'State Message Data',
          reportType: 'Full',
          date: Date.UTC(2014, 0, 20, 19, 46, 56, 903),
          version: '1.0',
          format: '1.0',
        },
        stateMessages: [
          {
            messageTime: Date.parse('2014-01-20T17:18:55.573Z'),
            serialNumber: 232,
            topic: {
              id: '505fda07-b4f3-45fb-83d9-8642554e2773',
              type: 500,
              idType: 3,
              user: '',
              userSid: '',
            },
            state: { id: 2, criticality: 0 },
            details: { type: 1, text: 'free text' },
            userParameters: { flags: 0, params: ['200'] },
          },
        ],
      },
    })
  })

  it('decodes the sample from UTF-16LE bytes with a BOM and a NUL terminator', () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...utf16leWithNul(stateReportSample())])
    const result = decodeStateReportXml(decodeXmlBytes(bytes))
    expect(result.ok && result.value.stateMessages[0]?.topic.type).toBe(500)
  })

  it('names faulty state message fields by XML path', () => {
    const bad = STATE_MESSAGE_SAMPLE.replace('ID="2"', 'ID="two"').replace('Type="500"', 'Type="-1"')
    const body = `${STATE_MESSAGE_SAMPLE}${STATE_MESSAGE_SAMPLE}${bad}`
    expect(fieldsOf(stateReportSample(body))).toEqual([
      'Report.ReportBody.StateMessage[2].Topic@Type',
      'Report.ReportBody.StateMessage[2].State@ID',
    ])
  })

  it('renames limit issues of the state message parser to XML paths', () => {
    const long = STATE_MESSAGE_SAMPLE.replace('<Param>200</Param>', `<Param>${'x'.repeat(256)}</Param>`)
    const result = decodeStateReportXml(stateReportSample(long))
    if (result.ok) throw new Error('expected the report to be refused')
    const field = 'Report.ReportBody.StateMessage[0].UserParameters.Param[0]'
    expect(result.issues).toEqual([expect.objectContaining({ field, code: 'too_long' })])
    expect(result.issues[0]?.message.startsWith(`${field} is 256`)).toBe(true)
  })

  it('refuses a missing Topic, a bad MessageTime and a Count that does not match', () => {
    const bad = STATE_MESSAGE_SAMPLE.replace(/<Topic[^>]*\/>/, '')
      .replace('20140120171855.573000+000', '2014-01-20')
      .replace('Count="1"', 'Count="2"')
    expect(fieldsOf(stateReportSample(bad))).toEqual([
      'Report.ReportBody.StateMessage[0]@MessageTime',
      'Report.ReportBody.StateMessage[0].UserParameters@Count',
      'Report.ReportBody.StateMessage[0].Topic',
    ])
  })

  it('refuses a report that is not State Message Data', () => {
    const text = stateReportSample().replace('State Message Data', 'Inventory Data')
    expect(fieldsOf(text)).toEqual(['Report.ReportHeader.ReportDetails.ReportContent'])
  })

  it('refuses a DOCTYPE even after the XML declaration', () => {
    const text = stateReportSample().replace(
      '?>',
      '?><!DOCTYPE Report [<!ENTITY x SYSTEM "file:///etc/hosts">]>',
    )
    const result = decodeStateReportXml(text)
    expect(result.ok || result.issues[0]?.message).toBe(DOCTYPE_REFUSED)
  })
})

describe('encodeStateReportXml', () => {
  it('writes a UTF-16 declaration, CIM datetimes and details in CDATA', () => {
    const decoded = decodeStateReportXml(stateReportSample())
    if (!decoded.ok) throw new Error('sample did not decode')
    const xml = encodeStateReportXml(decoded.value)
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-16"?><Report>')).toBe(true)
    expect(xml).toContain('<StateMessage MessageTime="20140120171855.573000+000" SerialNumber="232">')
    expect(xml).toContain('<StateDetails Type="1"><![CDATA[free text]]></StateDetails>')
    expect(xml).toContain('<UserParameters Flags="0" Count="1"><Param>200</Param></UserParameters>')
  })

  it('writes reports that decodeStateReportXml reads back unchanged', () => {
    fc.assert(
      fc.property(arbitraryStateReport(), (report) => {
        expect(decodeStateReportXml(encodeStateReportXml(report))).toEqual({ ok: true, value: report })
      }),
    )
  })
})
