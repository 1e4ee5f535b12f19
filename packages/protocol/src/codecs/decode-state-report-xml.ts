/**
 * Decoder of state reports (`Report` with `StateMessage` elements, reference §5.2 and §5.4).
 * XML attributes become numbers and times here; every state message limit is then checked by
 * `readStateMessageBody`, and its issues are renamed to XML paths.
 */
import type { FieldIssue, ParseResult } from '../field-issue.ts'
import { preview } from '../field-issue.ts'
import { readStateMessageBody } from '../state/parse-state-message-body.ts'
import type { StateMessageBody } from '../state/state-message.ts'
import type { XmlLimits } from '../xml/parse-xml.ts'
import { parseXml } from '../xml/parse-xml.ts'
import type { XmlElement } from '../xml/xml-element.ts'
import { attributeOf, childElements } from '../xml/xml-element.ts'
import { parseCimDateTime } from './cim-datetime.ts'
import { readStateReportHeader } from './read-state-report-header.ts'
import type { StateReport } from './state-report.ts'
import {
  checkAttributeNames,
  checkChildNames,
  readUnsigned,
  singleChild,
  textContent,
  xmlIssue,
} from './xml-reading.ts'

const BODY = 'Report.ReportBody'

/** JSON field of a state message body → its XML path suffix; longest prefix first. */
const JSON_TO_XML: readonly (readonly [string, string])[] = [
  ['userParameters.params', '.UserParameters.Param'],
  ['userParameters.flags', '.UserParameters@Flags'],
  ['userParameters', '.UserParameters'],
  ['topic.idType', '.Topic@IDType'],
  ['topic.userSid', '.Topic@UserSID'],
  ['topic.user', '.Topic@User'],
  ['topic.type', '.Topic@Type'],
  ['topic.id', '.Topic@ID'],
  ['topic', '.Topic'],
  ['state.criticality', '.State@Criticality'],
  ['state.id', '.State@ID'],
  ['state', '.State'],
  ['details.type', '.StateDetails@Type'],
  ['details.text', '.StateDetails'],
  ['details', '.StateDetails'],
  ['messageTime', '@MessageTime'],
  ['serialNumber', '@SerialNumber'],
]

/**
 * Decodes a state report (securely: see `parseXml`). Returns the header and every state
 * message, or every issue found, each with an XML path such as
 * `Report.ReportBody.StateMessage[2].State@ID`. `ReportContent` must be `State Message Data`.
 */
export function decodeStateReportXml(
  text: string,
  limits: Partial<XmlLimits> = {},
): ParseResult<StateReport> {
  const parsed = parseXml(text, limits)
  if (!parsed.ok) return parsed
  const root = parsed.value
  if (root.name !== 'Report') {
    return {
      ok: false,
      issues: [xmlIssue('Report', 'format', `the root element must be Report, got ${preview(root.name)}`)],
    }
  }
  const issues: FieldIssue[] = []
  checkChildNames(root, 'Report', ['ReportHeader', 'ReportBody'], issues)
  const headerElement = singleChild(root, 'Report', 'ReportHeader', issues, { required: true })
  const header = headerElement === undefined ? undefined : readStateReportHeader(headerElement, issues)
  const body = singleChild(root, 'Report', 'ReportBody', issues, { required: true })
  const stateMessages: StateMessageBody[] = []
  if (body !== undefined) {
    checkChildNames(body, BODY, ['StateMessage'], issues)
    childElements(body, 'StateMessage').forEach((element, i) => {
      const message = readStateMessage(element, `${BODY}.StateMessage[${i}]`, issues)
      if (message !== undefined) stateMessages.push(message)
    })
  }
  if (issues.length > 0 || header === undefined) return { ok: false, issues }
  return { ok: true, value: { header, stateMessages } }
}

