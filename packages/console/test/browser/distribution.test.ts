// Software distribution in the console, in Debian's Chromium against a real site: deployments
// made through the browser, status arriving from real SDK clients that register with the MP
// and report 100xx status messages, errors of the site shown by their fields, and axe-core on
// every screen. Screenshots land in test-artifacts/console/.
import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createSitrepClient } from '@sitrep/sdk'
import type { SitrepClient } from '@sitrep/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from './axe.ts'
import type { ConsoleSite } from './console-site.ts'
import { CHROMIUM, hasChromium, startConsoleSite } from './console-site.ts'

const mandatory = process.env['CI'] !== undefined && process.env['CI'] !== ''
const skip = !hasChromium && !mandatory
const note = skip ? ` (skipped: ${CHROMIUM} is missing; apt-get install chromium)` : ''

const CONTENT = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 253))
const CONTENT_SHA = createHash('sha256').update(CONTENT).digest('hex')
const MACHINES = ['DEB-001', 'DEB-002', 'DEB-003'] as const

describe.skipIf(skip)(`software distribution in the console${note}`, () => {
  let t: ConsoleSite
  const temps: string[] = []
  const clients = new Map<string, SitrepClient>()
  let deploymentId = ''

  const api = async (method: string, url: string, body?: unknown): Promise<unknown> => {
    const reply = await fetch(`${t.site.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${t.site.adminToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (reply.status >= 300) throw new Error(`${method} ${url}: ${reply.status} ${await reply.text()}`)
    return reply.json()
  }

  /** One 100xx message from `machine` about the deployment; `exitCode` goes in %2. */
  const report = async (machine: string, messageId: number, exitCode?: number): Promise<void> => {
    const client = clients.get(machine)
    if (client === undefined) throw new Error(`no client ${machine}`)
    const message = await client.buildMessage({
      severity: messageId === 10006 ? 'error' : 'informational',
      messageId,
      module: 'SMS Client',
      component: 'Software Distribution',
      insertionStrings: exitCode === undefined ? [] : ['Editor', String(exitCode)],
      attributes: [{ id: 401, value: deploymentId }],
    })
    expect((await client.submit(message)).status).toBe('accepted')
  }

  beforeAll(async () => {
    t = await startConsoleSite()
    for (const machine of MACHINES) {
      const stateDir = await mkdtemp(path.join(tmpdir(), 'sitrep-console-client-'))
      temps.push(stateDir)
      const client = createSitrepClient({ target: t.site.url, stateDir, machine })
      await client.register()
      clients.set(machine, client)
    }
  }, 120_000)
  afterAll(async () => {
    await t?.close()
    for (const dir of temps) await rm(dir, { recursive: true, force: true })
  })

  it('signs in as admin', async () => {
    const { page } = t
    await page.goto(t.site.url)
    await page.getByLabel('User name').fill('admin')
    await page.getByLabel('Password', { exact: true }).fill(t.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor()
  })

  it('has an application and a collection of the three machines to deploy', async () => {
    const upload = await fetch(`${t.site.url}/api/v1/content/${CONTENT_SHA}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${t.site.adminToken}`, 'content-type': 'application/octet-stream' },
      body: CONTENT,
    })
    expect(upload.status).toBe(201)
    await api('POST', '/api/v1/applications', {
      name: 'Editor',
      publisher: 'Example',
      version: '2.1',
      deploymentTypes: [
        {
          id: 'deb',
          name: 'Editor (deb)',
          platform: 'linux',
          linuxFamily: 'debian',
          install: ['/usr/bin/dpkg', '-i', 'editor.deb'],
          content: [{ path: 'editor.deb', sha256: CONTENT_SHA, size: CONTENT.length }],
          detection: { kind: 'package', manager: 'dpkg', name: 'editor' },
        },
      ],
    })
    await api('POST', '/api/v1/collections', { name: 'Debian desks', staticMembers: [...MACHINES] })
  })

  it('refuses a deadline before the available time and says so next to the deadline', async () => {
    const { page } = t
    await page.getByRole('link', { name: 'Deployments', exact: true }).click()
    await page.getByRole('link', { name: 'New deployment' }).click()
    const form = page.getByRole('form', { name: 'New deployment' })
    await form.getByLabel('Application').selectOption({ label: 'Editor 2.1 (APP-00001)' })
    await form.getByLabel('Collection').selectOption({ label: 'Debian desks (3 members)' })
    await form.getByLabel('Available from (empty: now)').fill('2030-06-02T10:00')
    await form.getByLabel('Deadline (empty: as soon as possible)').fill('2030-06-01T10:00')
    await form.getByRole('button', { name: 'Deploy' }).click()
    const deadline = form.getByLabel('Deadline (empty: as soon as possible)')
    await expect.poll(() => deadline.getAttribute('aria-invalid')).toBe('true')
    const issueId = await deadline.getAttribute('aria-describedby')
    expect(await page.locator(`#${issueId}`).textContent()).toMatch(
      /settings\.deadline .* is before availableAt/,
    )
    await t.screenshot('deployment-form-error')
    expect(await seriousViolations(page)).toEqual([])
  })

  it('creates a required deployment in the browser and opens its status', async () => {
    const { page } = t
    const form = page.getByRole('form', { name: 'New deployment' })
    await form.getByLabel('Available from (empty: now)').fill('')
    await form.getByLabel('Deadline (empty: as soon as possible)').fill('')
    await form.getByRole('button', { name: 'Deploy' }).click()
    await page.waitForURL(/#\/deployments\?id=[A-Z0-9]{8}$/)
    deploymentId = new URL(page.url()).hash.split('id=')[1] ?? ''
    await page.getByRole('heading', { name: `${deploymentId}: Editor to Debian desks` }).waitFor()
    await page.getByText(/^3 expected clients \(the members of the collection\)/).waitFor()
    await page.getByRole('link', { name: /Not yet reported: 3/ }).waitFor()
    const stored = (await api('GET', `/api/v1/deployments/${deploymentId}`)) as {
      deployment: { settings: { intent: string }; createdBy: string }
    }
    expect(stored.deployment.settings.intent).toBe('required')
    expect(stored.deployment.createdBy).toBe('admin')
  })

  it('shows status arrive from the clients: success, an error with its exit code, and one not yet reported', async () => {
    const { page } = t
    await report('DEB-001', 10002)
    await page.getByRole('link', { name: /In progress: 1/ }).waitFor()
    await report('DEB-001', 10008, 0)
    await report('DEB-002', 10006, 1603)
    await page.getByRole('link', { name: /Success: 1 \(33\.3%\)/ }).waitFor()
    await page.getByRole('link', { name: /Error: 1/ }).waitFor()
    await page.getByRole('link', { name: /Not yet reported: 1/ }).waitFor()
    const bar = page.getByRole('img', { name: /1 of 3 Success, 1 of 3 Error, 1 of 3 Not yet reported/ })
    await bar.waitFor()
    const failed = page.getByRole('row', { name: /DEB-002/ })
    expect(await failed.getByRole('cell', { name: '1603', exact: true }).isVisible()).toBe(true)
    expect(await failed.getByText('Error').isVisible()).toBe(true)
    await t.screenshot('deployment-detail')
    expect(await seriousViolations(page)).toEqual([])

    await page.getByRole('link', { name: /Error: 1/ }).click()
    await page.getByRole('table', { name: '1 clients in state Error' }).waitFor()
    expect(await page.locator('table tbody tr').count()).toBe(1)
  })

  it('lists the deployment with its progress bar', async () => {
    const { page } = t
    await page.getByRole('link', { name: '← All deployments' }).click()
    const row = page.getByRole('row', { name: new RegExp(deploymentId) })
    await row.getByText('1 of 3 succeeded, 1 failed').waitFor()
    expect(await row.getByRole('img', { name: /1 of 3 Success/ }).isVisible()).toBe(true)
    await t.screenshot('deployments')
    expect(await seriousViolations(page)).toEqual([])
  })
})
