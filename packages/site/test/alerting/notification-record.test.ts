/**
 * The notification record at the level an administrator meets it: a real site (in-process, and
 * a real `sitrep up` process killed with SIGKILL), a real HTTP receiver on loopback, messages in
 * through the management point, and the record, the loss ledger and the stored messages read
 * back through the REST API.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { FilterRule } from '@sitrep/core'
import { newMessageId } from '@sitrep/protocol'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { parseSiteConfig } from '../../src/config.ts'
import { startSite } from '../../src/start-site.ts'
import type { RunningSite } from '../../src/start-site.ts'
import { makeSitesDir } from '../hierarchy/linked-sites.ts'
import { startSiteProcess, waitFor } from '../helpers/site-process.ts'
import type { WebhookReceiver } from '../helpers/webhook-receiver.ts'
import { startWebhookReceiver } from '../helpers/webhook-receiver.ts'

const MODULE = 'Acme Backup'

const EXPORT_RULES: FilterRule[] = [
  {
    id: 'export-errors',
    name: 'Backup errors to the hooks target',
    enabled: true,
    criteria: { module: MODULE, severity: 'error' },
    actions: { writeToDatabase: true, daysToKeep: 30, exportTo: ['hooks'] },
  },
]

/** An error from client `clientId`, as the management point takes it. */
function backupError(sequence: number): Record<string, unknown> {
  return {
    id: newMessageId(Date.now()),
    origin: { kind: 'client', id: 'GUID:5b1c6a8e-0000-4000-8000-0000000000aa' },
    sequence,
    severity: 'error',
    messageType: 'milestone',
    messageId: 39999,
    module: MODULE,
    component: 'Nightly backup',
    machine: 'WKS-001',
    createdAt: new Date().toISOString(),
    insertionStrings: [`volume ${sequence} is full`],
    attributes: [],
  }
}

async function report(siteUrl: string, messages: readonly Record<string, unknown>[]): Promise<void> {
  const reply = await fetch(`${siteUrl}/mp/v1/status/unsigned`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages }),
  })
  expect(reply.status).toBe(202)
}

interface NotificationJson {
  id: number
  target: string
  messageId: string
  state: string
  attempts: number
  lastError: string | null
  lossReason: string | null
}
interface DetailJson extends NotificationJson {
  attemptLog: { attempt: number; outcome: string; error: string | null }[]
}

async function api<T>(siteUrl: string, token: string, url: string): Promise<T> {
  const reply = await fetch(`${siteUrl}${url}`, { headers: { authorization: `Bearer ${token}` } })
  expect(reply.status, `${url}: ${await reply.clone().text()}`).toBe(200)
  return (await reply.json()) as T
}

async function saveRules(siteUrl: string, token: string, rules: readonly FilterRule[]): Promise<void> {
  const reply = await fetch(`${siteUrl}/api/v1/rules`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ rules }),
  })
  expect(reply.status, await reply.clone().text()).toBe(200)
}

const listNotifications = async (siteUrl: string, token: string, query = '') =>
  (await api<{ notifications: NotificationJson[] }>(siteUrl, token, `/api/v1/notifications${query}`))
    .notifications

describe('a webhook target that is down for the whole test', () => {
  const sites = makeSitesDir('dead-letters')
  let receiver: WebhookReceiver
  let site: RunningSite
  beforeAll(async () => {
    receiver = await startWebhookReceiver()
    receiver.answerWith(() => ({ status: 503 }))
    site = await startSite(
      parseSiteConfig({
        siteCode: 'PS1',
        dataDir: path.join(sites.dir, 'ps1'),
        http: { port: 0 },
        logLevel: 'silent',
        osLog: { mode: 'off' },
        mp: { allowUnsigned: true },
        statusManager: { idlePollMs: 20 },
        outbox: { pollMs: 20, maxAttempts: 2 },
        exports: [{ name: 'hooks', type: 'webhook', url: receiver.url }],
      }),
    )
    await saveRules(site.url, site.adminToken, EXPORT_RULES)
  })
  afterAll(async () => {
    await site.stop()
    await receiver.close()
    sites.cleanup()
  })

  it('leaves a dead letter per message in the record, counts each in the loss ledger, and stores every message', async () => {
    const sent = [1, 2, 3, 4, 5].map(backupError)
    await report(site.url, sent)
    await waitFor(
      async () =>
        (await listNotifications(site.url, site.adminToken, '?state=dead_letter')).length === sent.length,
      'every notification to become a dead letter',
      30_000,
    )

    const deadLetters = await listNotifications(site.url, site.adminToken, '?target=hooks')
    expect(deadLetters.map((n) => n.messageId).sort()).toEqual(sent.map((m) => String(m['id'])).sort())
    for (const letter of deadLetters) {
      expect(letter).toMatchObject({
        target: 'hooks',
        state: 'dead_letter',
        attempts: 2,
        lossReason: 'expired',
        lastError: 'given up after 2 attempts: export target "hooks" answered HTTP 503',
      })
      const { notification } = await api<{ notification: DetailJson }>(
        site.url,
        site.adminToken,
        `/api/v1/notifications/${letter.id}`,
      )
      expect(notification.attemptLog).toMatchObject([
        { attempt: 1, outcome: 'failed', error: 'export target "hooks" answered HTTP 503' },
        { attempt: 2, outcome: 'failed', error: 'export target "hooks" answered HTTP 503' },
      ])
    }
    // Each attempt reached the receiver, which refused it.
    expect(receiver.requests).toHaveLength(2 * sent.length)

    const { rows } = await api<{ rows: { origin: string; reason: string; count: number }[] }>(
      site.url,
      site.adminToken,
      '/api/v1/loss',
    )
    expect(rows.filter((r) => r.origin.startsWith('outbox:'))).toMatchObject([
      { origin: 'outbox:export:hooks', reason: 'expired', count: sent.length },
    ])
    // Nothing lost from the message store: every message is kept whatever became of its export.
    const { messages } = await api<{ messages: { id: string }[] }>(
      site.url,
      site.adminToken,
      `/api/v1/messages?module=${encodeURIComponent(MODULE)}`,
    )
    expect(messages.map((m) => m.id).sort()).toEqual(sent.map((m) => String(m['id'])).sort())
    expect(await site.store.outboxSize()).toBe(0)
  }, 40_000)

  it('answers 404 not_found for a notification that is not in the record', async () => {
    const reply = await fetch(`${site.url}/api/v1/notifications/987654321`, {
      headers: { authorization: `Bearer ${site.adminToken}` },
    })
    expect(reply.status).toBe(404)
    expect(await reply.json()).toMatchObject({ error: { code: 'not_found' } })
  })
})

