import { describe, expect, it } from 'vitest'
import { TOPIC_TYPES, stateName, topicTypeName } from './topic-types.ts'

describe('topicTypeName', () => {
  it('names every current-branch topic type of the reference', () => {
    const types = [300, 301, 302, 400, 401, 402, 500, 501, 700, 701, 702, 800, 810, 820, 900, 901, 902, 903]
    const more = [1000, 1001, 1300, 1600, 1702, 2001, 2002, 2003]
    expect(TOPIC_TYPES.map((t) => t.type)).toEqual([...types, ...more])
    expect(topicTypeName(500)).toBe('SUM_UPDATE_DETECTION')
  })

  it('returns undefined for an unknown topic type', () => {
    expect(topicTypeName(100)).toBeUndefined()
  })
})

describe('stateName', () => {
  it('names listed states', () => {
    expect(stateName(500, 2)).toBe('required')
    expect(stateName(301, 12)).toBe('waiting for superseding update')
    expect(stateName(1300, 2)).toBe('not successful')
  })

  it('names states of a range generically', () => {
    expect(stateName(800, 102)).toBe('progress 102')
    expect(stateName(800, 329)).toBe('failure 329')
    expect(stateName(1702, 5014)).toBe('error 5014')
    expect(stateName(1702, 4000)).toBe('unknown')
  })

  it('returns undefined for an unknown state or topic type', () => {
    expect(stateName(800, 105)).toBeUndefined()
    expect(stateName(700, 0)).toBeUndefined()
    expect(stateName(42, 0)).toBeUndefined()
  })

  it('has no duplicate state IDs within a topic type', () => {
    for (const topic of TOPIC_TYPES) {
      expect(new Set(topic.states.map((s) => s.id)).size).toBe(topic.states.length)
    }
  })
})
