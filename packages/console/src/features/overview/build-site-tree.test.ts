import { describe, expect, it } from 'vitest'
import type { SiteLinkView, SiteSummary } from '../../api/api-types.ts'
import { buildSiteTree } from './build-site-tree.ts'

const site = (
  siteCode: string,
  parentSiteCode: string | null,
  extra: Partial<SiteSummary> = {},
): SiteSummary => {
  const fields = {
    siteCode,
    parentSiteCode,
    status: 'ok' as const,
    infos: 0,
    warnings: 0,
    errors: 0,
    components: { ok: 0, warning: 0, critical: 0 },
    storage: { ok: 0, warning: 0, critical: 0 },
    unknownSince: null,
    ...extra,
  }
  return { ...fields, rolledUpStatus: extra.rolledUpStatus ?? fields.status }
}
const link = (
  direction: 'parent' | 'child',
  siteCode: string,
  extra: Partial<SiteLinkView> = {},
): SiteLinkView => ({
  direction,
  siteCode,
  url: '',
  state: 'connected',
  approval: 'approved',
  backlog: { high: 0, medium: 0, low: 0 },
  lastAckedSeq: 0,
  lastContactAt: null,
  throughputPerMinute: 0,
  sent: 0,
  deferredOverBudget: 0,
  unknownSince: null,
  subtree: [],
  ...extra,
})

describe('buildSiteTree', () => {
  it('is just this site when it has no links', () => {
    expect(buildSiteTree('cas', [site('CAS', null)], [])).toEqual({
      siteCode: 'CAS',
      relation: 'this site',
      status: 'ok',
      unknownSince: null,
      children: [],
    })
  })

  it('nests children and their subtrees under this site, with the rolled-up status and unknown marks', () => {
    const tree = buildSiteTree(
      'CAS',
      [
        site('CAS', null, { rolledUpStatus: 'critical' }),
        site('PS1', 'CAS', {
          status: 'warning',
          rolledUpStatus: 'critical',
          unknownSince: '2026-11-21T08:00:00.000Z',
        }),
        site('SS1', 'PS1', { status: 'critical' }),
      ],
      [
        link('child', 'PS1', { unknownSince: '2026-11-21T08:00:00.000Z', subtree: ['SS1', 'SS2'] }),
        link('child', 'PS2', { state: 'pending' }),
      ],
    )
    expect(tree.status).toBe('critical')
    expect(tree.children.map((c) => c.siteCode)).toEqual(['PS1', 'PS2'])
    const [ps1, ps2] = tree.children
    expect(ps1).toMatchObject({
      relation: 'child',
      status: 'critical',
      unknownSince: '2026-11-21T08:00:00.000Z',
    })
    expect(ps1?.children.map((c) => [c.siteCode, c.status, c.unknownSince])).toEqual([
      ['SS1', 'critical', '2026-11-21T08:00:00.000Z'],
      ['SS2', null, '2026-11-21T08:00:00.000Z'],
    ])
    expect(ps2).toMatchObject({ status: null, children: [] })
  })

  it('puts the parent above this site', () => {
    const tree = buildSiteTree('PS1', [site('PS1', 'CAS')], [link('parent', 'CAS')])
    expect(tree).toMatchObject({ siteCode: 'CAS', relation: 'parent', status: null })
    expect(tree.children.map((c) => [c.siteCode, c.relation])).toEqual([['PS1', 'this site']])
  })

  it('survives a cycle in what it was told', () => {
    const tree = buildSiteTree(
      'CAS',
      [site('CAS', null), site('A', 'B'), site('B', 'A')],
      [link('child', 'A')],
    )
    expect(tree.children.map((c) => c.siteCode)).toEqual(['A'])
  })
})
