// The local page in Debian's Chromium against a real agent: request an install while the agent
// is busy, see the position and estimated start, withdraw another request, see it start and
// finish; the answer to an action clears again; snooze a restart; an axe-core check; and the
// token that keeps the page to the logged-on user.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { request } from 'node:http'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { createAgentClient } from '../src/client/agent-client.ts'
import type { LocalPage } from '../src/page/page-server.ts'
import { startLocalPage } from '../src/page/page-server.ts'
import { createPageToken, writePageFile } from '../src/page/page-token.ts'
import type { IndicatorLocale } from '../src/presenter/locale.ts'
import { startIndicatorSession } from '../src/session/indicator-session.ts'
import { createUserActions } from '../src/session/user-actions.ts'
import { startRealAgent, waitFor } from './helpers/real-agent.ts'

const CHROMIUM = '/usr/bin/chromium'
const hasChromium = existsSync(CHROMIUM)
const mandatory = process.env.CI !== undefined && process.env.CI !== ''
const skip = !hasChromium && !mandatory
const note = skip ? ` (skipped: ${CHROMIUM} is missing; apt-get install chromium)` : ''
const EN: IndicatorLocale = { language: 'en', tag: 'en-GB', timeZone: 'UTC' }
const ARTIFACTS = path.resolve('test-artifacts/indicator')

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function startPage(socketPath: string, locale = EN, feedbackClearMs?: number): Promise<LocalPage> {
  const session = startIndicatorSession({
    socketPath,
    locale,
    userName: process.env.USER ?? 'root',
    clock: Date.now,
    onView: () => undefined,
  })
  cleanups.push(() => session.close())
  const page = await startLocalPage({
    session,
    actions: createUserActions(createAgentClient(socketPath), 'page', Date.now),
    locale,
    clock: Date.now,
    token: createPageToken(),
    ...(feedbackClearMs === undefined ? {} : { feedbackClearMs }),
  })
  cleanups.push(() => page.close())
  return page
}

async function launch(): Promise<{ browser: BrowserContext; page: Page }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'sitrep-indicator-chromium-'))
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 900, height: 900 },
    // axe-core is injected as a script; the page's policy allows only its own.
    bypassCSP: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  })
  cleanups.push(() => browser.close())
  const page = browser.pages()[0] ?? (await browser.newPage())
  page.setDefaultTimeout(60_000)
  return { browser, page }
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown }[] }[]
}

