/**
 * A state report: the `Report` envelope (reference §5.2) with `ReportContent`
 * `State Message Data` and `StateMessage` elements in its body (§5.4), and its encoder.
 * {@link decodeStateReportXml} reads it back.
 */
import type { StateMessageBody } from '../state/state-message.ts'
import { writeXml, xmlCdata, xmlElement, xmlText, xmlTextElement } from '../xml/write-xml.ts'
import type { XmlWriteElement } from '../xml/write-xml.ts'
import { formatCimDateTime } from './cim-datetime.ts'

/** The `ReportContent` of a state report. */
export const STATE_REPORT_CONTENT = 'State Message Data'

/** `ReportType` values. */
export const REPORT_TYPES = ['Full', 'Delta'] as const
export type ReportType = (typeof REPORT_TYPES)[number]

/** Header limits (Sitrep's choices; lengths in UTF-16 code units). */
export const STATE_REPORT_LIMITS = {
  /** `ClientID`, as an origin ID (`GUID:…`). */
  clientIdMaxLength: 128,
  /** `NetBIOSName`, as a machine name. */
  netBiosNameMaxLength: 255,
  /** `ClientVersion`, `Version` and `Format`. */
  versionMaxLength: 64,
} as const

/** `ReportHeader` of a state report, flattened. */
export interface StateReportHeader {
  /** `Machine/ClientID`, e.g. `GUID:…`. */
  readonly clientId: string
  readonly netBiosName: string
  readonly clientVersion: string
  readonly codePage: number
  readonly systemDefaultLcid: number
  /** `Priority`: selects a sub-directory of `statesys.box`; `null` when empty. */
  readonly priority: number | null
  readonly reportContent: typeof STATE_REPORT_CONTENT
  readonly reportType: ReportType
  /** `ReportDetails/Date`, epoch ms. */
  readonly date: number
  readonly version: string
  readonly format: string
}

/** A decoded state report. */
export interface StateReport {
  readonly header: StateReportHeader
  /** In document order. Sitrep's `StateMessage` values fit here too (id and origin are not written). */
  readonly stateMessages: readonly StateMessageBody[]
}

/**
 * Encodes a state report as ConfigMgr clients send it: an `<?xml version="1.0"
 * encoding="UTF-16"?>` declaration (encode the string as UTF-16LE to send it), CIM datetimes,
 * details in CDATA (a `]]>` inside is split across sections), and `ClientInstalled` and
 * `ClientType` both 1. {@link decodeStateReportXml} reads the result back to an equal report.
 */
export function encodeStateReportXml(report: StateReport): string {
  const { header } = report
  const machine = xmlElement('Machine', {}, [
    xmlTextElement('ClientInstalled', 1),
    xmlTextElement('ClientType', 1),
    xmlTextElement('ClientID', header.clientId),
    xmlTextElement('ClientVersion', header.clientVersion),
    xmlTextElement('NetBIOSName', header.netBiosName),
    xmlTextElement('CodePage', header.codePage),
    xmlTextElement('SystemDefaultLCID', header.systemDefaultLcid),
    xmlTextElement('Priority', header.priority === null ? '' : header.priority),
  ])
  const details = xmlElement('ReportDetails', {}, [
    xmlTextElement('ReportContent', STATE_REPORT_CONTENT),
    xmlTextElement('ReportType', header.reportType),
    xmlTextElement('Date', formatCimDateTime(header.date)),
    xmlTextElement('Version', header.version),
    xmlTextElement('Format', header.format),
  ])
  const root = xmlElement('Report', {}, [
    xmlElement('ReportHeader', {}, [xmlElement('Identification', {}, [machine]), details]),
    xmlElement('ReportBody', {}, report.stateMessages.map(stateMessageElement)),
  ])
  return writeXml(root, { declaration: 'UTF-16' })
}

function stateMessageElement(message: StateMessageBody): XmlWriteElement {
  const { topic, state, details, userParameters } = message
  return xmlElement(
    'StateMessage',
    { MessageTime: formatCimDateTime(message.messageTime), SerialNumber: message.serialNumber },
    [
      xmlElement('Topic', {
        ID: topic.id,
        Type: topic.type,
        IDType: topic.idType,
        User: topic.user,
        UserSID: topic.userSid,
      }),
      xmlElement('State', { ID: state.id, Criticality: state.criticality }),
      ...(details === undefined
        ? []
        : [xmlElement('StateDetails', { Type: details.type }, [xmlCdata(details.text)])]),
      xmlElement(
        'UserParameters',
        { Flags: userParameters.flags, Count: userParameters.params.length },
        userParameters.params.map((param) => xmlElement('Param', {}, [xmlText(param)])),
      ),
    ],
  )
}