describe('a site killed with SIGKILL while notifications are queued', () => {
  const sites = makeSitesDir('notify-crash')
  let receiver: WebhookReceiver
  afterEach(async () => {
    await receiver.close()
    sites.cleanup()
  })

  it('delivers each after the restart, and records each notification once', async () => {
    receiver = await startWebhookReceiver()
    // Down at first: every notification is tried, fails, and waits in the outbox.
    receiver.answerWith(() => ({ status: 503 }))
    const dataDir = path.join(sites.dir, 'ps1')
    const configFile = path.join(sites.dir, 'sitrep.json')
    writeFileSync(
      configFile,
      JSON.stringify({
        siteCode: 'PS1',
        dataDir,
        osLog: { mode: 'off' },
        mp: { allowUnsigned: true },
        statusManager: { idlePollMs: 20 },
        outbox: { pollMs: 20 },
        exports: [
          {
            name: 'hooks',
            type: 'webhook',
            url: receiver.url,
            retry: { maxAttempts: 1000, initialDelayMs: 200, maxDelayMs: 1000 },
          },
        ],
      }),
    )
    const first = await startSiteProcess({ configFile, timeoutMs: 120_000 })
    const token = readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim()
    await saveRules(first.url, token, EXPORT_RULES)
    const sent = Array.from({ length: 20 }, (_, i) => backupError(i + 1))
    await report(first.url, sent)
    await waitFor(
      async () => {
        const queued = await listNotifications(first.url, token, '?state=retrying')
        return queued.length === sent.length
      },
      'every notification to fail once and wait for its retry',
      120_000,
    )
    first.child.kill('SIGKILL')
    expect(await first.exited()).toBe('SIGKILL')
    expect(receiver.requests.every((r) => r.status === 503)).toBe(true)

    receiver.answerWith(() => ({ status: 204 }))
    const second = await startSiteProcess({ configFile, timeoutMs: 120_000 })
    try {
      await waitFor(
        async () => (await listNotifications(second.url, token, '?state=delivered')).length === sent.length,
        'every notification to be delivered after the restart',
        120_000,
      )
      const ids = sent.map((m) => String(m['id'])).sort()
      const delivered = receiver.requests
        .filter((r) => r.status === 204)
        .map((r) => (JSON.parse(r.body) as { message: { id: string } }).message.id)
      expect(delivered.sort()).toEqual(ids)

      const record = await listNotifications(second.url, token, '?target=hooks')
      expect(record.map((n) => n.messageId).sort()).toEqual(ids)
      for (const notification of record) {
        const { notification: detail } = await api<{ notification: DetailJson }>(
          second.url,
          token,
          `/api/v1/notifications/${notification.id}`,
        )
        // Attempts numbered 1…n without a gap or a repeat: failures before the kill, one delivery after.
        expect(detail.attemptLog.map((a) => a.attempt)).toEqual(
          Array.from({ length: detail.attempts }, (_, i) => i + 1),
        )
        expect(detail.attemptLog.at(-1)).toMatchObject({ outcome: 'delivered', error: null })
        expect(detail.attemptLog.slice(0, -1).every((a) => a.outcome === 'failed')).toBe(true)
      }
      const { rows } = await api<{ rows: { origin: string }[] }>(second.url, token, '/api/v1/loss')
      expect(rows.filter((r) => r.origin.startsWith('outbox:'))).toEqual([])
    } finally {
      second.child.kill('SIGTERM')
      await second.exited()
    }
  }, 360_000)
})