async function axeViolations(page: Page): Promise<AxeResult['violations']> {
  const source = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  await page.addScriptTag({ content: source })
  const result = await page.evaluate(async () => {
    // axe-core puts itself on window; the page's own types do not know it.
    const axe = (window as unknown as { axe: { run(): Promise<AxeResult> } }).axe
    return axe.run()
  })
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

describe.skipIf(skip)(`the local page in Chromium${note}`, () => {
  it('queues an install while the agent is busy, shows position and estimate, withdraws another request, then its start and end; snoozes a restart', async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    const real = await startRealAgent([
      { deploymentId: 'PS100002', name: 'Editor', intent: 'available', seconds: 4 },
      { deploymentId: 'PS100004', name: 'Viewer', intent: 'available', seconds: 4 },
    ])
    cleanups.push(() => real.close())
    // Answers clear after 8 s here (20 s by default), so the test sees it happen.
    const local = await startPage(real.socketPath, EN, 8000)
    const { page } = await launch()
    await page.goto(local.url)
    expect(new URL(page.url()).search).toBe('')
    const headline = page.locator('#headline')
    await headline.getByText('Nothing is installing. Your installs start right away.').waitFor()
    await page.getByRole('heading', { level: 1, name: 'What this computer is doing' }).waitFor()
    await page.locator('#catalogue').getByText('Available', { exact: true }).first().waitFor()
    await page.screenshot({ path: path.join(ARTIFACTS, 'indicator-page-free.png') })

    // Estimated at 5 minutes, so the request's estimate reads "in about n minutes".
    await real.deploy({
      deploymentId: 'PS100001',
      name: 'Security Update',
      intent: 'required',
      seconds: 16,
      estimatedRunMinutes: 5,
    })
    await headline.getByText('Installing Security Update').waitFor()
    await page.getByRole('button', { name: 'Install Editor' }).click()
    await page
      .locator('#feedback')
      .getByText(/^Requested\. Editor is next, starts in about \d+ minutes? \(around (?:\w+ )?\d+:\d\d\)\.$/)
      .waitFor()
    const yours = page.locator('#your-requests')
    await yours
      .getByText(/^Editor is next, starts in about \d+ minutes? \(around (?:\w+ )?\d+:\d\d\)\./)
      .waitFor()
    await page.locator('#catalogue').getByText('Requested, next in line').waitFor()
    await page.getByRole('button', { name: 'Install Viewer' }).click()
    await yours
      .getByText(/^Viewer is 2nd in line, starts in about \d+ minutes? \(around (?:\w+ )?\d+:\d\d\)\./)
      .waitFor()
    await page.screenshot({ path: path.join(ARTIFACTS, 'indicator-page-busy-request.png') })
    expect(await axeViolations(page)).toEqual([])

    // Withdraw the second request: it leaves the list and the application is offered again.
    await page.getByRole('button', { name: 'Cancel request: Viewer' }).click()
    await page.locator('#feedback').getByText('The request for Viewer was cancelled.').waitFor()
    await waitFor('Viewer to leave the requests', async () => (await yours.getByText('Viewer').count()) === 0)
    await page.getByRole('button', { name: 'Install Viewer' }).waitFor()
    await waitFor('the withdrawal at the site', () => real.site.messages(42204).length === 1)
    expect(real.site.messages(42204)[0]?.insertionStrings).toEqual(['Viewer', expect.any(String), 'page'])

    await headline.getByText('Installing Editor').waitFor()
    // The answer to the last action does not linger once the state has moved on.
    await waitFor('the answer to clear', async () => (await page.locator('#feedback').textContent()) === '')
    // The live region says what changed (the user's install started), not every percent.
    await waitFor('the announcement', async () =>
      (await page.locator('#announcer').textContent())?.startsWith('Installing Editor'),
    )
    await page
      .locator('#recent')
      .getByText(/Editor was installed\.$/)
      .waitFor()
    await headline.getByText('Nothing is installing. Your installs start right away.').waitFor()
    await page.locator('#catalogue').getByText('Installed').first().waitFor()

    await real.deploy({
      deploymentId: 'PS100003',
      name: 'Kernel Update',
      intent: 'required',
      seconds: 0,
      exitCode: 3010,
      settings: { restartGraceMinutes: 120 },
    })
    // Times past midnight read with their day ("Tue 0:21"), so clock times match loosely.
    await headline.getByText(/^Restart required by (?:\w+ )?\d+:\d\d$/).waitFor()
    await page.locator('#restart').getByText('Needed for Kernel Update.').waitFor()
    await page.screenshot({ path: path.join(ARTIFACTS, 'indicator-page-restart.png') })
    await page.getByRole('button', { name: 'Remind me in 15 minutes' }).click()
    await page
      .locator('#feedback')
      .getByText(/^Reminders paused until (?:\w+ )?\d+:\d\d\.$/)
      .waitFor()
    expect(await axeViolations(page)).toEqual([])
    // Nothing else changes now; the answer still goes after its time.
    await waitFor(
      'the snooze answer to clear',
      async () => (await page.locator('#feedback').textContent()) === '',
    )

    await waitFor(
      'the page’s reports at the site',
      () => real.site.messages(42202).length === 1 && real.site.messages(42201).length === 2,
    )
    expect(real.site.messages(42201)[0]?.insertionStrings.slice(0, 4)).toEqual([
      'Editor',
      'PS100002',
      'page',
      '1',
    ])
    expect(real.site.messages(42202)[0]?.insertionStrings.slice(0, 2)).toEqual(['15', 'page'])

    await real.stopApi()
    await headline.getByText('The Sitrep agent is not answering').waitFor()
    await page
      .locator('#trouble')
      .getByText(/the Sitrep agent is probably not running|was lost/)
      .waitFor()
  }, 240_000)
})

describe('the local page’s door', () => {
  it('answers only with the token, trades it for an HttpOnly cookie, and refuses other hosts and origins', async () => {
    const local = await startPage('/nonexistent/agent.sock')
    const base = `http://127.0.0.1:${local.port}`
    expect((await fetch(`${base}/`)).status).toBe(401)
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(401)
    const first = await fetch(local.url, { redirect: 'manual' })
    expect(first.status).toBe(303)
    const cookie = first.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^sitrep_indicator=[\w-]+; HttpOnly; SameSite=Strict; Path=\/$/)
    const pair = cookie.split(';')[0] ?? ''
    const page = await fetch(`${base}/`, { headers: { cookie: pair } })
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await page.text()).toContain('<h1>What this computer is doing</h1>')
    // fetch sets Host itself; a plain request names another host, as a rebound name would.
    const rebound = await new Promise<number>((resolve, reject) => {
      request(
        { port: local.port, host: '127.0.0.1', path: '/', headers: { cookie: pair, host: 'evil.example' } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
        .on('error', reject)
        .end()
    })
    expect(rebound).toBe(403)
    const forged = await fetch(`${base}/api/install`, {
      method: 'POST',
      headers: { cookie: pair, origin: 'http://evil.example', 'content-type': 'application/json' },
      body: '{"deploymentId":"PS100002"}',
    })
    expect(forged.status).toBe(403)
  })

  it('writes the page address owner-only into the user’s runtime directory', async () => {
    const runtime = mkdtempSync(path.join(tmpdir(), 'sitrep-runtime-'))
    const file = await writePageFile(runtime, 'http://127.0.0.1:1234/?token=abc')
    expect(file).toBe(path.join(runtime, 'sitrep', 'indicator-page.url'))
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700)
    expect(await readFile(file, 'utf8')).toBe('http://127.0.0.1:1234/?token=abc\n')
  })
})
