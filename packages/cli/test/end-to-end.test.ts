/**
 * Issue acceptance, end to end: a real site on SQLite; a client registers, reports through each
 * of the three SDK APIs and through the CLI, and every field comes back intact through the
 * site's REST API.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { StatusMessageJson } from '@sitrep/protocol'
import { newMessageId } from '@sitrep/protocol'
import { StatusEvent, createMpMessaging, createSitrepClient, createStatusMessageApi } from '@sitrep/sdk'
import type { SitrepClient } from '@sitrep/sdk'
import { parseSiteConfig, startSite } from '@sitrep/site'
import type { RunningSite } from '@sitrep/site'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir } from '../../sdk/test/helpers/temp-dir.ts'
import { runCli } from '../src/run-cli.ts'
import { fakeIo } from './cli-io.ts'

/** The API's view of a stored message: the JSON form plus what the site adds. */
interface StoredView extends StatusMessageJson {
  readonly recordId: number
  readonly text: string
  readonly trusted: boolean
}

describe('reporting end to end through every API into a real site', () => {
  let site: RunningSite
  let dataDir: string
  let cleanup: () => Promise<void>
  let client: SitrepClient
  let clientId: string
  let token: string

  beforeAll(async () => {
    const temp = await makeTempDir('end-to-end')
    dataDir = temp.dir
    cleanup = temp.cleanup
    site = await startSite(
      parseSiteConfig({ dataDir, http: { port: 0 }, osLog: { mode: 'off' }, logLevel: 'silent' }),
    )
    token = (await readFile(path.join(dataDir, 'admin-token'), 'utf8')).trim()
    client = createSitrepClient({
      target: site.url,
      stateDir: path.join(dataDir, 'client'),
      machine: 'WKS-E2E',
    })
    const registration = await client.register()
    expect(registration).toMatchObject({ status: 0, statusName: 'accepted' })
    clientId = registration.clientId ?? ''
  })
  afterAll(async () => {
    await client.close()
    await site.stop()
    await cleanup()
  })

  async function stored(id: string): Promise<StoredView> {
    await site.statusManager.drain()
    const response = await fetch(`${site.url}/api/v1/messages?limit=1000`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(response.status).toBe(200)
    // The API's documented reply shape (docs/api.md).
    const body = (await response.json()) as { messages: StoredView[] }
    const found = body.messages.find((m) => m.id === id)
    if (found === undefined) throw new Error(`message ${id} was not stored`)
    return found
  }

  it('StatusEvent (SMSEvent): a generic error event arrives as 39999 with its strings and attributes', async () => {
    const event = new StatusEvent({
      client,
      eventType: 'SMS_GenericStatusMessage_Error',
      component: 'Backup',
    })
    event.setProperty('InsertionString1', 'disk full on D:')
    event.setProperty('Attribute401', 'PS120001')
    const result = await event.submit()
    expect(result.status).toBe('accepted')
    const message = await stored(result.id ?? '')
    expect(message).toMatchObject({
      origin: { kind: 'client', id: clientId },
      severity: 'error',
      messageId: 39999,
      module: 'SMS Provider',
      component: 'Backup',
      machine: 'WKS-E2E',
      siteCode: 'PS1',
      insertionStrings: ['disk full on D:'],
      attributes: [{ id: 401, value: 'PS120001' }],
      text: 'disk full on D:',
      trusted: true,
    })
  })

  it('the three-call API (SMSCSTAT): create, add attributes, report, and every field arrives', async () => {
    const api = createStatusMessageApi({ client })
    const created = api.createStatusMessage({
      module: 'Contoso Backup',
      messageId: 1001,
      win32Error: 112,
      insertionStrings: ['D:', null, 'nightly'],
      severity: 'warning',
    })
    expect(created.code).toBe(0)
    if (created.code !== 0) return
    expect(api.addAttribute(created.handle, 400, 'PS100001')).toBe(0)
    expect(api.addAttribute(created.handle, 403, 'CONTOSO\\backup')).toBe(0)
    expect(
      await api.reportStatusMessage(created.handle, {
        component: 'Backup Agent',
        siteCode: 'PS1',
        topLevelSiteCode: 'PS1',
      }),
    ).toBe(0)
    await site.statusManager.drain()
    const response = await fetch(`${site.url}/api/v1/messages?component=Backup%20Agent`, {
      headers: { authorization: `Bearer ${token}` },
    })
    const [message] = ((await response.json()) as { messages: StoredView[] }).messages
    expect(message).toMatchObject({
      module: 'Contoso Backup',
      component: 'Backup Agent',
      messageId: 1001,
      severity: 'warning',
      win32Error: 112,
      siteCode: 'PS1',
      topLevelSiteCode: 'PS1',
      insertionStrings: ['D:', '', 'nightly'],
      attributes: [
        { id: 400, value: 'PS100001' },
        { id: 403, value: 'CONTOSO\\backup' },
      ],
    })
    // An unknown vendor module still renders: the text says so and shows the strings.
    expect(message?.text).toContain('1001')
  })

  it('MpMessaging (ISmsMessaging): a posted batch keeps every field of the message intact', async () => {
    const identity = await client.identity()
    // An hour ago: a time ahead of the site clock would wait in the inbox (future-dated).
    const now = Date.now() - 3_600_000
    const full: StatusMessageJson = {
      id: newMessageId(now),
      origin: { kind: 'client', id: clientId },
      sequence: 900_001,
      severity: 'informational',
      messageType: 'detail',
      messageId: 10005,
      module: 'SMS Client',
      component: 'Software Distribution',
      machine: 'WKS-E2E',
      siteCode: 'PS1',
      topLevelSiteCode: null,
      processId: 4294967295,
      threadId: 7,
      win32Error: 0,
      createdAt: new Date(now).toISOString(),
      perClient: true,
      reportFunction: 'reportEx',
      transaction: true,
      successfulTransaction: true,
      insertionStrings: [
        'PS120001',
        'setup.exe /q',
        'C:\\temp',
        'PS100012',
        'Install',
        '',
        '',
        '',
        'SYSTEM',
        'Grüße ✓ "quoted" <xml> & more',
      ],
      attributes: Array.from({ length: 40 }, (_, i) => ({ id: 400 + (i % 30), value: `value ${i} ✓` })),
    }
    const messaging = createMpMessaging()
    const message = messaging
      .createMessage()
      .setTargetEndpoint('MP_Status')
      .setBodyFromString(JSON.stringify({ messages: [full] }))
      .setClientId(clientId)
      .setSecurity({ sign: true, key: identity.privateKey })
    const trackingId = await messaging.post(site.url, message)
    expect(trackingId).toMatch(/^[0-9a-f-]{36}$/)
    const storedMessage = await stored(full.id)
    const { recordId, text, trusted, ...fields } = storedMessage
    expect(recordId).toBeGreaterThan(0)
    expect(trusted).toBe(true)
    expect(text).toContain('PS120001')
    expect(fields).toMatchObject(full)
  })

  it('the CLI: sitrep report is committed and sitrep messages --json shows it rendered', async () => {
    const env = {
      SITREP_MP_URL: site.url,
      SITREP_SITE_URL: site.url,
      SITREP_DATA_DIR: dataDir,
      SITREP_CLIENT_DIR: path.join(dataDir, 'cli-client'),
    }
    const report = fakeIo({ homeDir: dataDir, env })
    expect(
      await runCli(
        [
          'report',
          '--severity',
          'error',
          '--component',
          'Demo',
          '--insert',
          'disk full',
          '--attr',
          '402=PS100003',
        ],
        report,
      ),
    ).toBe(0)
    await site.statusManager.drain()
    const messages = fakeIo({ homeDir: dataDir, env })
    expect(await runCli(['messages', '--json', '--component', 'Demo'], messages)).toBe(0)
    const lines = messages
      .out()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as StoredView)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      severity: 'error',
      component: 'Demo',
      messageId: 39999,
      module: 'SMS Provider',
      insertionStrings: ['disk full'],
      attributes: [{ id: 402, value: 'PS100003' }],
      text: 'disk full',
    })
  })
})
