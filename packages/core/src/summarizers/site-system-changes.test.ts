import { describe, expect, it } from 'vitest'
import type { StorageState, StorageStateSettings } from './site-system-changes.ts'
import { nextStorageStates, siteSystemChanges } from './site-system-changes.ts'
import type { StorageObject } from './site-system-status.ts'

const KB = 1024
const HOUR = 3_600_000
const T0 = Date.parse('2026-11-21T08:00:00Z')
const SETTINGS: StorageStateSettings = {
  thresholds: {
    overrides: [
      { siteSystem: 'SQL01', object: 'CM_PS1', warningFreeKb: 500, criticalFreeKb: 100 },
      { siteSystem: 'SQL01', object: 'CM_PS1_log', warningFreeKb: 500, criticalFreeKb: 100 },
      { siteSystem: 'SITESRV01', object: 'D:\\inboxes', warningFreeKb: 500, criticalFreeKb: 100 },
    ],
  },
}

function reading(kind: StorageObject['kind'], freeKb: number | null, accessible = true): StorageObject {
  const names = {
    directory: ['SITESRV01', 'D:\\inboxes'],
    database: ['SQL01', 'CM_PS1'],
    log: ['SQL01', 'CM_PS1_log'],
  }
  const [siteSystem = '', object = ''] = names[kind]
  return {
    siteSystem,
    object,
    role: 'site server',
    kind,
    accessible,
    bytesFree: freeKb === null ? null : freeKb * KB,
    bytesTotal: 10_000 * KB,
  }
}

/** Polls each list of readings an hour apart; returns the message IDs of every poll. */
function poll(
  polls: readonly (readonly StorageObject[])[],
  settings = SETTINGS,
): { ids: number[][]; states: StorageState[][] } {
  let previous: readonly StorageState[] = []
  const ids: number[][] = []
  const states: StorageState[][] = []
  polls.forEach((readings, i) => {
    const next = nextStorageStates(previous, readings, T0 + i * HOUR, settings)
    ids.push(siteSystemChanges(previous, next).map((m) => m.messageId))
    states.push([...next])
    previous = next
  })
  return { ids, states }
}

describe('siteSystemChanges', () => {
  it('raises the free-space message of each kind once per change, with free KB and threshold', () => {
    const { ids } = poll([
      [reading('directory', 900), reading('database', 900), reading('log', 900)],
      [reading('directory', 400), reading('database', 90), reading('log', 400)],
      [reading('directory', 300), reading('database', 80), reading('log', 600)],
    ])
    expect(ids).toEqual([[], [4710, 4714, 4716], [4715]])
    const previous = nextStorageStates([], [reading('database', 900)], T0, SETTINGS)
    const next = nextStorageStates(previous, [reading('database', 90)], T0 + HOUR, SETTINGS)
    expect(siteSystemChanges(previous, next)[0]).toEqual({
      component: 'SMS_SITE_SYSTEM_STATUS_SUMMARIZER',
      messageId: 4714,
      severity: 'error',
      insertionStrings: ['CM_PS1', 'SQL01', '90', '100'],
    })
  })

  it('raises only what is not OK for an object seen the first time', () => {
    expect(poll([[reading('directory', 400), reading('log', 900)]]).ids).toEqual([[4710]])
  })

  it('raises 4700 on losing access, 4701 once a day while it lasts, 4718 after a week, and 4702 on return', () => {
    const down = reading('directory', null, false)
    const polls = [
      [reading('directory', 900)],
      ...Array.from({ length: 24 * 8 + 1 }, () => [down]),
      [reading('directory', 900)],
    ]
    const { ids, states } = poll(polls)
    const flat = ids.flat()
    expect(flat[0]).toBe(4700)
    expect(flat.filter((id) => id === 4701)).toHaveLength(8)
    expect(flat.filter((id) => id === 4718)).toHaveLength(1)
    expect(ids.at(-1)).toEqual([4702])
    expect(states[1]?.[0]).toMatchObject({ status: 'critical', downSince: T0 + HOUR })
  })

  it('uses the database and log outage messages, and checks free space again on return', () => {
    const { ids } = poll([
      [reading('database', 900), reading('log', 900)],
      [reading('database', null, false), reading('log', null, false)],
      [reading('database', 90), reading('log', 900)],
    ])
    expect(ids).toEqual([[], [4703, 4706], [4705, 4714, 4708]])
  })

  it('raises 4719 once when the free space becomes unknown', () => {
    const { ids } = poll([
      [reading('directory', 900)],
      [reading('directory', null)],
      [reading('directory', null)],
    ])
    expect(ids).toEqual([[], [4719], []])
  })
})
