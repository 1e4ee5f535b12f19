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
/** Hang guard per step: each drives several screens and runs axe on each, on a shared 2-core machine. */
const STEP_TIMEOUT = 120_000

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
  }, STEP_TIMEOUT)

  it(
    'signs in as admin',
    async () => {
      const { page } = t
      await page.goto(t.site.url)
      await page.getByLabel('User name').fill('admin')
      await page.getByLabel('Password', { exact: true }).fill(t.password)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor()
    },
    STEP_TIMEOUT,
  )

  it(
    'refuses an application without an install command line, naming the field next to it',
    async () => {
      const { page } = t
      await page.getByRole('link', { name: 'Applications', exact: true }).click()
      await page.getByRole('link', { name: 'New application' }).click()
      const form = page.getByRole('form', { name: 'New application' })
      await form.getByLabel('Name', { exact: true }).fill('Editor')
      await form.getByLabel('Publisher').fill('Example')
      await form.getByLabel('Version', { exact: true }).fill('2.1')
      await form.getByRole('button', { name: 'Add application' }).click()
      const install = form.getByLabel('Install command line: one argument per line, no shell')
      await expect.poll(() => install.getAttribute('aria-invalid')).toBe('true')
      const issueId = await install.getAttribute('aria-describedby')
      expect(await page.locator(`#${issueId}`).textContent()).toMatch(/deploymentTypes\[0\]\.install/)
      await install.scrollIntoViewIfNeeded()
      await t.screenshot('application-form-error')
      expect(await seriousViolations(page)).toEqual([])
    },
    STEP_TIMEOUT,
  )

  it(
    'adds an application with uploaded content, then edits it into revision 2',
    async () => {
      const { page } = t
      const form = page.getByRole('form', { name: 'New application' })
      await form.getByLabel('Linux family').selectOption('debian')
      await form
        .getByLabel('Install command line: one argument per line, no shell')
        .fill('/usr/bin/dpkg\n-i\neditor.deb')
      await form
        .getByLabel('Uninstall command line: one argument per line (empty: none)')
        .fill('/usr/bin/dpkg\n-r\neditor')
      await form.getByLabel('Upload content files').setInputFiles({
        name: 'editor.deb',
        mimeType: 'application/octet-stream',
        buffer: CONTENT,
      })
      await form.getByText('Uploaded editor.deb.').waitFor()
      await form.getByLabel('Detection: how the agent tells it is installed').selectOption('package')
      await form.getByLabel('Package name (MSI: product code)').fill('editor')
      await form.getByLabel('Free disk (MB)').fill('200')
      await form.getByLabel('… on path').fill('/')
      await form.getByLabel('After success').selectOption('restart')
      expect(await seriousViolations(page)).toEqual([])
      await form.getByRole('button', { name: 'Add application' }).click()

      await page.getByRole('heading', { name: /Editor 2\.1 \(revision 1 of 1\)/ }).waitFor()
      const content = page.getByRole('table', { name: /Content of Editor: 1 files, 4\.0 KiB/ })
      expect(await content.getByRole('cell', { name: CONTENT_SHA }).isVisible()).toBe(true)
      expect(await page.getByText('/usr/bin/dpkg -i editor.deb').isVisible()).toBe(true)
      expect(await page.getByText('dpkg package editor is installed').isVisible()).toBe(true)
      expect(await page.getByText('200 MB free on /').isVisible()).toBe(true)

      await page.getByRole('link', { name: 'Edit (makes revision 2)' }).click()
      const edit = page.getByRole('form', { name: 'Edit Editor: revision 2' })
      await edit.getByLabel('Version', { exact: true }).fill('2.2')
      await edit.getByRole('button', { name: 'Save revision' }).click()
      await page.getByRole('heading', { name: /Editor 2\.2 \(revision 2 of 2\)/ }).waitFor()
      await page.getByRole('link', { name: 'Revision 1' }).waitFor()
      await t.screenshot('application-detail')
      expect(await seriousViolations(page)).toEqual([])
      const stored = (await api('GET', '/api/v1/applications/APP-00001?revision=1')) as {
        application: { application: { version: string; deploymentTypes: { install: string[] }[] } }
      }
      expect(stored.application.application.version).toBe('2.1')
      expect(stored.application.application.deploymentTypes[0]?.install).toEqual([
        '/usr/bin/dpkg',
        '-i',
        'editor.deb',
      ])
      await page.getByRole('link', { name: '← All applications' }).click()
      await page.getByRole('row', { name: /Editor/ }).waitFor()
      await t.screenshot('applications')
      expect(await seriousViolations(page)).toEqual([])
    },
    STEP_TIMEOUT,
  )

  it(
    'creates a collection of the three machines, and refuses it including itself next to the field',
    async () => {
      const { page } = t
      await page.getByRole('link', { name: 'Collections', exact: true }).click()
      await page.getByRole('link', { name: 'New collection' }).click()
      const form = page.getByRole('form', { name: 'New collection' })
      await form.getByLabel('Name', { exact: true }).fill('Debian desks')
      await form
        .getByLabel('Direct members: client IDs or machine names, one per line')
        .fill(MACHINES.join('\n'))
      await form.getByRole('button', { name: 'Add a query rule' }).click()
      const rule = form.getByRole('group', { name: 'Query rule 1' })
      await rule.getByLabel('linux', { exact: true }).check()
      await rule.getByLabel('debian', { exact: true }).check()
      await rule.getByLabel('Machine names like (* and ?, comma-separated)').fill('DEB-*')
      await form.getByRole('button', { name: 'Create collection' }).click()
      await page.getByRole('heading', { name: 'Debian desks (3 members)' }).waitFor()
      await page.getByText('platform linux and Linux family debian and name like DEB-*').waitFor()
      await page.getByRole('table', { name: '3 members' }).waitFor()
      await t.screenshot('collection-detail')
      expect(await seriousViolations(page)).toEqual([])

      const id = new URL(page.url()).hash.split('id=')[1] ?? ''
      await page.getByRole('link', { name: 'Edit' }).click()
      const edit = page.getByRole('form', { name: 'Edit Debian desks' })
      await edit
        .getByRole('group', { name: 'Include the members of' })
        .getByLabel(`Debian desks (${id}) — this collection`)
        .check()
      await edit.getByRole('button', { name: 'Save collection' }).click()
      const include = edit.getByRole('group', { name: 'Include the members of' })
      await include.getByText(`include[0] is ${id}, the collection itself`).waitFor()
      expect(await include.getAttribute('aria-invalid')).toBe('true')
      await t.screenshot('collection-self-include')
      expect(await seriousViolations(page)).toEqual([])
      const kept = (await api('GET', `/api/v1/collections/${id}`)) as {
        collection: { definition: { include: string[] } }
      }
      expect(kept.collection.definition.include).toEqual([])

      await page.getByRole('link', { name: 'Cancel' }).click()
      await page.getByRole('link', { name: '← All collections' }).click()
      await page
        .getByRole('row', { name: /Debian desks/ })
        .getByRole('cell', { name: '3', exact: true })
        .waitFor()
      await t.screenshot('collections')
      expect(await seriousViolations(page)).toEqual([])
    },
    STEP_TIMEOUT,
  )

  it(
    'refuses a deadline before the available time and says so next to the deadline',
    async () => {
      const { page } = t
      await page.getByRole('link', { name: 'Deployments', exact: true }).click()
      await page.getByRole('link', { name: 'New deployment' }).click()
      const form = page.getByRole('form', { name: 'New deployment' })
      await form.getByLabel('Application').selectOption({ label: 'Editor 2.2 (APP-00001)' })
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
    },
    STEP_TIMEOUT,
  )

  it(
    'creates a required deployment of revision 2 in the browser and opens its status',
    async () => {
      const { page } = t
      const form = page.getByRole('form', { name: 'New deployment' })
      await form.getByLabel('Available from (empty: now)').fill('')
      await form.getByLabel('Deadline (empty: as soon as possible)').fill('')
      await form.getByRole('button', { name: 'Deploy' }).click()
      await page.waitForURL(/#\/deployments\?id=[A-Z0-9]{8}$/)
      deploymentId = new URL(page.url()).hash.split('id=')[1] ?? ''
      await page.getByRole('heading', { name: `${deploymentId}: Editor to Debian desks` }).waitFor()
      await page.getByText(/^3 expected clients \(the members of the collection\)/).waitFor()
      await page.getByText('(APP-00001, revision 2)').waitFor()
      await page.getByRole('link', { name: /Not yet reported: 3/ }).waitFor()
      const stored = (await api('GET', `/api/v1/deployments/${deploymentId}`)) as {
        deployment: { settings: { intent: string }; createdBy: string }
      }
      expect(stored.deployment.settings.intent).toBe('required')
      expect(stored.deployment.createdBy).toBe('admin')
    },
    STEP_TIMEOUT,
  )

  it(
    'shows status arrive from the clients: success, an error with its exit code, and one not yet reported',
    async () => {
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
    },
    STEP_TIMEOUT,
  )

  it(
    'lists the deployment with its progress bar',
    async () => {
      const { page } = t
      await page.getByRole('link', { name: '← All deployments' }).click()
      const row = page.getByRole('row', { name: new RegExp(deploymentId) })
      await row.getByText('1 of 3 succeeded, 1 failed').waitFor()
      expect(await row.getByRole('img', { name: /1 of 3 Success/ }).isVisible()).toBe(true)
      await t.screenshot('deployment-list')
      expect(await seriousViolations(page)).toEqual([])
    },
    STEP_TIMEOUT,
  )
})
