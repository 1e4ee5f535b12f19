import { createCatalogue, lookupMessage, parseStatusMessage } from '@sitrep/protocol'
import type { SiteStore } from '@sitrep/store'
import { createSqliteStore } from '@sitrep/store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSiteReporter } from './site-reporter.ts'
import type { SiteReporter } from './site-reporter.ts'

const NOW = Date.UTC(2026, 10, 21, 9)
const catalogue = createCatalogue()

describe('createSiteReporter', () => {
  let store: SiteStore
  let reporter: SiteReporter
  beforeEach(async () => {
    store = await createSqliteStore({ filename: ':memory:' })
    reporter = createSiteReporter({
      store,
      siteCode: 'PS1',
      machine: 'SITE-SERVER',
      processId: 77,
      clock: () => NOW,
      severityOf: (module, id) => lookupMessage(catalogue, module, id)?.severity,
    })
  })
  afterEach(async () => {
    await store.close()
  })

  async function inboxMessages() {
    const claimed = await store.transaction((tx) => tx.claimInbox({ max: 100, now: NOW }))
    return claimed.map((item) => {
      const parsed = parseStatusMessage(JSON.parse(item.body))
      if (!parsed.ok) throw new Error('the reporter put an invalid message in the inbox')
      return parsed.value
    })
  }

  it('raises the generic informational, warning and error messages 39997, 39998 and 39999', async () => {
    await reporter.raiseInformationalStatusMsg('Backup finished', 'milestone', { component: 'Backup' })
    await reporter.raiseWarningStatusMsg('Backup slow', 'detail', { component: 'Backup' })
    await reporter.raiseErrorStatusMsg('Backup failed', 'milestone', { component: 'Backup', win32Error: 112 })
    const messages = await inboxMessages()
    expect(messages.map((m) => [m.messageId, m.severity, m.messageType, m.module])).toEqual([
      [39997, 'informational', 'milestone', 'SMS Provider'],
      [39998, 'warning', 'detail', 'SMS Provider'],
      [39999, 'error', 'milestone', 'SMS Provider'],
    ])
    expect(messages[2]).toMatchObject({
      origin: { kind: 'site', id: 'PS1' },
      siteCode: 'PS1',
      machine: 'SITE-SERVER',
      processId: 77,
      win32Error: 112,
      createdAt: NOW,
      insertionStrings: ['Backup failed'],
    })
  })

  it('splits generic text longer than 255 characters across %1 and %2', async () => {
    const text = 'a'.repeat(255) + 'b'.repeat(100)
    await reporter.raiseInformationalStatusMsg(text, 'milestone')
    const [message] = await inboxMessages()
    expect(message?.insertionStrings).toEqual(['a'.repeat(255), 'b'.repeat(100)])
  })

  it('refuses generic text over 510 characters, naming the limit', async () => {
    await expect(reporter.raiseErrorStatusMsg('x'.repeat(511), 'milestone')).rejects.toThrow(
      /MessageText is 511 characters long; the limit is 510/,
    )
    expect(await store.inboxSize()).toBe(0)
  })

  it('raises a raw message with the severity its catalogue gives it', async () => {
    await reporter.raiseRawStatusMsg('SMS Server', 'milestone', 2302, {
      component: 'SMS_DISTRIBUTION_MANAGER',
      insertionStrings: ['Office', 'PS100012'],
    })
    const [message] = await inboxMessages()
    expect(message).toMatchObject({ module: 'SMS Server', messageId: 2302, severity: 'error' })
  })

  it('needs a severity for a raw message its catalogue does not know', async () => {
    await expect(reporter.raiseRawStatusMsg('Contoso Agent', 'milestone', 7)).rejects.toThrow(
      /pass a severity/,
    )
    await reporter.raiseRawStatusMsg('Contoso Agent', 'milestone', 7, { severity: 'warning' })
    expect((await inboxMessages())[0]).toMatchObject({ module: 'Contoso Agent', component: 'Contoso Agent' })
  })

  it('numbers its messages with a per-origin sequence that continues across reporters', async () => {
    await reporter.raise({ component: 'X', messageId: 500, severity: 'informational' })
    const again = createSiteReporter({ store, siteCode: 'PS1', machine: 'M', processId: 1, clock: () => NOW })
    await again.raise({ component: 'X', messageId: 502, severity: 'informational' })
    expect((await inboxMessages()).map((m) => m.sequence)).toEqual([1, 2])
  })

  it('refuses a message over the limits before it reaches the inbox', async () => {
    await expect(
      reporter.raise({ component: 'x'.repeat(128), messageId: 500, severity: 'informational' }),
    ).rejects.toThrow(/component is 128 characters long; the limit is 127/)
    expect(await store.inboxSize()).toBe(0)
  })
})
