import { describe, expect, it } from 'vitest'
import type { LossRow } from '../../api/api-types.ts'
import { sinkLosses, sinkName } from './sink-losses.ts'

function row(
  origin: string,
  reason: LossRow['reason'],
  count: number,
  lastAt: string,
  siteCode = 'PS1',
): LossRow {
  return { siteCode, origin, reason, count, firstAt: '2026-12-01T00:00:00.000Z', lastAt }
}

describe('sinkName', () => {
  it('names the OS log, programs and an export target for people', () => {
    expect(sinkName('outbox:os-log')).toBe('OS log')
    expect(sinkName('outbox:program')).toBe('programs')
    expect(sinkName('outbox:export:siem')).toBe('export "siem"')
  })
})

describe('sinkLosses', () => {
  it('keeps only sink rows, sums them over sites, and puts the most recent first', () => {
    expect(
      sinkLosses([
        row('client:unknown', 'refused', 3, '2026-12-07T10:00:00.000Z'),
        row('outbox:program', 'sink_failed', 1, '2026-12-07T08:00:00.000Z'),
        row('outbox:os-log', 'sink_unavailable', 5, '2026-12-07T09:00:00.000Z'),
        row('outbox:os-log', 'sink_unavailable', 2, '2026-12-07T09:30:00.000Z', 'CH1'),
      ]),
    ).toEqual([
      { sink: 'OS log', reason: 'sink_unavailable', count: 7, lastAt: '2026-12-07T09:30:00.000Z' },
      { sink: 'programs', reason: 'sink_failed', count: 1, lastAt: '2026-12-07T08:00:00.000Z' },
    ])
  })
})
