import { describe, expect, it } from 'vitest'
import type { CollectionClient, CollectionToEvaluate } from './collection-membership.ts'
import {
  collectionsOfClient,
  evaluateCollections,
  findCollectionCycle,
  matchesCollectionRule,
} from './collection-membership.ts'

const deb: CollectionClient = {
  clientId: 'GUID:1',
  machine: 'WKS-001',
  siteCode: 'PS1',
  facts: { platform: 'linux', linuxFamily: 'debian', architecture: 'x64', osVersion: '12.4' },
}
const mac: CollectionClient = {
  clientId: 'GUID:2',
  machine: 'MAC-001',
  siteCode: 'PS1',
  facts: { platform: 'macos', architecture: 'arm64', osVersion: '14.1' },
}
const silent: CollectionClient = { clientId: 'GUID:3', machine: 'WKS-002', siteCode: 'PS2' }

function collection(
  id: string,
  definition: Partial<CollectionToEvaluate['definition']>,
): CollectionToEvaluate {
  return { id, definition: { staticMembers: [], rules: [], include: [], exclude: [], ...definition } }
}

describe('matchesCollectionRule', () => {
  it('matches when every field that is set matches', () => {
    expect(matchesCollectionRule({ name: '', platforms: ['linux'], linuxFamilies: ['debian'] }, deb)).toBe(
      true,
    )
    expect(matchesCollectionRule({ name: '', platforms: ['linux'], architectures: ['arm64'] }, deb)).toBe(
      false,
    )
  })

  it('compares OS versions part by part', () => {
    expect(matchesCollectionRule({ name: '', osVersionAtLeast: '12.10' }, deb)).toBe(false)
    expect(matchesCollectionRule({ name: '', osVersionAtLeast: '12.4' }, deb)).toBe(true)
  })

  it('matches machine name patterns ignoring case, and site codes', () => {
    expect(matchesCollectionRule({ name: '', namePatterns: ['wks-*'] }, deb)).toBe(true)
    expect(matchesCollectionRule({ name: '', namePatterns: ['WKS-00?'], siteCodes: ['PS2'] }, deb)).toBe(
      false,
    )
    expect(matchesCollectionRule({ name: '', siteCodes: ['PS2'] }, silent)).toBe(true)
  })

  it('never matches a client that has not reported facts on a fact-based rule', () => {
    expect(matchesCollectionRule({ name: '', platforms: ['any'] }, silent)).toBe(false)
  })
})

describe('evaluateCollections', () => {
  it('adds static members by ID or name, rule matches and included collections, less excluded ones', () => {
    const members = evaluateCollections(
      [
        collection('LINUX', { rules: [{ name: '', platforms: ['linux'] }] }),
        collection('MACS', { rules: [{ name: '', platforms: ['macos'] }] }),
        collection('PILOT', { staticMembers: ['wks-002'], include: ['LINUX', 'MACS'], exclude: ['MACS'] }),
      ],
      [deb, mac, silent],
    )
    expect([...(members.get('LINUX') ?? [])]).toEqual(['GUID:1'])
    expect([...(members.get('PILOT') ?? [])].sort()).toEqual(['GUID:1', 'GUID:3'])
  })

  it('refuses collections that include each other, naming the cycle', () => {
    const loop = [collection('A', { include: ['B'] }), collection('B', { exclude: ['A'] })]
    expect(findCollectionCycle(loop)).toEqual(['A', 'B', 'A'])
    expect(() => evaluateCollections(loop, [deb])).toThrow('A → B → A')
    expect(findCollectionCycle([collection('A', { include: ['A'] })])).toEqual(['A', 'A'])
  })

  it('finds the collections of one client the same way', () => {
    const all = [
      collection('LINUX', { rules: [{ name: '', platforms: ['linux'] }] }),
      collection('NOT-LINUX', { staticMembers: ['WKS-001', 'MAC-001'], exclude: ['LINUX'] }),
    ]
    expect(collectionsOfClient(all, deb)).toEqual(['LINUX'])
    expect(collectionsOfClient(all, mac)).toEqual(['NOT-LINUX'])
  })
})
