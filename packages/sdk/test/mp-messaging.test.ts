import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { encodeStatusBatchJson } from '@sitrep/protocol'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createMpMessaging,
  createSitrepClient,
  endpointRoute,
  loadOrCreateIdentity,
  SitrepAuthError,
} from '../src/index.ts'
import { makeTempDir } from './helpers/temp-dir.ts'
import { startTestMp, type TestMp } from './helpers/test-mp.ts'

describe('endpointRoute', () => {
  it('maps the ConfigMgr endpoint names to the /mp/v1 routes', () => {
    expect(endpointRoute('MP_ClientRegistration')).toMatchObject({
      method: 'POST',
      path: '/mp/v1/registration',
      kind: 'invoke',
    })
    expect(endpointRoute('MP_LocationManager')).toMatchObject({
      method: 'GET',
      path: '/mp/v1/location',
      kind: 'invoke',
    })
    expect(endpointRoute('MP_Status')).toMatchObject({ path: '/mp/v1/status', kind: 'post' })
    expect(endpointRoute('StatusReceiver')).toMatchObject({ path: '/mp/v1/status' })
    expect(endpointRoute('MP_RelayEndpoint')).toMatchObject({ path: '/mp/v1/relay', kind: 'post' })
    expect(endpointRoute('status')).toMatchObject({ path: '/mp/v1/status' })
    expect(endpointRoute('MP_PolicyManager')).toBeUndefined()
  })

  it('refuses an endpoint Sitrep does not serve, naming the known ones', () => {
    expect(() => createMpMessaging().createMessage().setTargetEndpoint('MP_PolicyManager')).toThrow(
      /not an endpoint Sitrep serves; known: MP_ClientRegistration/,
    )
  })
})

describe('MpMessaging', () => {
  let mp: TestMp
  let cleanup: () => Promise<void>
  let stateDir: string
  beforeEach(async () => {
    mp = await startTestMp()
    const temp = await makeTempDir('messaging')
    stateDir = temp.dir
    cleanup = temp.cleanup
  })
  afterEach(async () => {
    await mp.close()
    await cleanup()
  })

  it('invokes the location endpoint and returns the reply with body accessors', async () => {
    const messaging = createMpMessaging()
    const reply = await messaging.invoke(
      mp.url,
      messaging.createMessage().setTargetEndpoint('MP_LocationManager'),
    )
    expect(reply.status).toBe(200)
    expect(reply.getBodyAsJson()).toMatchObject({ siteCode: 'PS1' })
    expect(reply.getBodyLength()).toBe(Buffer.byteLength(reply.getBodyToString()))
  })

  it('posts a signed status batch and returns the tracking ID', async () => {
    const client = createSitrepClient({ target: mp.url, stateDir })
    await client.register()
    const message = await client.buildMessage({
      severity: 'warning',
      messageId: 39998,
      module: 'SMS Provider',
      component: 'X',
    })
    const identity = await loadOrCreateIdentity(stateDir)
    const clientId = identity.registration?.clientId ?? ''
    const messaging = createMpMessaging()
    const request = messaging
      .createMessage()
      .setTargetEndpoint('MP_Status')
      .setBodyFromString(
        JSON.stringify(encodeStatusBatchJson([{ ...message, origin: { kind: 'client', id: clientId } }])),
      )
      .setClientId(clientId)
      .setSecurity({ sign: true, key: identity.privateKey })
      .setTimeout(5)
    const trackingId = await messaging.post(mp.url, request)
    expect(trackingId).toMatch(/^[0-9a-f-]{36}$/)
    expect(mp.stored.map((m) => m.id)).toEqual([message.id])
    expect(mp.statusRequests[0]?.headers['content-type']).toBe('application/json')
  })

  it('turns an error reply into the typed error with the MP code', async () => {
    const messaging = createMpMessaging()
    const request = messaging
      .createMessage()
      .setTargetEndpoint('MP_Status')
      .setBodyFromString('{"messages":[]}')
    const error: unknown = await messaging.post(mp.url, request).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SitrepAuthError)
    expect(error).toMatchObject({ code: 'unknown_client', status: 401 })
  })

  it('reads a body from a file and guesses XML from its first character', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sitrep-body-'))
    const file = path.join(dir, 'status.xml')
    const { writeFile } = await import('node:fs/promises')
    await writeFile(file, '<Status SchemaVersion="1.0"><Type>SMS_GenericStatusMessage_Info</Type></Status>')
    const message = await createMpMessaging().createMessage().setBodyFromFile(file)
    expect(message.getContentType()).toBe('application/xml')
    expect(message.addAttachment('a', new Uint8Array([1])).getAttachmentByName('a')?.bytes).toEqual(
      new Uint8Array([1]),
    )
    await rm(dir, { recursive: true, force: true })
  })
})
