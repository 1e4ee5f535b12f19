import { describe, expect, it } from 'vitest'
import { canOperate, hasRole } from './roles.ts'

describe('roles', () => {
  it('ranks a full administrator above an operations administrator above an analyst', () => {
    expect(hasRole('full-administrator', 'operations-administrator')).toBe(true)
    expect(hasRole('operations-administrator', 'full-administrator')).toBe(false)
    expect(hasRole('read-only-analyst', 'read-only-analyst')).toBe(true)
  })

  it('lets only administrators change things', () => {
    expect(canOperate('read-only-analyst')).toBe(false)
    expect(canOperate('operations-administrator')).toBe(true)
  })
})
