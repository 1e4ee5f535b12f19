// The console in Debian's Chromium against a real site: each screen's main task, as a user does
// it, with a screenshot of each screen under test-artifacts/console/.
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConsoleSite } from './console-site.ts'
import { CHROMIUM, hasChromium, startConsoleSite } from './console-site.ts'

/** The export's CSV header (site/src/http/export-routes.ts). */
const CSV_HEADER =
  'recordId,createdAt,severity,messageType,messageId,siteCode,machine,module,component,text,insertionStrings,attributes'

const mandatory = process.env['CI'] !== undefined && process.env['CI'] !== ''
const skip = !hasChromium && !mandatory
const note = skip ? ` (skipped: ${CHROMIUM} is missing; apt-get install chromium)` : ''

describe.skipIf(skip)(`the web console in Chromium${note}`, () => {
  let t: ConsoleSite
  beforeAll(async () => {
    t = await startConsoleSite()
  }, 120_000)
  afterAll(async () => {
    await t?.close()
  })

  it('signs in as admin with the first-start password', async () => {
    const { page } = t
    await page.goto(t.site.url)
    await page.getByLabel('User name').fill('admin')
    await page.getByLabel('Password', { exact: true }).fill(t.password)
    await t.screenshot('login')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor()
    expect(await page.getByRole('navigation', { name: 'Screens' }).isVisible()).toBe(true)
  })

  it('shows the overview chart of the last 24 hours', async () => {
    const { page } = t
    await page.locator('[data-testid="severity-chart"] canvas').waitFor()
    await page
      .getByText(/1 errors, 3 warnings and \d+ informational/)
      .first()
      .waitFor()
    await t.screenshot('overview')
  })

  it('lists messages, opens one in the detail pane and filters by severity', async () => {
    const { page } = t
    await page.getByRole('link', { name: 'Status messages' }).click()
    const failed = page.getByRole('button', { name: /Details of message .*Deployment PS120001 failed/ })
    await failed.waitFor()
    await failed.click()
    const pane = page.getByRole('complementary', { name: /Message/ })
    await pane.getByText('Advertisement / deployment ID').waitFor()
    expect(await pane.getByText('PS120001', { exact: true }).isVisible()).toBe(true)
    await t.screenshot('messages')
    await pane.getByRole('button', { name: 'Close details' }).click()
    await page.getByRole('checkbox', { name: 'Error' }).check()
    await page.waitForURL(/severity=error/)
    await page.getByText('1 message shown').waitFor()
    expect(await page.locator('table tbody tr').count()).toBe(1)
    expect(await page.getByRole('button', { name: /Low disk space/ }).count()).toBe(0)
    await page.getByRole('checkbox', { name: 'Error' }).uncheck()
  })

  it('follows new messages live and exports what the filter shows as CSV and JSON', async () => {
    const { page } = t
    await page.getByRole('link', { name: 'Status messages' }).click()
    await page.getByText(/\d+ messages? shown/).waitFor()
    await page.getByRole('checkbox', { name: 'Live tail' }).check()
    const live = page.getByTestId('live-status')
    await live.getByText('Live: open, 0 new').waitFor()
    await t.site.reporter.raiseWarningStatusMsg('Live tail saw this arrive', 'milestone', {
      component: 'SMS_DISTRIBUTION_MANAGER',
      machine: 'DP-02',
    })
    await t.site.statusManager.drain()
    await live.getByText('Live: open, 1 new').waitFor()
    await page.getByRole('button', { name: /Details of message .*Live tail saw this arrive/ }).waitFor()
    await t.screenshot('messages-live')
    await page.getByRole('checkbox', { name: 'Live tail' }).uncheck()

    const download = async (name: string): Promise<string> => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name }).click(),
      ])
      return readFile(await file.path(), 'utf8')
    }
    const csv = (await download('Export CSV')).trimEnd().split('\r\n')
    expect(csv[0]).toBe(CSV_HEADER)
    expect(csv.some((line) => line.includes('Live tail saw this arrive'))).toBe(true)
    const json = (await download('Export JSON'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { text: string })
    // One JSON line per message, one CSV line per message after the header.
    expect(json).toHaveLength(csv.length - 1)
    expect(json.some((m) => m.text.includes('Deployment PS120001 failed'))).toBe(true)
  })

  it('runs a built-in query with its prompts and saves the current filter as a query', async () => {
    const { page } = t
    await page.getByRole('link', { name: 'Status messages' }).click()
    await page.getByText('Queries', { exact: true }).click()
    const runForm = page.getByRole('form', { name: 'Run a query' })
    await runForm
      .getByLabel('Query')
      .selectOption({ label: 'All Status Messages for a Specific Deployment at a Specific Site' })
    await runForm.getByLabel('Site code').fill('PS1')
    await runForm.getByLabel('Deployment ID').fill('PS120001')
    await runForm.getByLabel('Prompted time (since)').fill('2020-01-01T00:00')
    await runForm.getByRole('button', { name: 'Run query' }).click()
    await page.waitForURL(/query=builtin(%3A|:)deployment-at-site/)
    await page.getByText('1 message shown').waitFor()
    expect(await page.getByRole('button', { name: /Deployment PS120001 failed/ }).count()).toBe(1)
    await t.screenshot('messages-query')
    // The export takes what the query shows, not every message.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export JSON' }).click(),
    ])
    const exported = (await readFile(await file.path(), 'utf8')).trimEnd().split('\n')
    expect(exported).toHaveLength(1)
    expect(exported[0]).toContain('Deployment PS120001 failed')

    await page.getByRole('link', { name: 'Back to the filter' }).click()
    await page.getByRole('checkbox', { name: 'Warning' }).check()
    await page.waitForURL(/severity=warning/)
    const saveForm = page.getByRole('form', { name: 'Save the current filter as a query' })
    await saveForm.getByLabel('Save filter as').fill('Warnings only')
    await saveForm.getByRole('button', { name: 'Save query' }).click()
    await saveForm.getByText('Saved.').waitFor()
    await expect
      .poll(() => runForm.getByLabel('Query').locator('optgroup[label="Saved"] option').allTextContents())
      .toContain('Warnings only')
    await page.getByRole('checkbox', { name: 'Warning' }).uncheck()
  })

  it('shows component status and changes the tally interval', async () => {
    const { page } = t
    await page.getByRole('link', { name: 'Component status' }).click()
    await page.getByRole('heading', { level: 1, name: 'Component status' }).waitFor()
    await page
      .getByRole('cell', { name: 'SMS_DISTRIBUTION_MANAGER' })
      .or(page.getByText(/not available on this site yet/))
      .first()
      .waitFor()
    await page.getByLabel('Tally interval').selectOption('last-24-hours')
    await page.waitForURL(/interval=last-24-hours/)
    await page
      .getByRole('caption')
      .or(page.getByText(/not available/))
      .first()
      .waitFor()
    await t.screenshot('components')
  })

  it('edits a rule, previews it with a dry run and saves it', async () => {
    const { page } = t
    await page.getByRole('link', { name: 'Filter rules' }).click()
    const first = page.locator('.rule').first()
    await first.getByRole('button', { name: /^Edit/ }).click()
    await first.getByLabel('Write to the database').check()
    await first.getByLabel('Days to keep').fill('45')
    await first.getByRole('button', { name: 'Apply to draft' }).click()
    await expect(page.getByRole('button', { name: 'Save rules' }).isDisabled()).resolves.toBe(true)
    await page.getByRole('button', { name: 'Preview (dry run)' }).click()
    await page.getByRole('heading', { name: /Dry run over \d+ stored messages/ }).waitFor()
    await t.screenshot('rules')
    await page.getByRole('button', { name: 'Save rules' }).click()
    await page.getByText('Rules saved.').waitFor()
    const rules = await t.site.store.listRules()
    expect(rules[0]?.actions.daysToKeep).toBe(45)
  })

  it('approves a waiting client', async () => {
    const { page } = t
    await page.getByRole('link', { name: 'Clients' }).click()
    await page.getByRole('button', { name: 'Approve WKS-042' }).click()
    await page.getByText('Approved', { exact: true }).waitFor()
    await t.screenshot('clients')
    const clients = await t.site.store.listClients()
    expect(clients.find((c) => c.machine === 'WKS-042')?.status).toBe('approved')
  })

  it('shows the loss ledger by reason and origin', async () => {
    const { page } = t
    await page.getByRole('link', { name: 'Loss ledger' }).click()
    await page.getByRole('cell', { name: 'client:unknown' }).waitFor()
    await t.screenshot('loss')
  })

  it('shows on the overview the OS-log writes that a site without a syslog socket could not make', async () => {
    const { page, site } = t
    // The default rules write 4609 to the OS log; this site has no syslog socket.
    for (let i = 0; i < 2; i += 1) {
      await site.reporter.raise({
        component: 'SMS_COMPONENT_STATUS_SUMMARIZER',
        messageId: 4609,
        severity: 'informational',
        insertionStrings: ['SMS_MP_CONTROL_MANAGER', 'SITE-SERVER'],
      })
    }
    await site.statusManager.drain()
    await expect
      .poll(async () => (await site.store.lossLedger()).find((r) => r.origin === 'outbox:os-log')?.count)
      .toBe(2)
    await page.getByRole('link', { name: 'Overview' }).click()
    // The Loss ledger screen just read the ledger; a reload skips its cached (fresh) answer.
    await page.reload()
    const table = page.getByRole('table', { name: 'Messages not delivered, by sink and reason' })
    const osLog = table.getByRole('row', { name: /OS log/ })
    await osLog.getByRole('cell', { name: 'sink_unavailable' }).waitFor()
    expect(await osLog.getByRole('cell', { name: '2', exact: true }).isVisible()).toBe(true)
    await table.scrollIntoViewIfNeeded()
    await t.screenshot('overview-sinks')
  })

  it('shows deployments and site systems, or says they are not available', async () => {
    const { page } = t
    for (const [link, name] of [
      ['Deployments', 'deployments'],
      ['Site system status', 'site-systems'],
    ] as const) {
      await page.getByRole('link', { name: link, exact: true }).click()
      await page.getByRole('heading', { level: 1, name: link }).waitFor()
      await page.locator('main .loading').waitFor({ state: 'detached' })
      await t.screenshot(name)
    }
  })

  it('works on a narrow window', async () => {
    const { page } = t
    await page.setViewportSize({ width: 400, height: 800 })
    await page.getByRole('link', { name: 'Status messages' }).click()
    await page
      .getByRole('button', { name: /Details of message/ })
      .first()
      .waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await t.screenshot('messages-narrow')
    await page.setViewportSize({ width: 1280, height: 800 })
  })

  it('refuses a rule change from a read-only analyst at the API, and hides the edit buttons', async () => {
    const { page, site } = t
    const admin = { authorization: `Bearer ${site.adminToken}`, 'content-type': 'application/json' }
    const created = await fetch(`${site.url}/api/v1/users`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        username: 'analyst',
        password: 'analyst-password-1',
        role: 'read-only-analyst',
      }),
    })
    expect(created.status).toBeLessThan(300)
    await page.getByRole('button', { name: /User menu/ }).click()
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByLabel('User name').fill('analyst')
    await page.getByLabel('Password', { exact: true }).fill('analyst-password-1')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { level: 1 }).waitFor()
    await page.getByRole('link', { name: 'Filter rules' }).click()
    await page.getByText(/You can read the rules/).waitFor()
    expect(await page.getByRole('button', { name: /^Edit/ }).count()).toBe(0)
    const status = await page.evaluate(async () => {
      const session = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string }
      const rules = (await (await fetch('/api/v1/rules')).json()) as { rules: unknown[] }
      const reply = await fetch('/api/v1/rules', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ rules: rules.rules.slice(1) }),
      })
      return reply.status
    })
    expect(status).toBe(403)
  })
})