function readStateMessage(
  element: XmlElement,
  path: string,
  issues: FieldIssue[],
): StateMessageBody | undefined {
  const before = issues.length
  checkAttributeNames(element, path, ['MessageTime', 'SerialNumber'], issues)
  checkChildNames(element, path, ['Topic', 'State', 'StateDetails', 'UserParameters'], issues)
  const number = (value: string | undefined, field: string): number | undefined =>
    value === undefined ? undefined : (readUnsigned(value, field, issues) ?? 0)
  const timeText = attributeOf(element, 'MessageTime')
  const parsedTime = timeText === undefined ? undefined : parseCimDateTime(timeText.trim())
  // A malformed time is reported here; 0 stands in so the other fields are still checked.
  const messageTime = timeText === undefined ? undefined : (parsedTime ?? 0)
  if (timeText !== undefined) {
    if (parsedTime === undefined) {
      const message = `${path}@MessageTime must be a CIM datetime (20140120171855.573000+000), got ${preview(timeText)}`
      issues.push(xmlIssue(`${path}@MessageTime`, 'format', message))
    }
  }
  const json: Record<string, unknown> = {
    messageTime,
    serialNumber: number(attributeOf(element, 'SerialNumber'), `${path}@SerialNumber`),
  }
  const topic = singleChild(element, path, 'Topic', issues, { required: false })
  if (topic !== undefined) {
    checkAttributeNames(topic, `${path}.Topic`, ['ID', 'Type', 'IDType', 'User', 'UserSID'], issues)
    checkChildNames(topic, `${path}.Topic`, [], issues)
    json.topic = {
      id: attributeOf(topic, 'ID'),
      type: number(attributeOf(topic, 'Type'), `${path}.Topic@Type`),
      idType: number(attributeOf(topic, 'IDType'), `${path}.Topic@IDType`),
      user: attributeOf(topic, 'User'),
      userSid: attributeOf(topic, 'UserSID'),
    }
  }
  const state = singleChild(element, path, 'State', issues, { required: false })
  if (state !== undefined) {
    checkAttributeNames(state, `${path}.State`, ['ID', 'Criticality'], issues)
    checkChildNames(state, `${path}.State`, [], issues)
    json.state = {
      id: number(attributeOf(state, 'ID'), `${path}.State@ID`),
      criticality: number(attributeOf(state, 'Criticality'), `${path}.State@Criticality`),
    }
  }
  const details = singleChild(element, path, 'StateDetails', issues, { required: false })
  if (details !== undefined) {
    checkAttributeNames(details, `${path}.StateDetails`, ['Type'], issues)
    json.details = {
      type: number(attributeOf(details, 'Type'), `${path}.StateDetails@Type`),
      text: textContent(details, `${path}.StateDetails`, issues) ?? '',
    }
  }
  const parameters = singleChild(element, path, 'UserParameters', issues, { required: false })
  if (parameters !== undefined) {
    const at = `${path}.UserParameters`
    checkAttributeNames(parameters, at, ['Flags', 'Count'], issues)
    checkChildNames(parameters, at, ['Param'], issues)
    const params = childElements(parameters, 'Param').map(
      (param, i) => textContent(param, `${at}.Param[${i}]`, issues) ?? '',
    )
    const count = number(attributeOf(parameters, 'Count'), `${at}@Count`)
    if (count !== undefined && count !== params.length) {
      issues.push(
        xmlIssue(
          `${at}@Count`,
          'format',
          `${at}@Count is ${count} but there are ${params.length} Param elements`,
        ),
      )
    }
    json.userParameters = { flags: number(attributeOf(parameters, 'Flags'), `${at}@Flags`), params }
  }
  const bodyIssues: FieldIssue[] = []
  const body = readStateMessageBody(json, '', bodyIssues)
  issues.push(...bodyIssues.map((issue) => toXmlPath(issue, path)))
  return issues.length > before ? undefined : body
}

function toXmlPath(issue: FieldIssue, path: string): FieldIssue {
  const entry = JSON_TO_XML.find(([json]) => issue.field === json || issue.field.startsWith(`${json}[`))
  if (entry === undefined) return issue
  const [json, xml] = entry
  const field = `${path}${xml}${issue.field.slice(json.length)}`
  return { ...issue, field, message: issue.message.replace(issue.field, field) }
}
