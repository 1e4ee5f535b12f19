import { newMessageId } from '@sitrep/protocol'
import type { StateMessage } from '@sitrep/protocol'
import { expect, it } from 'vitest'
import type { ClientRegistration, StateMessageReport } from '../../src/index.ts'
import { T0, makeInboxItem } from '../helpers/messages.ts'
import { createTestStores, describeEachStore } from '../helpers/test-stores.ts'

const adapters = await createTestStores()

/** What a state message saved without a report reads back with. */
const NO_REPORT: StateMessageReport = {
  machine: '',
  clientVersion: null,
  codePage: null,
  localeId: null,
  priority: null,
  reportedAt: null,
}
const report: StateMessageReport = {
  machine: 'PS1WIN7X64',
  clientVersion: '5.00.7958.1000',
  codePage: 437,
  localeId: 1033,
  priority: 5,
  reportedAt: Date.UTC(2014, 0, 20, 19, 46, 56, 903),
}

function registration(overrides: Partial<ClientRegistration> = {}): ClientRegistration {
  return {
    publicKey: Buffer.alloc(32, 7).toString('base64'),
    machine: 'WKS-001',
    fqdn: 'wks-001.example.org',
    localeId: 1033,
    agentIdentity: 'sitrep-sdk',
    agentVersion: '0.1.0',
    agentType: 0,
    status: 'approved',
    registeredAt: T0,
    ...overrides,
  }
}

let serial = 0
function makeStateMessage(overrides: Partial<StateMessage> = {}): StateMessage {
  serial += 1
  return {
    id: newMessageId(T0 + serial),
    origin: { kind: 'client', id: 'GUID:6a2b2c1e-0000-4000-8000-000000000001' },
    messageTime: T0,
    serialNumber: serial,
    topic: { id: 'update-1', type: 500, idType: 3, user: '', userSid: '' },
    state: { id: 2, criticality: 0 },
    userParameters: { flags: 0, params: ['200'] },
    ...overrides,
  }
}

describeEachStore(adapters, 'clients', (ctx) => {
  it('registers a key once and returns the same client ID when it registers again', async () => {
    const first = await ctx.store().registerClient(registration())
    expect(first.created).toBe(true)
    expect(first.client.clientId).toMatch(
      /^GUID:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(first.client).toMatchObject({ ...registration(), lastSeenAt: null })
    const again = await ctx.store().registerClient(registration({ status: 'pending', machine: 'OTHER' }))
    expect(again).toEqual({ client: first.client, created: false })
    expect(await ctx.store().listClients()).toEqual([first.client])
  })

  it('gives two concurrent registrations of one key one client', async () => {
    const [a, b] = await Promise.all([
      ctx.store().registerClient(registration()),
      ctx.store().registerClient(registration()),
    ])
    expect(a?.client.clientId).toBe(b?.client.clientId)
    expect([a?.created, b?.created].filter(Boolean)).toHaveLength(1)
  })

  it('finds clients by ID and by key, and changes their status', async () => {
    const { client } = await ctx.store().registerClient(registration({ status: 'pending', localeId: null }))
    expect(await ctx.store().getClient(client.clientId)).toEqual(client)
    expect(await ctx.store().getClientByPublicKey(client.publicKey)).toEqual(client)
    expect(await ctx.store().getClient('GUID:nope')).toBeUndefined()
    expect(await ctx.store().setClientStatus(client.clientId, 'approved')).toEqual({
      ...client,
      status: 'approved',
    })
    expect((await ctx.store().getClient(client.clientId))?.status).toBe('approved')
    expect(await ctx.store().setClientStatus('GUID:nope', 'rejected')).toBeUndefined()
  })

  it('records when clients were last seen, never moving the time back', async () => {
    const a = (await ctx.store().registerClient(registration())).client
    const b = (await ctx.store().registerClient(registration({ publicKey: 'b'.repeat(44) }))).client
    await ctx.store().touchClients([a.clientId, b.clientId, a.clientId], T0 + 10)
    await ctx.store().touchClients([a.clientId], T0 + 5)
    expect((await ctx.store().listClients()).map((c) => c.lastSeenAt)).toEqual([T0 + 10, T0 + 10])
  })
})

describeEachStore(adapters, 'state messages', (ctx) => {
  it('stores state messages once by ID and reads them back by topic, newest first', async () => {
    const a = makeStateMessage({ details: { type: 1, text: 'failed <x>' } })
    const b = makeStateMessage({
      topic: { id: 'update-2', type: 500, idType: 3, user: 'D\\u', userSid: 'S-1' },
    })
    expect(
      await ctx.store().saveStateMessages([
        { message: a, receivedAt: T0 },
        { message: a, receivedAt: T0 },
      ]),
    ).toEqual(['accepted', 'duplicate'])
    expect(
      await ctx.store().saveStateMessages([
        { message: a, receivedAt: T0 },
        { message: b, receivedAt: T0 + 1, trusted: false, report },
      ]),
    ).toEqual(['duplicate', 'accepted'])
    const all = await ctx.store().listStateMessages({})
    expect(all.map((m) => m.id)).toEqual([b.id, a.id])
    expect(all[1]).toEqual({
      ...a,
      recordId: all[1]?.recordId,
      receivedAt: T0,
      trusted: true,
      report: NO_REPORT,
    })
    expect(all[0]).toEqual({ ...b, recordId: all[0]?.recordId, receivedAt: T0 + 1, trusted: false, report })
    const byTopic = await ctx.store().listStateMessages({ topicType: 500, topicId: 'update-2' })
    expect(byTopic.map((m) => m.id)).toEqual([b.id])
    expect(
      await ctx.store().listStateMessages({ beforeRecordId: all[0]?.recordId ?? 0, limit: 5 }),
    ).toHaveLength(1)
    expect(await ctx.store().listStateMessages({ stateId: 99 })).toEqual([])
  })

  it('shares receipts with the inbox, so an ID is refused by both', async () => {
    const item = makeInboxItem()
    await ctx.store().enqueueInbox([item])
    const state = makeStateMessage({ id: item.id })
    expect(await ctx.store().saveStateMessages([{ message: state, receivedAt: T0 }])).toEqual(['duplicate'])
    expect(await ctx.store().listStateMessages({})).toEqual([])
  })

  it('counts refused messages in the loss ledger through addLoss', async () => {
    await ctx.store().transaction((tx) =>
      tx.addLoss([
        { siteCode: 'PS1', origin: 'client:GUID:x', reason: 'refused', count: 2, at: T0 },
        { siteCode: 'PS1', origin: 'client:GUID:x', reason: 'refused', count: 1, at: T0 + 1 },
      ]),
    )
    expect(await ctx.store().lossLedger()).toEqual([
      { siteCode: 'PS1', origin: 'client:GUID:x', reason: 'refused', count: 3, firstAt: T0, lastAt: T0 + 1 },
    ])
  })
})
