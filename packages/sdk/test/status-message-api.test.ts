import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSitrepClient, createStatusMessageApi } from '../src/index.ts'
import type { SitrepClient, StatusMessageApi } from '../src/index.ts'
import { makeTempDir } from './helpers/temp-dir.ts'
import { startTestMp, type TestMp } from './helpers/test-mp.ts'

let mp: TestMp
let client: SitrepClient
let api: StatusMessageApi
let cleanup: () => Promise<void>

beforeEach(async () => {
  mp = await startTestMp()
  const temp = await makeTempDir('smscstat')
  cleanup = temp.cleanup
  client = createSitrepClient({
    target: mp.url,
    stateDir: temp.dir,
    machine: 'WKS-001',
    clock: () => Date.UTC(2026, 0, 1),
  })
  api = createStatusMessageApi({ client })
})
afterEach(async () => {
  await client.close()
  await mp.close()
  await cleanup()
})

function created(
  result: ReturnType<StatusMessageApi['createStatusMessage']>,
): NonNullable<typeof result.handle> {
  if (result.handle === undefined) throw new Error(`create returned ${result.code}`)
  return result.handle
}

describe('createStatusMessage', () => {
  it('returns 0 and a handle for a valid message', () => {
    expect(api.createStatusMessage({ module: 'Contoso', messageId: 1 }).code).toBe(0)
  })

  it('returns 2 for a module name of 128 characters, and for an empty one', () => {
    expect(api.createStatusMessage({ module: 'm'.repeat(128), messageId: 1 }).code).toBe(2)
    expect(api.createStatusMessage({ module: 'm'.repeat(127), messageId: 1 }).code).toBe(0)
    expect(api.createStatusMessage({ module: '', messageId: 1 }).code).toBe(2)
  })

  it('returns 6 for an insertion string of 256 characters, and for an eleventh one', () => {
    expect(
      api.createStatusMessage({ module: 'Contoso', messageId: 1, insertionStrings: ['a', 'x'.repeat(256)] })
        .code,
    ).toBe(6)
    expect(api.lastError()).toMatchObject({ field: 'insertionStrings[1]', code: 'too_long' })
    expect(
      api.createStatusMessage({
        module: 'Contoso',
        messageId: 1,
        insertionStrings: Array.from({ length: 11 }, () => 'a'),
      }).code,
    ).toBe(6)
  })

  it('returns 10 for a message ID that is not an ID', () => {
    expect(api.createStatusMessage({ module: 'Contoso', messageId: -1 }).code).toBe(10)
  })
})

describe('addAttribute', () => {
  it('returns 7 for a value of 256 characters and for a null value', () => {
    const handle = created(api.createStatusMessage({ module: 'Contoso', messageId: 1 }))
    expect(api.addAttribute(handle, 400, 'x'.repeat(256))).toBe(7)
    expect(api.addAttribute(handle, 400, null)).toBe(7)
    expect(api.addAttribute(handle, 400, 'x'.repeat(255))).toBe(0)
  })

  it('returns 8 for the 1001st attribute', () => {
    const handle = created(api.createStatusMessage({ module: 'Contoso', messageId: 1 }))
    for (let i = 0; i < 1000; i += 1) expect(api.addAttribute(handle, 400, String(i))).toBe(0)
    expect(api.addAttribute(handle, 400, 'one too many')).toBe(8)
  })

  it('returns 10 for a handle that was already reported', async () => {
    const handle = created(api.createStatusMessage({ module: 'Contoso', messageId: 1 }))
    await api.reportStatusMessage(handle, { component: 'Agent' })
    expect(api.addAttribute(handle, 400, 'x')).toBe(10)
  })
})

