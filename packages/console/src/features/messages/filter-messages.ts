/**
 * The message viewer's structured filter: read from and written to the hash route, so a
 * filtered view is a link; turned into the query parameters of `GET /api/v1/messages`.
 */
import { MESSAGE_TYPE_NAMES, SEVERITY_NAMES } from '@sitrep/protocol'
import type { MessageType, Severity } from '@sitrep/protocol'
import type { QueryParams } from '../../api/query-string.ts'
import type { Route } from '../../router/parse-route.ts'

/** The text fields of the filter, in form order, with their labels. */
export const TEXT_FIELDS = [
  { name: 'siteCode', label: 'Site code' },
  { name: 'machine', label: 'Machine' },
  { name: 'component', label: 'Component' },
  { name: 'module', label: 'Module' },
  { name: 'messageId', label: 'Message ID' },
  { name: 'text', label: 'Text contains' },
  { name: 'attributeId', label: 'Attribute ID' },
  { name: 'attributeValue', label: 'Attribute value' },
  { name: 'since', label: 'Since' },
  { name: 'until', label: 'Until' },
] as const
export type TextField = (typeof TEXT_FIELDS)[number]['name']

/** A message filter; empty strings mean "any". */
export type MessageFilter = Readonly<Record<TextField, string>> & {
  readonly severity: readonly Severity[]
  readonly messageType: MessageType | ''
}

export const EMPTY_FILTER: MessageFilter = {
  ...(Object.fromEntries(TEXT_FIELDS.map((f) => [f.name, ''])) as Record<TextField, string>), // Every text field, each ''.
  severity: [],
  messageType: '',
}

/** The filter a route describes; unknown severities and types are ignored. */
export function filterFromRoute(route: Route): MessageFilter {
  const text = Object.fromEntries(TEXT_FIELDS.map((f) => [f.name, route.params[f.name]?.[0] ?? '']))
  const severity = (route.params['severity'] ?? []).filter((s): s is Severity =>
    (SEVERITY_NAMES as readonly string[]).includes(s),
  )
  const type = route.params['messageType']?.[0] ?? ''
  return {
    ...(text as Record<TextField, string>), // Built from TEXT_FIELDS just above.
    severity,
    messageType: (MESSAGE_TYPE_NAMES as readonly string[]).includes(type) ? (type as MessageType) : '', // Checked by includes.
  }
}

/** The route parameters of a filter (empty fields left out). */
export function filterToRouteParams(filter: MessageFilter): Record<string, string | readonly string[]> {
  const params: Record<string, string | readonly string[]> = {}
  for (const f of TEXT_FIELDS) if (filter[f.name].trim() !== '') params[f.name] = filter[f.name].trim()
  if (filter.severity.length > 0) params['severity'] = filter.severity
  if (filter.messageType !== '') params['messageType'] = filter.messageType
  return params
}

/**
 * The API query of a filter. `since`/`until` typed as local date-times (`2026-11-21T08:00`)
 * become ISO instants; other text passes through for the site to check.
 */
export function filterToApiParams(filter: MessageFilter): QueryParams {
  const params: Record<string, string | readonly string[]> = { ...filterToRouteParams(filter) }
  for (const key of ['since', 'until'] as const) {
    const value = params[key]
    if (typeof value === 'string') params[key] = toIsoInstant(value)
  }
  return params
}

/** A local date-time without an offset becomes an ISO instant; anything else is left as typed. */
export function toIsoInstant(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return value
  const time = new Date(value)
  return Number.isNaN(time.getTime()) ? value : time.toISOString()
}

/** Toggles one severity in the filter. */
export function toggleSeverity(filter: MessageFilter, severity: Severity): MessageFilter {
  const has = filter.severity.includes(severity)
  return {
    ...filter,
    severity: has
      ? filter.severity.filter((s) => s !== severity)
      : SEVERITY_NAMES.filter((s) => s === severity || filter.severity.includes(s)),
  }
}

/** True when nothing is filtered. */
export function isEmptyFilter(filter: MessageFilter): boolean {
  return Object.keys(filterToRouteParams(filter)).length === 0
}
