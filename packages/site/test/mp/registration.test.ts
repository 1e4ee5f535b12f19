import { afterEach, describe, expect, it } from 'vitest'
import { describeEachEngine } from '../helpers/engines.ts'
import type { TestMp } from './mp-test-site.ts'
import { createKeys, createTestMp, registrationBody } from './mp-test-site.ts'

describeEachEngine('client registration and location', (engine) => {
  let mp: TestMp | undefined
  afterEach(async () => {
    await mp?.close()
    mp = undefined
  })
  const start = async (options: Parameters<typeof createTestMp>[0] = {}): Promise<TestMp> =>
    createTestMp({ ...options, store: await engine.openStore(), logger: engine.siteLog('PS1').logger })

  describe('POST /mp/v1/registration', () => {
    it('accepts a client at once (status 0) when approval is automatic', async () => {
      mp = await start()
      const { reply, clientId } = await mp.register()
      expect(reply.statusCode).toBe(200)
      expect(reply.json()).toEqual({
        requestType: 'registration',
        status: 0,
        statusName: 'accepted',
        clientId,
      })
      expect(clientId).toMatch(/^GUID:[0-9a-f-]{36}$/)
      expect((await mp.store.getClient(clientId))?.machine).toBe('WKS-001')
    })

    it('returns the same client ID when the same key registers again', async () => {
      mp = await start()
      const first = await mp.register()
      const again = await mp.register(first.keys)
      expect(again.clientId).toBe(first.clientId)
      expect(await mp.store.listClients()).toHaveLength(1)
    })

    it('leaves a client pending (status 1) when approval is manual, until an administrator approves it', async () => {
      mp = await start({ mp: { approval: 'manual' } })
      const { reply, clientId, keys } = await mp.register()
      expect(reply.json()).toMatchObject({ status: 1, statusName: 'pending_approval', clientId })
      await mp.store.setClientStatus(clientId, 'approved')
      const confirmed = await mp.app.inject({
        method: 'POST',
        url: '/mp/v1/registration',
        payload: registrationBody(keys, { requestType: 'confirmation' }),
      })
      expect(confirmed.json()).toEqual({
        requestType: 'confirmation',
        status: 0,
        statusName: 'accepted',
        clientId,
      })
    })

    it('rejects (status 3) a wrong or missing enrolment token and accepts a right one when approval is by token', async () => {
      mp = await start({ mp: { approval: 'token', enrolmentTokens: ['a-very-secret-token-1'] } })
      const wrong = await mp.register(createKeys(), { enrolmentToken: 'a-very-secret-token-2' })
      expect(wrong.reply.json()).toEqual({ requestType: 'registration', status: 3, statusName: 'rejected' })
      const missing = await mp.register()
      expect(missing.reply.json()).toMatchObject({ status: 3 })
      const right = await mp.register(createKeys(), { enrolmentToken: 'a-very-secret-token-1' })
      expect(right.reply.json()).toMatchObject({ status: 0, clientId: right.clientId })
      expect(await mp.store.listClients()).toHaveLength(1)
    })

    it('refuses a proof that was not made with the private key of publicKey', async () => {
      mp = await start()
      const body = { ...registrationBody(createKeys()), publicKey: createKeys().publicKey }
      const reply = await mp.app.inject({ method: 'POST', url: '/mp/v1/registration', payload: body })
      expect(reply.statusCode).toBe(401)
      expect(reply.json()).toMatchObject({ error: { code: 'bad_signature', issues: [{ field: 'proof' }] } })
    })

    it('answers 400 invalid_body naming the missing field', async () => {
      mp = await start()
      const body = registrationBody(createKeys())
      delete body.machine
      const reply = await mp.app.inject({ method: 'POST', url: '/mp/v1/registration', payload: body })
      expect(reply.statusCode).toBe(400)
      expect(reply.json()).toMatchObject({
        error: { code: 'invalid_body', issues: [{ field: 'machine', code: 'required' }] },
      })
    })

    it('takes a ClientRegistrationRequest XML body and answers with a ClientRegistrationResponse', async () => {
      mp = await start()
      const keys = createKeys()
      // registrationBody always sets proof to a base64 string.
      const { proof } = registrationBody(keys) as { proof: string }
      const xml =
        `<ClientRegistrationRequest><Data RequestType="Registration" SMSID="" TimeStamp="2026-11-21T08:00:00Z">` +
        `<AgentInformation AgentIdentity="CCMSetup.exe" AgentVersion="5.00.8325.0000" AgentType="0"/>` +
        `<PublicKey Encoding="Base64" Algorithm="Ed25519">${keys.publicKey}</PublicKey>` +
        `<DiscoveryProperties><Property Name="Netbios Name" Value="HOST"/><Property Name="FQ Name" Value="host.domain"/>` +
        `<Property Name="Locale ID" Value="2057"/></DiscoveryProperties></Data>` +
        `<Signature><SignatureValue>${proof}</SignatureValue></Signature></ClientRegistrationRequest>`
      const reply = await mp.app.inject({
        method: 'POST',
        url: '/mp/v1/registration',
        headers: { 'content-type': 'application/xml' },
        payload: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${xml}\0`, 'utf16le')]),
      })
      expect(reply.statusCode).toBe(200)
      const client = await mp.store.getClientByPublicKey(keys.publicKey)
      expect(client).toMatchObject({
        machine: 'HOST',
        fqdn: 'host.domain',
        localeId: 2057,
        agentIdentity: 'CCMSetup.exe',
      })
      expect(reply.body).toBe(
        `<?xml version="1.0" encoding="UTF-8"?><ClientRegistrationResponse ResponseType="Registration" TimeStamp="2026-11-21T08:00:00Z" Status="0" SMSID="${client?.clientId}"/>`,
      )
    })
  })

  describe('GET /mp/v1/location', () => {
    it('answers the site code and management points as JSON, and MPLIST as XML', async () => {
      mp = await start()
      const json = await mp.app.inject({
        method: 'GET',
        url: '/mp/v1/location',
        headers: { host: 'mp.example:8080' },
      })
      expect(json.json()).toEqual({
        siteCode: 'PS1',
        managementPoints: [{ name: 'site-server', url: 'http://mp.example:8080', version: '0.1.0' }],
      })
      const expected =
        '<MPList><MP Name="site-server" FQDN="mp.example"><Version>0.1.0</Version></MP></MPList>'
      const list = await mp.app.inject({
        method: 'GET',
        url: '/mp/v1/location?resource=MPLIST',
        headers: { host: 'mp.example:8080' },
      })
      expect(list.body).toBe(expected)
      const sms = await mp.app.inject({
        method: 'GET',
        url: '/SMS_MP/.sms_aut?MPLIST',
        headers: { host: 'mp.example:8080' },
      })
      expect(sms.headers['content-type']).toMatch(/^application\/xml/)
      expect(sms.body).toBe(expected)
      expect((await mp.app.inject({ method: 'GET', url: '/SMS_MP/.sms_aut?MPCERT' })).statusCode).toBe(404)
    })
  })
})
