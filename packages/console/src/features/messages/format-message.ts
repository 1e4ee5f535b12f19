/** What the detail pane shows of a message: every field, insertion string and attribute. */
import { attributeName } from '@sitrep/protocol'
import type { MessageView } from '../../api/api-types.ts'
import { formatDateTime } from '../../ui/format.ts'

/** `[label, value]` for every field of a message, in reading order. */
export function detailFields(m: MessageView, locale?: string): [string, string][] {
  return [
    ['Severity', m.severity],
    ['Type', m.messageType],
    ['Message ID', String(m.messageId)],
    ['Module', m.module],
    ['Component', m.component],
    ['Machine', m.machine],
    ['Site code', m.siteCode ?? '—'],
    ['Top-level site code', m.topLevelSiteCode ?? '—'],
    ['Created', formatDateTime(m.createdAt, locale)],
    ['Received', formatDateTime(m.receivedAt, locale)],
    ['Delete after', formatDateTime(m.deleteAfter, locale)],
    ['Origin', `${m.origin.kind} ${m.origin.id}`],
    ['Sequence', String(m.sequence)],
    ['Process ID', String(m.processId)],
    ['Thread ID', String(m.threadId)],
    ['Win32 error', String(m.win32Error)],
    ['Per client', yesNo(m.perClient)],
    ['Report function', m.reportFunction],
    ['Transaction', yesNo(m.transaction)],
    ['Successful transaction', yesNo(m.successfulTransaction)],
    ['Trusted (signed)', yesNo(m.trusted)],
    ['Text from catalogue', yesNo(m.known)],
    ['Record ID', String(m.recordId)],
    ['Message GUID', m.id],
  ]
}

/** Attributes with their names: the site's `attributeNames` first, else the protocol's table. */
export function attributeRows(m: MessageView): { id: number; name: string; value: string }[] {
  return m.attributes.map((a) => ({
    id: a.id,
    name: m.attributeNames[String(a.id)] ?? attributeName(a.id) ?? `Attribute ${a.id}`,
    value: a.value,
  }))
}

function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No'
}

/** The first line of a message's text, for the table (the detail pane shows all of it). */
export function firstLine(text: string, max = 160): string {
  const line = text.split(/\r?\n/, 1)[0] ?? ''
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}
