import SqliteDatabase from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createSqliteStore } from '../src/index.ts'
import { attributesToRows, messageToRow } from '../src/message-rows.ts'
import { createSqliteRowWriter } from '../src/sqlite-row-writer.ts'
import { makeInboxItem, makeMessage, toStore } from './helpers/messages.ts'

describe('createSqliteRowWriter', () => {
  it('returns the record IDs of the messages it writes, in order, and their attributes land on them', async () => {
    const store = await createSqliteStore({ filename: ':memory:' })
    const batch = toStore([
      makeMessage(),
      makeMessage({ attributes: [{ id: 401, value: 'DEP1' }] }),
      makeMessage(),
    ])
    const ids = await store.transaction((tx) => tx.saveMessages(batch))
    expect(ids).toHaveLength(3)
    expect([...ids].sort((a, b) => a - b)).toEqual(ids)
    for (const [i, id] of ids.entries()) {
      expect((await store.getMessage(id))?.id).toBe(batch[i]?.message.id)
    }
    expect((await store.getMessage(ids[1] ?? 0))?.attributes).toEqual([{ id: 401, value: 'DEP1' }])
    await store.close()
  })

  it('refuses to write outside a transaction, so a half-written batch cannot be committed alone', async () => {
    const store = await createSqliteStore({ filename: ':memory:' })
    await store.close()
    const database = new SqliteDatabase(':memory:')
    const writer = createSqliteRowWriter(database)
    const [item] = toStore([makeMessage()])
    if (item === undefined) throw new Error('no message')
    expect(() => writer.insertMessages([messageToRow(item)])).toThrow(/inside a store transaction/)
    expect(() => writer.insertAttributes(attributesToRows(1, item))).toThrow(/inside a store transaction/)
    expect(() => writer.insertInbox([makeInboxItem()])).toThrow(/inside a store transaction/)
    database.close()
  })
})
