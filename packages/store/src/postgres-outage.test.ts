import { describe, expect, it } from 'vitest'
import { StoreError, isStoreError } from './errors.ts'
import { isConnectionLost, withOutageErrors } from './postgres-outage.ts'

const withCode = (code: string, message = 'driver error'): Error =>
  Object.assign(new Error(message), { code })

describe('isConnectionLost', () => {
  it('recognises a server that cannot be reached or went away', () => {
    expect(isConnectionLost(withCode('ECONNREFUSED'))).toBe(true)
    expect(isConnectionLost(withCode('ECONNRESET'))).toBe(true)
    expect(isConnectionLost(withCode('08006'))).toBe(true) // connection_failure
    expect(isConnectionLost(withCode('57P01'))).toBe(true) // admin_shutdown
    expect(isConnectionLost(withCode('57014'))).toBe(true) // statement timeout
    expect(isConnectionLost(new Error('Connection terminated unexpectedly'))).toBe(true)
    expect(isConnectionLost(new Error('timeout exceeded when trying to connect'))).toBe(true)
  })

  it('leaves statement errors and the store own errors alone', () => {
    expect(isConnectionLost(withCode('23505'))).toBe(false) // unique_violation
    expect(isConnectionLost(withCode('42P01'))).toBe(false) // undefined_table
    expect(isConnectionLost(new StoreError('store_conflict', 'Connection terminated'))).toBe(false)
    expect(isConnectionLost('a string')).toBe(false)
  })
})

describe('withOutageErrors', () => {
  it('turns a lost connection into store_unavailable with the driver error as its cause', async () => {
    const lost = new Error('Connection terminated unexpectedly')
    const store = withOutageErrors({ count: () => Promise.reject(lost) })
    const error: unknown = await store.count().catch((caught: unknown) => caught)
    expect(isStoreError(error, 'store_unavailable')).toBe(true)
    expect((error as Error).cause).toBe(lost) // checked just above: a StoreError
  })

  it('passes values, other errors and non-function members through unchanged', async () => {
    const wrong = withCode('23505')
    const store = withOutageErrors({
      dialect: 'postgres' as const,
      count: () => Promise.resolve(3),
      fail: () => Promise.reject(wrong),
    })
    expect(store.dialect).toBe('postgres')
    expect(await store.count()).toBe(3)
    await expect(store.fail()).rejects.toBe(wrong)
  })
})
