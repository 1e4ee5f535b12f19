import type { Severity, StatusMessage } from '@sitrep/protocol'
import type { ComponentHourCounter } from '../../src/index.ts'

const HOUR_MS = 60 * 60 * 1000

/**
 * Counts messages into hour counters the way the site's status manager does before it stores
 * them (one row per site, machine, component, UTC hour and severity).
 */
export function messagesToHourCounters(
  messages: readonly Pick<StatusMessage, 'siteCode' | 'machine' | 'component' | 'createdAt' | 'severity'>[],
): ComponentHourCounter[] {
  const rows = new Map<string, ComponentHourCounter>()
  for (const m of messages) {
    const siteCode = m.siteCode ?? ''
    const hourStart = Math.floor(m.createdAt / HOUR_MS) * HOUR_MS
    const key = [siteCode, m.machine, m.component, hourStart, m.severity].join('\u0000')
    const prev = rows.get(key)
    rows.set(key, {
      ...(prev ?? {
        siteCode,
        machine: m.machine,
        component: m.component,
        hourStart,
        severity: m.severity,
        count: 0,
      }),
      count: (prev?.count ?? 0) + 1,
    })
  }
  return [...rows.values()]
}

/** One hour counter row for a component on `SITESRV01` of site `PS1`, overridable. */
export function hourCounter(
  hourStart: number,
  severity: Severity,
  count: number,
  overrides: Partial<ComponentHourCounter> = {},
): ComponentHourCounter {
  return {
    siteCode: 'PS1',
    machine: 'SITESRV01',
    component: 'SMS_DISTRIBUTION_MANAGER',
    hourStart,
    severity,
    count,
    ...overrides,
  }
}
