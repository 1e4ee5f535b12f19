/**
 * The component status summarizer through the real pipeline: messages go into the inbox, the
 * status manager stores and counts them, the summarizer raises 4610 / 4609 / 4611 once per change
 * into the site's own stream, and a count drills down to exactly the messages behind it.
 */
import type { StatusMessage } from '@sitrep/protocol'
import { createCatalogue } from '@sitrep/protocol'
import type { FastifyInstance } from 'fastify'
import { afterEach, expect, it } from 'vitest'
import { createApp } from '../../src/http/create-app.ts'
import { runComponentSummarizer } from '../../src/summarizers/component-summarizer.ts'
import { defaultSummarizerSettings } from '../../src/summarizers/summarizer-settings.ts'
import { makeMessage } from '../helpers/messages.ts'
import type { TestSite } from '../helpers/test-site.ts'
import { createTestSite } from '../helpers/test-site.ts'
import { describeEachEngine } from '../helpers/engines.ts'

const TOKEN = 'pipeline-summaries-token-0123456789abcdefghijkl'
const START = Date.UTC(2026, 10, 21, 8)
const SUMMARIZER = 'SMS_COMPONENT_STATUS_SUMMARIZER'

const backup = (severity: 'warning' | 'error', n: number, at: number): StatusMessage[] =>
  Array.from({ length: n }, () =>
    makeMessage({ severity, component: 'Backup', machine: 'SRV-01', createdAt: at }),
  )

describeEachEngine('component status through the status manager and the summarizer', (engine) => {
  // Inside the pass, so the site stops before the engine closes its store.
  let site: TestSite | undefined
  let app: FastifyInstance | undefined
  afterEach(async () => {
    await app?.close()
    await site?.close()
    app = undefined
    site = undefined
  })
  const onEngine = async () => ({ store: await engine.openStore(), logger: engine.siteLog('PS1').logger })

  it('raises 4610 once at WW, 4609 once at EE, 4611 at the next threshold period, and drills down to the IDs counted', async () => {
    const s = await createTestSite({ start: START, ...(await onEngine()) })
    site = s
    const settings = defaultSummarizerSettings('PS1')
    app = createApp({
      siteCode: 'PS1',
      siteName: 'Test',
      version: 'test',
      roles: [],
      api: {
        store: s.store,
        catalogue: createCatalogue(),
        adminToken: TOKEN,
        clock: () => s.now(),
        summaries: { settings, reporter: s.reporter, parentSiteCode: null },
      },
    })
    const run = async (): Promise<number[]> =>
      (await runComponentSummarizer({ store: s.store, reporter: s.reporter, settings }, s.now())).raised.map(
        (r) => r.messageId,
      )
    const send = async (messages: readonly StatusMessage[]): Promise<void> => {
      await s.enqueue(messages)
      await s.statusManager.drain()
    }

    const warnings = [...backup('warning', 9, START - 3_600_000)]
    await send(warnings)
    s.advance(60_000)
    expect(await run()).not.toContain(4610)

    const tenth = backup('warning', 1, s.now())
    warnings.push(...tenth)
    await send(tenth)
    s.advance(60_000)
    expect(await run()).toContain(4610)
    s.advance(60_000)
    expect(await run()).toEqual([])

    const errors = backup('error', 4, s.now())
    await send(errors)
    s.advance(60_000)
    expect(await run()).not.toContain(4609)
    const fifth = backup('error', 1, s.now())
    errors.push(...fifth)
    await send(fifth)
    s.advance(60_000)
    const atCritical = await run()
    expect(atCritical).toContain(4609)
    expect(atCritical).not.toContain(4610)
    s.advance(60_000)
    expect(await run()).toEqual([])

    // The counts shown drill down to exactly the messages counted.
    const auth = { authorization: `Bearer ${TOKEN}` }
    const list = await app.inject({ method: 'GET', url: '/api/v1/summaries/components', headers: auth })
    expect(list.statusCode).toBe(200)
    const row = list
      .json<{ components: { component: string; warnings: number; errors: number; status: string }[] }>()
      .components.find((c) => c.component === 'Backup')
    expect(row).toMatchObject({ warnings: 10, errors: 5, status: 'critical' })
    for (const [severity, sentIds] of [
      ['warning', warnings.map((m) => m.id)],
      ['error', errors.map((m) => m.id)],
    ] as const) {
      const drill = await app.inject({
        method: 'GET',
        url: `/api/v1/summaries/components/messages?siteCode=PS1&machine=SRV-01&component=Backup&severity=${severity}`,
        headers: auth,
      })
      expect(drill.statusCode).toBe(200)
      const d = drill.json<{
        counted: number
        listed: number
        notStored: number
        messages: { id: string }[]
      }>()
      expect(d).toMatchObject({ counted: sentIds.length, listed: sentIds.length, notStored: 0 })
      expect(d.messages.map((m) => m.id).sort()).toEqual([...sentIds].sort())
    }

    // Past midnight a new threshold period starts: 4611 once, then nothing.
    s.advance(Date.UTC(2026, 10, 22, 0, 1) - s.now())
    expect(await run()).toContain(4611)
    expect(await run()).toEqual([])

    await s.statusManager.drain()
    const raised = await s.store.listMessages({ component: SUMMARIZER, limit: 100 })
    const count = (id: number): number => raised.filter((m) => m.messageId === id).length
    expect([count(4610), count(4609), count(4611)]).toEqual([1, 1, 1])
  })
  it('GET /api/v1/messages names the attributes a message carries', async () => {
    const s = await createTestSite({ start: START, ...(await onEngine()) })
    site = s
    app = createApp({
      siteCode: 'PS1',
      siteName: 'Test',
      version: 'test',
      roles: [],
      api: { store: s.store, catalogue: createCatalogue(), adminToken: TOKEN, clock: () => s.now() },
    })
    await s.enqueue([
      makeMessage({
        attributes: [
          { id: 401, value: 'PS120001' },
          { id: 9999, value: 'x' },
        ],
      }),
    ])
    await s.statusManager.drain()
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/messages',
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    const [message] = response.json<{ messages: { attributeNames: Record<string, string> }[] }>().messages
    expect(message?.attributeNames).toEqual({ '401': 'Advertisement / deployment ID' })
  })
})
