import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSitrepClient, SitrepError, StatusEvent } from '../src/index.ts'
import type { SitrepClient } from '../src/index.ts'
import { makeTempDir } from './helpers/temp-dir.ts'
import { startTestMp, type TestMp } from './helpers/test-mp.ts'

let mp: TestMp
let client: SitrepClient
let cleanup: () => Promise<void>

beforeEach(async () => {
  mp = await startTestMp()
  const temp = await makeTempDir('event')
  cleanup = temp.cleanup
  client = createSitrepClient({ target: mp.url, stateDir: temp.dir, machine: 'WKS-001' })
})
afterEach(async () => {
  await client.close()
  await mp.close()
  await cleanup()
})

describe('StatusEvent', () => {
  it('refuses a property the event class does not have, naming the ones it has', () => {
    const event = new StatusEvent({ client, eventType: 'SoftDistProgramStartedEvent' })
    expect(() => event.setProperty('InsertionString1', 'x')).toThrow(
      /"InsertionString1" is not a property of SoftDistProgramStartedEvent; it has AdvertisementId, PackageName/,
    )
  })

  it('refuses an event class Sitrep does not map', () => {
    expect(() => new StatusEvent({ client, eventType: 'NoSuchEvent' })).toThrow(SitrepError)
  })

  it('refuses properties before the event type is set', () => {
    expect(() => new StatusEvent({ client }).setProperty('InsertionString1', 'x')).toThrow(/set eventType/)
  })

  it('submits a generic error event as message 39999 of SMS Provider with its strings and attributes', async () => {
    const event = new StatusEvent({
      client,
      eventType: 'SMS_GenericStatusMessage_Error',
      component: 'Backup',
    })
    event
      .setProperty('InsertionString1', 'disk full')
      .setProperty('Attribute403', 'GenericMsg_SeeInsertionStrings')
    const result = await event.submit()
    expect(result.status).toBe('accepted')
    expect(mp.stored[0]).toMatchObject({
      module: 'SMS Provider',
      messageId: 39999,
      severity: 'error',
      component: 'Backup',
      machine: 'WKS-001',
      insertionStrings: ['disk full'],
      attributes: [{ id: 403, value: 'GenericMsg_SeeInsertionStrings' }],
    })
  })

  it('maps software-distribution properties to their insertion strings and attributes', async () => {
    const event = new StatusEvent({ client, eventType: 'SoftDistProgramStartedEvent' })
    event
      .setProperty('AdvertisementId', 'PS120001')
      .setProperty('PackageName', 'PS100004')
      .setProperty('ProgramName', 'Install')
    await event.submit()
    expect(mp.stored[0]).toMatchObject({
      module: 'SMS Client',
      messageId: 10005,
      component: 'Software Distribution',
      insertionStrings: ['PS120001', '', '', 'PS100004', 'Install'],
      attributes: expect.arrayContaining([
        { id: 401, value: 'PS120001' },
        { id: 400, value: 'PS100004' },
        // expect.arrayContaining returns any; typed as unknown to keep the object literal any-free.
      ]) as unknown,
    })
  })

  it('submitPending commits to the spool, and the spool delivers once the MP takes it', async () => {
    mp.registrationStatus = 1
    const event = new StatusEvent({ client, eventType: 'SMS_GenericStatusMessage_Info' })
    event.setProperty('InsertionString1', 'later')
    await event.submitPending()
    const first = await client.flush({ deadline: client.clock() })
    expect(first.delivered).toBe(false)
    expect(first.lastError?.code).toBe('client_not_approved')
    mp.registrationStatus = 0
    expect((await client.flush()).delivered).toBe(true)
    expect(mp.stored.map((m) => m.insertionStrings[0])).toEqual(['later'])
  })

  it('gives successive events increasing sequence numbers', async () => {
    for (const text of ['a', 'b', 'c']) {
      await new StatusEvent({ client, eventType: 'SMS_GenericStatusMessage_Info' })
        .setProperty('InsertionString1', text)
        .submit()
    }
    expect(mp.stored.map((m) => m.sequence)).toEqual([1, 2, 3])
  })
})
