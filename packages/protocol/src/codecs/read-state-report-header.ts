/** Reader of the `Report` envelope header (reference §5.2) for state reports. */
import { checkInteger, checkText } from '../field-checks.ts'
import type { FieldIssue } from '../field-issue.ts'
import { preview } from '../field-issue.ts'
import { LIMITS } from '../limits.ts'
import { SMSCSTAT } from '../smscstat.ts'
import type { XmlElement } from '../xml/xml-element.ts'
import { parseCimDateTime } from './cim-datetime.ts'
import type { ReportType, StateReportHeader } from './state-report.ts'
import { REPORT_TYPES, STATE_REPORT_CONTENT, STATE_REPORT_LIMITS } from './state-report.ts'
import { checkChildNames, readUnsigned, singleChild, textContent, xmlIssue } from './xml-reading.ts'

const MACHINE = [
  'ClientInstalled',
  'ClientType',
  'Unknown',
  'ClientID',
  'ClientVersion',
  'NetBIOSName',
  'CodePage',
  'SystemDefaultLCID',
  'Priority',
]
const DETAILS = ['ReportContent', 'ReportType', 'Date', 'Version', 'Format']

/**
 * Reads the `ReportHeader` of a state report into a flat header, pushing issues with XML paths
 * (`Report.ReportHeader.ReportDetails.Date`). Returns `undefined` when any field failed.
 */
export function readStateReportHeader(
  element: XmlElement,
  issues: FieldIssue[],
): StateReportHeader | undefined {
  const path = 'Report.ReportHeader'
  const before = issues.length
  checkChildNames(element, path, ['Identification', 'ReportDetails', 'InventoryAction'], issues)
  const identification = singleChild(element, path, 'Identification', issues, { required: true })
  const machine =
    identification === undefined
      ? undefined
      : singleChild(identification, `${path}.Identification`, 'Machine', issues, { required: true })
  const details = singleChild(element, path, 'ReportDetails', issues, { required: true })
  if (machine === undefined || details === undefined) return undefined
  const machinePath = `${path}.Identification.Machine`
  const detailsPath = `${path}.ReportDetails`
  checkChildNames(machine, machinePath, MACHINE, issues)
  checkChildNames(details, detailsPath, DETAILS, issues)
  const leaf = (
    parent: XmlElement,
    parentPath: string,
    name: string,
    required = true,
  ): string | undefined => {
    const child = singleChild(parent, parentPath, name, issues, { required })
    return child === undefined ? undefined : textContent(child, `${parentPath}.${name}`, issues)
  }
  const text = (
    parentPath: string,
    name: string,
    value: string | undefined,
    maxLength: number,
    minLength = 1,
  ): string => {
    if (value === undefined) return ''
    const issue = checkText(value, {
      field: `${parentPath}.${name}`,
      smscstat: SMSCSTAT.unknown,
      maxLength,
      minLength,
    })
    if (issue !== undefined) issues.push(issue)
    return value
  }
  const number = (parentPath: string, name: string, value: string | undefined): number => {
    const field = `${parentPath}.${name}`
    const parsed = readUnsigned(value, field, issues)
    const issue =
      parsed === undefined ? undefined : checkInteger(parsed, { field, min: 0, max: LIMITS.uint32Max })
    if (issue !== undefined) issues.push(issue)
    return parsed ?? 0
  }
  const { clientIdMaxLength, netBiosNameMaxLength, versionMaxLength } = STATE_REPORT_LIMITS
  const clientId = text(machinePath, 'ClientID', leaf(machine, machinePath, 'ClientID'), clientIdMaxLength)
  const clientVersion = text(
    machinePath,
    'ClientVersion',
    leaf(machine, machinePath, 'ClientVersion'),
    versionMaxLength,
    0,
  )
  const netBiosName = text(
    machinePath,
    'NetBIOSName',
    leaf(machine, machinePath, 'NetBIOSName'),
    netBiosNameMaxLength,
  )
  const codePage = number(machinePath, 'CodePage', leaf(machine, machinePath, 'CodePage'))
  const systemDefaultLcid = number(
    machinePath,
    'SystemDefaultLCID',
    leaf(machine, machinePath, 'SystemDefaultLCID'),
  )
  const priorityText = leaf(machine, machinePath, 'Priority', false)?.trim()
  const priority =
    priorityText === undefined || priorityText === '' ? null : number(machinePath, 'Priority', priorityText)

  const content = leaf(details, detailsPath, 'ReportContent')
  if (content !== undefined && content.trim() !== STATE_REPORT_CONTENT) {
    const message = `${detailsPath}.ReportContent must be ${STATE_REPORT_CONTENT}, got ${preview(content)}`
    issues.push(xmlIssue(`${detailsPath}.ReportContent`, 'unknown_value', message))
  }
  const typeText = leaf(details, detailsPath, 'ReportType')?.trim()
  const reportType = REPORT_TYPES.find((t: ReportType) => t === typeText)
  if (typeText !== undefined && reportType === undefined) {
    const message = `${detailsPath}.ReportType must be one of ${REPORT_TYPES.join(', ')}, got ${preview(typeText)}`
    issues.push(xmlIssue(`${detailsPath}.ReportType`, 'unknown_value', message))
  }
  const dateText = leaf(details, detailsPath, 'Date')
  const date = dateText === undefined ? undefined : parseCimDateTime(dateText.trim())
  if (dateText !== undefined && date === undefined) {
    const message = `${detailsPath}.Date must be a CIM datetime (20140120171855.573000+000), got ${preview(dateText)}`
    issues.push(xmlIssue(`${detailsPath}.Date`, 'format', message))
  }
  const version = text(detailsPath, 'Version', leaf(details, detailsPath, 'Version'), versionMaxLength)
  const format = text(detailsPath, 'Format', leaf(details, detailsPath, 'Format'), versionMaxLength)
  if (issues.length > before || reportType === undefined || date === undefined) return undefined
  return {
    clientId,
    netBiosName,
    clientVersion,
    codePage,
    systemDefaultLcid,
    priority,
    reportContent: STATE_REPORT_CONTENT,
    reportType,
    date,
    version,
    format,
  }
}
