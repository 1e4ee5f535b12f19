/**
 * Delete Aged Status Messages on a real store, on both engines. Under the default rules an audit
 * message is kept 180 days and every other message 30; the task deletes each once its time has
 * passed, and nothing before. The component summaries are counters, not rows of messages: they
 * keep counting what retention deleted, and say how many of the counted messages are no longer
 * stored. On PostgreSQL a day whose messages have all expired goes as a dropped partition, a day
 * with an audit still kept loses rows; both paths are taken here.
 */
import type { ComponentSummaryView } from '@sitrep/api'
import type { StatusMessage } from '@sitrep/protocol'
import { afterEach, expect, it } from 'vitest'
import { deleteAgedMessages } from '../../src/retention/delete-aged-messages.ts'
import { describeEachEngine } from '../helpers/engines.ts'
import { makeMessage } from '../helpers/messages.ts'
import type { Harness } from '../summarizers/summarizer-harness.ts'
import { T, TOKEN, createHarness } from '../summarizers/summarizer-harness.ts'

const DAY = 86_400_000

const backup = (overrides: Partial<StatusMessage>) =>
  makeMessage({ component: 'Backup', machine: 'SRV-01', createdAt: T, ...overrides })

describeEachEngine('Delete Aged Status Messages on a real store', (engine) => {
  let h: Harness | undefined
  afterEach(async () => {
    await h?.close()
    h = undefined
  })

  /** Receives `messages` at `at` and runs the status manager over them. */
  const receive = async (site: Harness, at: number, messages: readonly StatusMessage[]): Promise<void> => {
    site.set(at)
    await site.enqueue(messages)
    await site.drain()
  }
  /** Runs the task at `at` in batches of 2, as the site's timer does with its own batch size. */
  const retention = (site: Harness, at: number): Promise<number> =>
    deleteAgedMessages(site.store, { now: at, batchSize: 2, maxBatches: 100 })
  const stored = async (site: Harness): Promise<string[]> =>
    (await site.store.listMessages({ limit: 100 })).map((m) => m.id).sort()
  const get = async <T>(site: Harness, url: string): Promise<T> => {
    const reply = await site.app.inject({ url, headers: { authorization: `Bearer ${TOKEN}` } })
    expect(reply.statusCode).toBe(200)
    return reply.json<T>()
  }
  const backupSummary = async (site: Harness) => {
    const { components } = await get<{ components: ComponentSummaryView[] }>(
      site,
      '/api/v1/summaries/components?interval=since-site-installation',
    )
    const found = components.find((c) => c.component === 'Backup')
    return found === undefined
      ? undefined
      : { infos: found.infos, warnings: found.warnings, errors: found.errors }
  }
  const backupMessages = (site: Harness) =>
    get<{ counted: number; listed: number; notStored: number }>(
      site,
      '/api/v1/summaries/components/messages?siteCode=PS1&machine=SRV-01&component=Backup&interval=since-site-installation',
    )

  it('deletes what the rules kept 30 days after 30 days and audits after 180, and the summaries keep their counts', async () => {
    const site = await createHarness(await engine.openStore())
    h = site
    // Day 0: three warnings, an error and an audit of Backup. Day 1: two informational messages
    // of another component (a day of 30-day messages only). Day 10: one more warning of Backup.
    const day0 = [
      ...[1, 2, 3].map(() => backup({ severity: 'warning', messageId: 39998 })),
      backup({ severity: 'error', messageId: 39999 }),
    ]
    const audit = backup({ messageType: 'audit', messageId: 30000, module: 'SMS Provider' })
    const day1 = [1, 2].map(() => makeMessage({ component: 'Demo', createdAt: T + DAY }))
    const day10 = backup({ severity: 'warning', messageId: 39998, createdAt: T + 10 * DAY })
    await receive(site, T, [...day0, audit])
    await receive(site, T + DAY, day1)
    await receive(site, T + 10 * DAY, [day10])
    const everything = [...day0, audit, ...day1, day10].map((m) => m.id).sort()
    expect(await stored(site)).toEqual(everything)
    const counts = await backupSummary(site)
    expect(counts).toEqual({ infos: 1, warnings: 4, errors: 1 })
    expect(await backupMessages(site)).toMatchObject({ counted: 6, listed: 6, notStored: 0 })

    // Thirty days to the millisecond is not past yet: nothing goes.
    expect(await retention(site, T + 30 * DAY)).toBe(0)
    expect(await stored(site)).toEqual(everything)

    // Past day 1's thirty days: day 0 but its audit, and day 1, are gone.
    site.set(T + 32 * DAY)
    expect(await retention(site, T + 32 * DAY)).toBe(6)
    expect(await stored(site)).toEqual([audit.id, day10.id].sort())
    expect(await retention(site, T + 32 * DAY)).toBe(0)
    expect(await backupSummary(site)).toEqual(counts)
    expect(await backupMessages(site)).toMatchObject({ counted: 6, listed: 2, notStored: 4 })
    const [kept] = await site.store.listMessages({ messageType: 'audit', limit: 10 })
    expect(kept?.id).toBe(audit.id)
    expect(kept?.deleteAfter).toBe(T + 180 * DAY)

    // Past day 10's thirty days the last warning goes; past 180 days the audit.
    site.set(T + 41 * DAY)
    expect(await retention(site, T + 41 * DAY)).toBe(1)
    expect(await stored(site)).toEqual([audit.id])
    site.set(T + 181 * DAY)
    expect(await retention(site, T + 181 * DAY)).toBe(1)
    expect(await site.store.countMessages()).toBe(0)
    expect(await backupSummary(site)).toEqual(counts)
    expect(await backupMessages(site)).toMatchObject({ counted: 6, listed: 0, notStored: 6 })
  })
})
