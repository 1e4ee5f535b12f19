/**
 * The webhook target against a real HTTP receiver on loopback that checks each request's
 * HMAC-SHA256 signature and replay window the way docs/alerting.md tells receivers to, and
 * refuses the first attempts (once with `Retry-After`).
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import path from 'node:path'
import { newMessageId } from '@sitrep/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseSiteConfig } from '../../src/config.ts'
import { startSite } from '../../src/start-site.ts'
import type { RunningSite } from '../../src/start-site.ts'
import { makeSitesDir } from '../hierarchy/linked-sites.ts'
import { waitFor } from '../helpers/site-process.ts'
import type { WebhookReceiver } from '../helpers/webhook-receiver.ts'
import { startWebhookReceiver } from '../helpers/webhook-receiver.ts'

const SECRET = 'hooks-shared-secret-0123456789'
const REPLAY_WINDOW_SECONDS = 300

/** The receiver's check, written from the documentation, not from the site's code. */
function verify(header: string | string[] | undefined, body: string, nowSeconds: number): string {
  if (typeof header !== 'string') return 'no signature'
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)
  if (match === null) return 'malformed signature'
  const [, t = '', v1 = ''] = match
  if (Math.abs(nowSeconds - Number(t)) > REPLAY_WINDOW_SECONDS) return 'outside the replay window'
  const expected = createHmac('sha256', SECRET).update(`${t}.${body}`).digest()
  return timingSafeEqual(expected, Buffer.from(v1, 'hex')) ? 'ok' : 'bad signature'
}

describe('a signed webhook whose receiver fails the first attempts', () => {
  const sites = makeSitesDir('webhook')
  let receiver: WebhookReceiver
  let site: RunningSite
  const verdicts: string[] = []
  beforeAll(async () => {
    receiver = await startWebhookReceiver()
    receiver.answerWith(({ headers, body }, index) => {
      const verdict = verify(headers['x-sitrep-signature'], body, Math.floor(Date.now() / 1000))
      verdicts.push(verdict)
      if (verdict !== 'ok') return { status: 401 }
      if (index === 0) return { status: 503 }
      if (index === 1) return { status: 429, headers: { 'retry-after': '1' } }
      return { status: 204 }
    })
    site = await startSite(
      parseSiteConfig({
        siteCode: 'PS1',
        dataDir: path.join(sites.dir, 'ps1'),
        http: { port: 0 },
        logLevel: 'silent',
        osLog: { mode: 'off' },
        mp: { allowUnsigned: true },
        statusManager: { idlePollMs: 20 },
        outbox: { pollMs: 20 },
        exports: [
          {
            name: 'hooks',
            type: 'webhook',
            url: receiver.url,
            secret: SECRET,
            retry: { maxAttempts: 5, initialDelayMs: 50, maxDelayMs: 5000 },
          },
        ],
      }),
    )
    const rules = await fetch(`${site.url}/api/v1/rules`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${site.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        rules: [
          {
            id: 'hooks',
            name: 'Errors to the hooks webhook',
            enabled: true,
            criteria: { severity: 'error' },
            actions: { writeToDatabase: true, daysToKeep: 30, exportTo: ['hooks'] },
          },
        ],
      }),
    })
    expect(rules.status).toBe(200)
  })
  afterAll(async () => {
    await site.stop()
    await receiver.close()
    sites.cleanup()
  })

  it('signs every attempt, retries with backoff, waits as Retry-After asks, and records each attempt', async () => {
    const id = newMessageId(Date.now())
    const reply = await fetch(`${site.url}/mp/v1/status/unsigned`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        messages: [
          {
            id,
            origin: { kind: 'client', id: 'GUID:5b1c6a8e-0000-4000-8000-0000000000bb' },
            sequence: 1,
            severity: 'error',
            messageType: 'milestone',
            messageId: 39999,
            module: 'Acme Backup',
            component: 'Nightly backup',
            machine: 'WKS-002',
            createdAt: new Date().toISOString(),
            insertionStrings: ['volume D: is full'],
            attributes: [],
          },
        ],
      }),
    })
    expect(reply.status).toBe(202)
    const delivered = async () => {
      const list = await fetch(`${site.url}/api/v1/notifications?state=delivered`, {
        headers: { authorization: `Bearer ${site.adminToken}` },
      })
      return ((await list.json()) as { notifications: unknown[] }).notifications.length === 1
    }
    await waitFor(delivered, 'the notification to be recorded as delivered', 20_000)

    expect(verdicts).toEqual(['ok', 'ok', 'ok'])
    expect(receiver.requests.map((r) => r.status)).toEqual([503, 429, 204])
    // One notification, whatever the attempt: the receiver can drop a repeat by this ID.
    const notificationIds = new Set(receiver.requests.map((r) => r.headers['x-sitrep-notification-id']))
    expect(notificationIds.size).toBe(1)
    expect(receiver.requests.map((r) => r.headers['x-sitrep-attempt'])).toEqual(['1', '2', '3'])
    expect(receiver.requests[2]?.headers['x-sitrep-message-id']).toBe(id)
    expect(JSON.parse(receiver.requests[2]?.body ?? '')).toMatchObject({
      message: { id, severity: 'error', machine: 'WKS-002' },
      // Acme Backup is not in the catalogue, so the text says so and quotes the insertion strings.
      text: 'Message ID 39999 of module "Acme Backup" is not in the catalogue. Insertion strings: "volume D: is full".',
    })

    const detail = await fetch(`${site.url}/api/v1/notifications/${String([...notificationIds][0])}`, {
      headers: { authorization: `Bearer ${site.adminToken}` },
    })
    const { notification } = (await detail.json()) as {
      notification: { state: string; attemptLog: { outcome: string; error: string | null; at: string }[] }
    }
    expect(notification.state).toBe('delivered')
    expect(notification.attemptLog.map((a) => [a.outcome, a.error])).toEqual([
      ['failed', 'export target "hooks" answered HTTP 503'],
      ['failed', 'export target "hooks" answered HTTP 429'],
      ['delivered', null],
    ])
    // Retry-After: 1 beats the 100 ms backoff: the third attempt came no sooner than a second later.
    const [, second, third] = notification.attemptLog.map((a) => Date.parse(a.at))
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(1000)
  }, 30_000)
})