describe('reportStatusMessage', () => {
  it('returns 0 and the MP stores the message with its attributes', async () => {
    const handle = created(
      api.createStatusMessage({ module: 'Contoso', messageId: 1001, insertionStrings: ['C:'] }),
    )
    expect(api.addAttribute(handle, 400, 'PS100001')).toBe(0)
    expect(await api.reportStatusMessage(handle, { component: 'Backup Agent', siteCode: 'PS1' })).toBe(0)
    expect(mp.stored).toHaveLength(1)
    expect(mp.stored[0]).toMatchObject({
      module: 'Contoso',
      messageId: 1001,
      component: 'Backup Agent',
      machine: 'WKS-001',
      siteCode: 'PS1',
      insertionStrings: ['C:'],
      attributes: [{ id: 400, value: 'PS100001' }],
      severity: 'informational',
      sequence: 1,
    })
  })

  it('returns 3 for a bad site code and 4 for a bad top-level site code', async () => {
    const a = created(api.createStatusMessage({ module: 'Contoso', messageId: 1 }))
    expect(await api.reportStatusMessage(a, { component: 'Agent', siteCode: 'TOOLONG' })).toBe(3)
    const b = created(api.createStatusMessage({ module: 'Contoso', messageId: 1 }))
    expect(await api.reportStatusMessage(b, { component: 'Agent', topLevelSiteCode: 'CON' })).toBe(4)
  })

  it('returns 5 for a component of 128 characters', async () => {
    const handle = created(api.createStatusMessage({ module: 'Contoso', messageId: 1 }))
    expect(await api.reportStatusMessage(handle, { component: 'c'.repeat(128) })).toBe(5)
  })

  it('frees the handle even when reporting fails', async () => {
    const handle = created(api.createStatusMessage({ module: 'Contoso', messageId: 1 }))
    expect(await api.reportStatusMessage(handle, { component: '' })).toBe(5)
    expect(await api.reportStatusMessage(handle, { component: 'Agent' })).toBe(10)
  })

  it('returns 9 when neither an MP nor a local agent is configured', async () => {
    const temp = await makeTempDir('no-target')
    const lonely = createStatusMessageApi({ client: createSitrepClient({ stateDir: temp.dir }) })
    const handle = created(lonely.createStatusMessage({ module: 'Contoso', messageId: 1 }))
    expect(await lonely.reportStatusMessage(handle, { component: 'Agent' })).toBe(9)
    const without = createStatusMessageApi()
    const other = created(without.createStatusMessage({ module: 'Contoso', messageId: 1 }))
    expect(await without.reportStatusMessage(other, { component: 'Agent' })).toBe(9)
    await temp.cleanup()
  })

  it('returns 0 after committing to the spool when the MP cannot take it now', async () => {
    mp.failNext({ status: 503, code: 'unavailable', retryAfterSeconds: 1 })
    const handle = created(api.createStatusMessage({ module: 'Contoso', messageId: 1 }))
    expect(await api.reportStatusMessage(handle, { component: 'Agent' })).toBe(0)
    expect(mp.stored).toHaveLength(0)
    expect(await (await client.spool()).pendingCount()).toBe(1)
    expect((await client.flush()).delivered).toBe(true)
    expect(mp.stored).toHaveLength(1)
  })

  it('takes severity from the catalogue for a known message, then from the ID bits, then the option', async () => {
    const known = created(
      api.createStatusMessage({ module: 'SMS Provider', messageId: 39999, insertionStrings: ['x'] }),
    )
    await api.reportStatusMessage(known, { component: 'Agent' })
    const bits = created(api.createStatusMessage({ module: 'Contoso', messageId: 0x80000001 }))
    await api.reportStatusMessage(bits, { component: 'Agent' })
    const option = created(api.createStatusMessage({ module: 'Contoso', messageId: 2, severity: 'error' }))
    await api.reportStatusMessage(option, { component: 'Agent' })
    expect(mp.stored.map((m) => [m.messageId, m.severity])).toEqual([
      [39999, 'error'],
      [1, 'warning'],
      [2, 'error'],
    ])
  })
})
