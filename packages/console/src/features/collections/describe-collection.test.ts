import { CollectionDefinitionSchema } from '@sitrep/protocol'
import { describe, expect, it } from 'vitest'
import {
  EMPTY_COLLECTION,
  EMPTY_RULE,
  collectionBody,
  collectionDraft,
  describeRule,
} from './describe-collection.ts'

describe('collection rules and the collection form', () => {
  it('describes a rule with AND between fields and OR within one', () => {
    expect(
      describeRule({
        name: '',
        platforms: ['linux'],
        linuxFamilies: ['debian', 'rhel'],
        namePatterns: ['WKS-*'],
      }),
    ).toBe('platform linux and Linux family debian or rhel and name like WKS-*')
    expect(describeRule({ name: '' })).toBe('every client')
  })

  it('makes a body the definition schema takes, leaving empty rule fields out', () => {
    const body = collectionBody({
      ...EMPTY_COLLECTION,
      name: 'Debian desks',
      staticMembers: 'DEB-001\n\n DEB-002 \n',
      rules: [{ ...EMPTY_RULE, platforms: ['linux'], namePatterns: 'WKS-*, LAB-?' }],
      include: ['SMS00001'],
    })
    const parsed = CollectionDefinitionSchema.parse(body)
    expect(parsed.staticMembers).toEqual(['DEB-001', 'DEB-002'])
    expect(parsed.rules).toEqual([{ name: '', platforms: ['linux'], namePatterns: ['WKS-*', 'LAB-?'] }])
    expect(parsed.include).toEqual(['SMS00001'])
  })

  it('keeps a definition through a round trip of the form', () => {
    const stored = CollectionDefinitionSchema.parse({
      name: 'Labs',
      rules: [{ name: 'lab', siteCodes: ['PS1'], osVersionAtLeast: '12', architectures: ['x64'] }],
      exclude: ['PS100002'],
      maintenanceWindows: [
        {
          name: 'Nights',
          timeZone: 'UTC',
          start: '22:00',
          durationMinutes: 120,
          recurrence: { kind: 'daily' },
        },
      ],
    })
    expect(CollectionDefinitionSchema.parse(collectionBody(collectionDraft(stored)))).toEqual(stored)
  })
})
