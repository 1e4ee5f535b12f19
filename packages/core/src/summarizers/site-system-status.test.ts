import { describe, expect, it } from 'vitest'
import type { StorageObject } from './site-system-status.ts'
import { storageStatus, storageThresholdsFor } from './site-system-status.ts'

const GIB = 1024 ** 3
const KB = 1024

function disk(overrides: Partial<StorageObject>): StorageObject {
  return {
    siteSystem: 'SITESRV01',
    object: 'D:\\SITREP\\inboxes',
    role: 'site server',
    kind: 'directory',
    accessible: true,
    bytesFree: 100 * GIB,
    bytesTotal: 200 * GIB,
    ...overrides,
  }
}

describe('storageThresholdsFor', () => {
  it('takes the smaller of the percentage and the absolute default', () => {
    expect(storageThresholdsFor(disk({ bytesTotal: 4096 * GIB }))).toEqual({
      warningFreeKb: 2 * 1024 * 1024,
      criticalFreeKb: 1024 * 1024,
    })
    expect(storageThresholdsFor(disk({ bytesTotal: 10 * GIB }))).toEqual({
      warningFreeKb: 1024 * 1024,
      criticalFreeKb: 512 * 1024,
    })
  })

  it('uses the absolute defaults when the size is unknown, and an override when one names the object', () => {
    expect(storageThresholdsFor(disk({ bytesTotal: -1 }))).toEqual({
      warningFreeKb: 2097152,
      criticalFreeKb: 1048576,
    })
    const overrides = [
      { siteSystem: 'sitesrv01', object: 'd:\\sitrep\\INBOXES', warningFreeKb: 500, criticalFreeKb: 100 },
    ]
    expect(storageThresholdsFor(disk({}), { overrides })).toEqual({ warningFreeKb: 500, criticalFreeKb: 100 })
  })
})

describe('storageStatus', () => {
  const overrides = [
    { siteSystem: 'SITESRV01', object: 'D:\\SITREP\\inboxes', warningFreeKb: 500, criticalFreeKb: 100 },
  ]

  it('is Warning at the warning threshold and Critical at the critical one, not above', () => {
    expect(storageStatus(disk({ bytesFree: 501 * KB }), { overrides })).toBe('ok')
    expect(storageStatus(disk({ bytesFree: 500 * KB }), { overrides })).toBe('warning')
    expect(storageStatus(disk({ bytesFree: 101 * KB }), { overrides })).toBe('warning')
    expect(storageStatus(disk({ bytesFree: 100 * KB }), { overrides })).toBe('critical')
  })

  it('is Critical when unreachable and Warning when the free space is unknown', () => {
    expect(storageStatus(disk({ accessible: false }))).toBe('critical')
    expect(storageStatus(disk({ bytesFree: null }))).toBe('warning')
    expect(storageStatus(disk({ bytesFree: -1 }))).toBe('warning')
  })
})
