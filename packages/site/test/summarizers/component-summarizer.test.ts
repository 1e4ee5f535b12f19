import { afterEach, expect, it } from 'vitest'
import { runComponentSummarizer } from '../../src/summarizers/component-summarizer.ts'
import { makeMessage } from '../helpers/messages.ts'
import type { Harness } from './summarizer-harness.ts'
import { T, TOKEN, createHarness } from './summarizer-harness.ts'
import { describeEachEngine } from '../helpers/engines.ts'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const warnings = (n: number, at: number) =>
  Array.from({ length: n }, () =>
    makeMessage({ severity: 'warning', component: 'Backup', machine: 'SRV-01', createdAt: at }),
  )

describeEachEngine('the component status summarizer in the site', (engine) => {
  it('raises 4610 once at the warning threshold, 4609 once at critical, and 4611 when a new period starts', async () => {
    const site = await createHarness(await engine.openStore())
    h = site
    const run = async () =>
      (
        await runComponentSummarizer(
          { store: site.store, reporter: site.reporter, settings: site.settings },
          site.now(),
        )
      ).raised.map((r) => r.messageId)
    await h.enqueue(warnings(9, T))
    await h.drain()
    expect(await run()).toEqual([])
    await h.enqueue(warnings(1, T + 1000))
    await h.drain()
    h.set(T + 60_000)
    expect(await run()).toEqual([4607, 4610])
    h.set(T + 120_000)
    expect(await run()).toEqual([])
    await h.enqueue(warnings(40, T + 130_000))
    await h.drain()
    h.set(T + 180_000)
    expect(await run()).toEqual([4604, 4609])
    expect(await run()).toEqual([])
    h.set(Date.UTC(2026, 10, 22, 0, 1))
    expect(await run()).toEqual([4611])
    await h.drain()
    const raised = await h.store.listMessages({ component: 'SMS_COMPONENT_STATUS_SUMMARIZER', limit: 100 })
    expect(raised.map((m) => m.messageId).sort()).toEqual([4604, 4607, 4609, 4610, 4611])
  })

  it('raises a change once even when the state could not be saved after raising (the retry reuses the ID)', async () => {
    h = await createHarness(await engine.openStore())
    await h.enqueue(warnings(10, T))
    await h.drain()
    const failingStore = {
      ...h.store,
      saveSummaries: () => Promise.reject(new Error('crash before saving')),
    }
    await expect(
      runComponentSummarizer({ store: failingStore, reporter: h.reporter, settings: h.settings }, T + 60_000),
    ).rejects.toThrow()
    await runComponentSummarizer({ store: h.store, reporter: h.reporter, settings: h.settings }, T + 120_000)
    await h.drain()
    const raised = await h.store.listMessages({
      component: 'SMS_COMPONENT_STATUS_SUMMARIZER',
      messageId: 4610,
    })
    expect(raised).toHaveLength(1)
  })

  it('answers GET /api/v1/summaries/components and drills a count down to exactly the messages counted', async () => {
    h = await createHarness(await engine.openStore())
    await h.enqueue([
      ...warnings(3, T - 3_600_000), // 07:00 today, inside since-12am
      ...warnings(2, T + 5000),
      makeMessage({ severity: 'error', component: 'Backup', machine: 'SRV-01', createdAt: T + 6000 }),
      makeMessage({
        severity: 'warning',
        component: 'Backup',
        machine: 'SRV-01',
        createdAt: Date.UTC(2026, 10, 20, 23),
      }),
      makeMessage({ severity: 'warning', component: 'Other', machine: 'SRV-01', createdAt: T }),
    ])
    await h.drain()
    h.set(T + 600_000)
    const auth = { authorization: `Bearer ${TOKEN}` }
    const list = await h.app.inject({
      method: 'GET',
      url: '/api/v1/summaries/components?interval=0001128000100008',
      headers: auth,
    })
    expect(list.statusCode).toBe(200)
    const body = list.json<{
      components: { component: string; warnings: number; errors: number; status: string }[]
    }>()
    const backup = body.components.find((c) => c.component === 'Backup')
    expect(backup).toMatchObject({ warnings: 5, errors: 1, status: 'warning' })
    const drill = await h.app.inject({
      method: 'GET',
      url: '/api/v1/summaries/components/messages?siteCode=PS1&machine=SRV-01&component=Backup&severity=warning&interval=since-12am',
      headers: auth,
    })
    const d = drill.json<{
      counted: number
      listed: number
      notStored: number
      messages: { severity: string; component: string }[]
    }>()
    expect(d).toMatchObject({ counted: 5, listed: 5, notStored: 0 })
    expect(d.messages).toHaveLength(5)
    expect(d.messages.every((m) => m.severity === 'warning' && m.component === 'Backup')).toBe(true)
  })

  it('resets counts through the API and raises 4614–4616', async () => {
    h = await createHarness(await engine.openStore())
    await h.enqueue(warnings(12, T))
    await h.drain()
    h.set(T + 60_000)
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/summaries/components/reset',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      payload: { siteCode: 'PS1', machine: 'SRV-01', component: 'Backup', interval: 'since-12am' },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json<{ messageIds: number[] }>().messageIds).toEqual([4614, 4615, 4616])
    const after = await h.app.inject({
      method: 'GET',
      url: '/api/v1/summaries/components',
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    const backup = after
      .json<{ components: { component: string; warnings: number }[] }>()
      .components.find((c) => c.component === 'Backup')
    expect(backup?.warnings).toBe(0)
  })
})
