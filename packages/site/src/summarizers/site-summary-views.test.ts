import { describe, expect, it } from 'vitest'
import { siteSummaryViews, tallyStatuses } from './site-summary-views.ts'

const component = (siteCode: string, status: 'ok' | 'warning' | 'critical', errors = 0) => ({
  siteCode,
  status,
  infos: 1,
  warnings: 0,
  errors,
})

describe('the per-site roll-up', () => {
  it('shows a lone site with its own counts, tallies and no parent', () => {
    const views = siteSummaryViews({
      siteCode: 'ps1',
      parentSiteCode: null,
      components: [component('PS1', 'ok'), component('PS1', 'warning')],
      storage: [{ status: 'ok' }],
      childStorage: new Map(),
      below: [],
    })
    expect(views).toEqual([
      {
        siteCode: 'PS1',
        parentSiteCode: null,
        status: 'warning',
        rolledUpStatus: 'warning',
        infos: 2,
        warnings: 0,
        errors: 0,
        components: { ok: 1, warning: 1, critical: 0 },
        storage: { ok: 1, warning: 0, critical: 0 },
        unknownSince: null,
      },
    ])
  })

  it('passes the worst status of a grandchild up to this site, not to the sibling', () => {
    const views = siteSummaryViews({
      siteCode: 'CAS',
      parentSiteCode: null,
      components: [component('CAS', 'ok'), component('PS1', 'ok'), component('SS1', 'critical', 7)],
      storage: [],
      childStorage: new Map([['PS2', [{ status: 'ok' as const }]]]),
      below: [
        { siteCode: 'PS1', parentSiteCode: 'CAS', unknownSince: null },
        { siteCode: 'SS1', parentSiteCode: 'PS1', unknownSince: null },
        { siteCode: 'PS2', parentSiteCode: 'CAS', unknownSince: Date.UTC(2026, 10, 21, 8) },
      ],
    })
    const byCode = new Map(views.map((v) => [v.siteCode, v]))
    expect(views.map((v) => v.siteCode)).toEqual(['CAS', 'PS1', 'PS2', 'SS1'])
    expect(byCode.get('CAS')).toMatchObject({
      status: 'ok',
      rolledUpStatus: 'critical',
      parentSiteCode: null,
    })
    expect(byCode.get('PS1')).toMatchObject({
      status: 'ok',
      rolledUpStatus: 'critical',
      parentSiteCode: 'CAS',
    })
    expect(byCode.get('SS1')).toMatchObject({ status: 'critical', errors: 7, parentSiteCode: 'PS1' })
    expect(byCode.get('PS2')).toMatchObject({
      rolledUpStatus: 'ok',
      storage: { ok: 1, warning: 0, critical: 0 },
      unknownSince: '2026-11-21T08:00:00.000Z',
    })
  })

  it('names this site’s own parent, which lies above what the roll-up sees', () => {
    const [own] = siteSummaryViews({
      siteCode: 'PS1',
      parentSiteCode: 'CAS',
      components: [],
      storage: [],
      childStorage: new Map(),
      below: [],
    })
    expect(own).toMatchObject({ siteCode: 'PS1', parentSiteCode: 'CAS', status: 'ok', rolledUpStatus: 'ok' })
  })

  it('tallies statuses by kind', () => {
    expect(tallyStatuses(['ok', 'critical', 'critical'])).toEqual({ ok: 1, warning: 0, critical: 2 })
  })
})
