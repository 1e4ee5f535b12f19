import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { StatusMessage } from '@sitrep/protocol'
import type { MessageQuery } from '../../src/index.ts'
import { DAY_MS, HOUR_MS, T0, makeMessage, toStore } from '../helpers/messages.ts'
import { createTestStores, describeEachStore } from '../helpers/test-stores.ts'

const adapters = await createTestStores()
const UINT32_MAX = 4294967295

describeEachStore(adapters, 'stored messages', (ctx) => {
  it('round-trips every field: 10 insertion strings, 1000 attributes, unicode, nulls, uint32 maxima', async () => {
    const message = makeMessage({
      origin: { kind: 'site', id: 'CAS' },
      sequence: Number.MAX_SAFE_INTEGER,
      severity: 'error',
      messageType: 'audit',
      messageId: 65535,
      module: 'Módulo 模块 🚀',
      component: 'SMS_DISTRIBUTION_MANAGER',
      machine: 'ÜBER-PC.corp.example',
      siteCode: null,
      topLevelSiteCode: null,
      processId: UINT32_MAX,
      threadId: UINT32_MAX,
      win32Error: UINT32_MAX,
      createdAt: T0 - 123_456,
      perClient: true,
      reportFunction: 'commitFailedTransaction',
      transaction: true,
      successfulTransaction: true,
      insertionStrings: Array.from({ length: 10 }, (_, i) =>
        i === 0 ? 'quote " backslash \\ percent % underscore _ 𝄞 ' + 'x'.repeat(200) : `ins ${i + 1} ✓`,
      ),
      attributes: Array.from({ length: 1000 }, (_, i) => ({ id: 400 + (i % 30), value: `v${i} ☃` })),
    })
    const other = makeMessage({
      siteCode: 'PS1',
      topLevelSiteCode: 'CAS',
      attributes: [{ id: UINT32_MAX, value: '' }],
    })
    const ids = await ctx.store().transaction((tx) =>
      tx.saveMessages([
        { message, receivedAt: T0, deleteAfter: null, trusted: false },
        { message: other, receivedAt: T0 + 1, deleteAfter: T0 + DAY_MS },
      ]),
    )
    expect(ids).toHaveLength(2)
    expect(ids[0]).toBeLessThan(ids[1] ?? 0)
    const stored = await ctx.store().getMessage(ids[0] ?? 0)
    expect(stored).toEqual({
      ...message,
      recordId: ids[0],
      receivedAt: T0,
      deleteAfter: null,
      trusted: false,
    })
    expect(await ctx.store().getMessage(ids[1] ?? 0)).toEqual({
      ...other,
      recordId: ids[1],
      receivedAt: T0 + 1,
      deleteAfter: T0 + DAY_MS,
      trusted: true,
    })
    expect(await ctx.store().getMessage(999_999)).toBeUndefined()
    expect((await ctx.store().listMessages({ trusted: false })).map((m) => m.recordId)).toEqual([ids[0]])
  })

  it('round-trips arbitrary text fields', async () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
    await fc.assert(
      fc.asyncProperty(text, fc.array(text, { maxLength: 10 }), text, async (component, inserts, value) => {
        const message = makeMessage({
          component,
          insertionStrings: inserts,
          attributes: [{ id: 401, value }],
        })
        const [id] = await ctx.store().transaction((tx) => tx.saveMessages(toStore([message])))
        const stored = await ctx.store().getMessage(id ?? 0)
        expect(stored?.component).toBe(component)
        expect(stored?.insertionStrings).toEqual(inserts)
        expect(stored?.attributes).toEqual([{ id: 401, value }])
      }),
      { numRuns: 25 },
    )
  })

  it('saves a batch of hundreds of messages in one transaction, in order', async () => {
    const batch = Array.from({ length: 700 }, (_, i) =>
      makeMessage({
        messageId: i,
        attributes: Array.from({ length: 20 }, (_, j) => ({ id: 400 + j, value: `${i}` })),
      }),
    )
    const ids = await ctx.store().transaction((tx) => tx.saveMessages(toStore(batch)))
    expect(ids).toHaveLength(700)
    expect([...ids].sort((a, b) => a - b)).toEqual(ids)
    const last = await ctx.store().getMessage(ids[699] ?? 0)
    expect(last?.messageId).toBe(699)
    expect(last?.attributes).toHaveLength(20)
    expect(await ctx.store().countMessages()).toBe(700)
  })

  describe('listMessages and countMessages', () => {
    // Recorded in this order, so record IDs ascend through the list.
    const fixtures: StatusMessage[] = [
      makeMessage({ component: 'SMS_MP', severity: 'error', createdAt: T0, machine: 'MP1' }),
      makeMessage({ component: 'SMS_MP', severity: 'warning', createdAt: T0 + HOUR_MS, machine: 'MP1' }),
      makeMessage({
        component: 'Software Distribution',
        messageId: 10009,
        createdAt: T0 + 2 * HOUR_MS,
        attributes: [
          { id: 401, value: 'PS120001' },
          { id: 402, value: 'SMS00001' },
        ],
        insertionStrings: ['Install of Contoso Office 365 succeeded'],
      }),
      makeMessage({
        module: 'SMS Server',
        messageType: 'audit',
        siteCode: 'CAS',
        createdAt: T0 + 3 * HOUR_MS,
        attributes: [{ id: 401, value: 'PS120002' }],
        insertionStrings: ['100% done_ with "quotes"'],
      }),
      makeMessage({
        siteCode: null,
        createdAt: T0 + 4 * HOUR_MS,
        attributes: [{ id: 401, value: 'PS120001' }],
      }),
    ]
    let recordIds: readonly number[] = []
    const save = async (): Promise<void> => {
      recordIds = await ctx.store().transaction((tx) => tx.saveMessages(toStore(fixtures)))
    }
    const listed = async (query: MessageQuery): Promise<number[]> =>
      (await ctx.store().listMessages(query)).map((m) => recordIds.indexOf(m.recordId))

    const cases: [string, MessageQuery, number[]][] = [
      ['everything, newest first', {}, [4, 3, 2, 1, 0]],
      ['site code', { siteCode: 'CAS' }, [3]],
      ['machine', { machine: 'MP1' }, [1, 0]],
      ['component', { component: 'SMS_MP' }, [1, 0]],
      ['module', { module: 'SMS Server' }, [3]],
      ['severity', { severity: 'error' }, [0]],
      ['message type', { messageType: 'audit' }, [3]],
      ['message ID', { messageId: 10009 }, [2]],
      ['time range [since, until)', { since: T0 + HOUR_MS, until: T0 + 3 * HOUR_MS }, [2, 1]],
      ['component and time range', { component: 'SMS_MP', since: T0 + 1 }, [1]],
      ['attribute ID', { attribute: { id: 402 } }, [2]],
      ['attribute ID and value', { attribute: { id: 401, value: 'PS120001' } }, [4, 2]],
      ['attribute with another filter', { attribute: { id: 401, value: 'PS120001' }, siteCode: 'PS1' }, [2]],
      ['insertion string text, any case', { insertionStringContains: 'contoso OFFICE' }, [2]],
      [
        'insertion string text with LIKE wildcards and quotes',
        { insertionStringContains: '100% done_ with "q' },
        [3],
      ],
      ['a % that is only literal', { insertionStringContains: '%d' }, []],
      [
        'the insertion string at a position, exactly',
        { insertionString: { position: 1, value: 'Install of Contoso Office 365 succeeded' } },
        [2],
      ],
      [
        'an insertion string at another position',
        { insertionString: { position: 2, value: 'Install of Contoso Office 365 succeeded' } },
        [],
      ],
      [
        'an insertion string with quotes and %',
        { insertionString: { position: 1, value: '100% done_ with "quotes"' } },
        [3],
      ],
      ['trusted', { trusted: true }, [4, 3, 2, 1, 0]],
    ]
    for (const [name, query, expected] of cases) {
      it(`filters by ${name}`, async () => {
        await save()
        expect(await listed(query)).toEqual(expected)
        expect(await ctx.store().countMessages(query)).toBe(expected.length)
      })
    }

    it('pages newest first by record ID with a stable cursor', async () => {
      await save()
      const first = await ctx.store().listMessages({ limit: 2 })
      const cursor = first.at(-1)?.recordId
      // A message stored between pages must not shift the next page.
      await ctx.store().transaction((tx) => tx.saveMessages(toStore([makeMessage()])))
      const second = await ctx
        .store()
        .listMessages({ limit: 2, ...(cursor === undefined ? {} : { beforeRecordId: cursor }) })
      const third = await ctx.store().listMessages({ limit: 2, beforeRecordId: second.at(-1)?.recordId ?? 0 })
      expect([...first, ...second, ...third].map((m) => recordIds.indexOf(m.recordId))).toEqual([
        4, 3, 2, 1, 0,
      ])
      expect(await ctx.store().countMessages()).toBe(6)
    })

    it('refuses a page size outside 1–1000', async () => {
      await expect(ctx.store().listMessages({ limit: 0 })).rejects.toMatchObject({ code: 'invalid_argument' })
      await expect(ctx.store().listMessages({ limit: 1001 })).rejects.toMatchObject({
        code: 'invalid_argument',
      })
    })
  })
})
