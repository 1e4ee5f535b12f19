import { describe, expect, it } from 'vitest'
import type { SiteSummary } from './roll-up.ts'
import { rollUpSite, rollUpSites } from './roll-up.ts'
import type { SummaryStatus } from './status-level.ts'

const component = (status: SummaryStatus, errors = 0) => ({ status, infos: 10, warnings: 1, errors })

function site(siteCode: string, status: SummaryStatus, errors = 0): SiteSummary {
  return rollUpSite({ siteCode, components: [component(status, errors)] })
}

describe('rollUpSite', () => {
  it('takes the worst of components and storage objects and sums the counts', () => {
    const summary = rollUpSite({
      siteCode: 'PS1',
      components: [component('ok'), component('warning', 2), component('ok', 1)],
      storage: [{ status: 'critical' }, { status: 'ok' }],
    })
    expect(summary).toEqual({
      siteCode: 'PS1',
      infos: 30,
      warnings: 3,
      errors: 3,
      status: 'critical',
      componentStatus: 'warning',
      storageStatus: 'critical',
    })
  })

  it('is OK for a site with nothing to report', () => {
    expect(rollUpSite({ siteCode: 'PS1', components: [] }).status).toBe('ok')
  })
})

describe('rollUpSites', () => {
  const tree = [
    { siteCode: 'CAS', parentSiteCode: null },
    { siteCode: 'PS1', parentSiteCode: 'CAS' },
    { siteCode: 'PS2', parentSiteCode: 'cas' },
    { siteCode: 'SS1', parentSiteCode: 'PS2' },
  ]

  it('lets each parent see the worst of its descendants, and sums their counts', () => {
    const { sites, rootStatus } = rollUpSites(
      [site('CAS', 'ok'), site('PS1', 'warning', 1), site('PS2', 'ok'), site('SS1', 'critical', 7)],
      tree,
    )
    expect(sites.get('CAS')).toMatchObject({
      status: 'ok',
      rolledUpStatus: 'critical',
      childSiteCodes: ['PS1', 'PS2'],
    })
    expect(sites.get('CAS')?.rolledUpCounts).toEqual({ infos: 40, warnings: 4, errors: 8 })
    expect(sites.get('PS2')?.rolledUpStatus).toBe('critical')
    expect(sites.get('PS1')?.rolledUpStatus).toBe('warning')
    expect(rootStatus).toBe('critical')
  })

  it('passes children up through a site that has sent no summary', () => {
    const { sites } = rollUpSites([site('PS1', 'warning')], tree)
    expect(sites.get('CAS')).toMatchObject({ reported: false, status: 'ok', rolledUpStatus: 'warning' })
  })

  it('treats a summary outside the tree as top-level and survives a cycle', () => {
    const cycle = [
      { siteCode: 'A', parentSiteCode: 'B' },
      { siteCode: 'B', parentSiteCode: 'A' },
    ]
    const { sites, rootStatus } = rollUpSites([site('A', 'warning'), site('B', 'ok'), site('X', 'ok')], cycle)
    expect(sites.get('A')?.rolledUpStatus).toBe('warning')
    expect(sites.get('B')?.childSiteCodes).toEqual(['A'])
    expect(sites.get('X')?.rolledUpStatus).toBe('ok')
    expect(rootStatus).toBe('warning')
  })
})
