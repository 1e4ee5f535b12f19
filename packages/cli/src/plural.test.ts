import { describe, expect, it } from 'vitest'
import { countOf } from './plural.ts'

describe('countOf', () => {
  it('says one thing in the singular and any other count in the plural', () => {
    expect(countOf(1, 'error message')).toBe('1 error message')
    expect(countOf(2, 'error message')).toBe('2 error messages')
    expect(countOf(0, 'error message')).toBe('0 error messages')
  })

  it('takes an irregular plural', () => {
    expect(countOf(3, 'entry', 'entries')).toBe('3 entries')
  })
})
