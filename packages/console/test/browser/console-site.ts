/**
 * What the browser suite drives: the console built once with Vite's JS API, a real site started
 * in-process on a temp data directory (port 0), seeded through its own reporter and status
 * manager, and Debian's Chromium launched through playwright-core (which downloads nothing).
 */
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseSiteConfig, startSite } from '@sitrep/site'
import type { RunningSite } from '@sitrep/site'
import { pino } from 'pino'
import { chromium } from 'playwright-core'
import type { BrowserContext, Page } from 'playwright-core'
import { build } from 'vite'

/** Debian's Chromium; `.ci/run` installs it with apt. */
export const CHROMIUM = '/usr/bin/chromium'
const CONSOLE_DIR = path.resolve(import.meta.dirname, '../..')
/** Screenshots land here (git-ignored); docs/images holds the copies the docs show. */
export const ARTIFACTS = path.resolve(CONSOLE_DIR, '../../test-artifacts/console')

/** True when the suite can run: Chromium is there. */
export const hasChromium = existsSync(CHROMIUM)

export interface ConsoleSite {
  readonly site: RunningSite
  readonly browser: BrowserContext
  readonly page: Page
  readonly password: string
  screenshot(name: string): Promise<void>
  close(): Promise<void>
}

/** Builds the console, starts and seeds a site, and opens one Chromium page at 1280×800. */
export async function startConsoleSite(): Promise<ConsoleSite> {
  await buildOnce()
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sitrep-console-site-'))
  const profile = mkdtempSync(path.join(tmpdir(), 'sitrep-chromium-'))
  mkdirSync(ARTIFACTS, { recursive: true })
  // No syslog socket at this path: what a rule sends to the OS log is counted as undelivered.
  const config = parseSiteConfig({
    dataDir,
    http: { host: '127.0.0.1', port: 0 },
    osLog: { mode: 'syslog', socketPath: path.join(dataDir, 'no-syslog.sock') },
    outbox: { pollMs: 50 },
  })
  const site = await startSite(config, { logger: pino({ level: 'silent' }) })
  await seed(site)
  // A fresh profile per run: launchPersistentContext passes it as --user-data-dir.
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  const page = browser.pages()[0] ?? (await browser.newPage())
  page.setDefaultTimeout(15_000)
  return {
    site,
    browser,
    page,
    password: site.firstStartPassword ?? '',
    screenshot: async (name) => {
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false })
    },
    async close() {
      await browser.close()
      await site.stop()
      rmSync(dataDir, { recursive: true, force: true })
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/**
 * Builds the console unless `dist/` already holds a build of the same sources. Browser suites
 * run in parallel processes and the site serves `dist/` of every one of them, so a build
 * happens under a lock directory, and a second suite does not empty `dist/` under the first.
 */
async function buildOnce(): Promise<void> {
  const dist = path.join(CONSOLE_DIR, 'dist')
  const stampFile = path.join(dist, '.sources-sha256')
  const lock = path.join(CONSOLE_DIR, '.build-lock')
  const stamp = sourcesStamp()
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      // A lock older than five minutes is left by a suite that died mid-build.
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 300_000)
        rmSync(lock, { recursive: true, force: true })
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  try {
    if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return
    await build({ configFile: path.join(CONSOLE_DIR, 'vite.config.ts'), logLevel: 'error' })
    writeFileSync(stampFile, stamp)
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

/** SHA-256 over the console's sources, the packages it bundles, its index page and build configuration. */
function sourcesStamp(): string {
  const hash = createHash('sha256')
  const add = (file: string): void => {
    if (statSync(file).isDirectory()) for (const name of readdirSync(file).sort()) add(path.join(file, name))
    else hash.update(file).update(readFileSync(file))
  }
  for (const name of [
    'src',
    'index.html',
    'vite.config.ts',
    'package.json',
    '../api/src',
    '../core/src',
    '../protocol/src',
  ])
    add(path.join(CONSOLE_DIR, name))
  return hash.digest('hex')
}

/** Messages of every severity from two components, a pending client, and a loss entry. */
async function seed(site: RunningSite): Promise<void> {
  const { reporter } = site
  const now = Date.now()
  for (let i = 0; i < 6; i += 1)
    await reporter.raiseInformationalStatusMsg(`Inventory cycle ${i} finished`, 'milestone', {
      component: 'SMS_INVENTORY',
      machine: 'WKS-001',
      time: now - i * 3_600_000,
    })
  for (let i = 0; i < 3; i += 1)
    await reporter.raiseWarningStatusMsg(`Low disk space on drive C: (${i})`, 'milestone', {
      component: 'SMS_DISTRIBUTION_MANAGER',
      machine: 'DP-01',
      time: now - i * 1_800_000,
    })
  await reporter.raiseErrorStatusMsg('Deployment PS120001 failed to download content', 'milestone', {
    component: 'SMS_DISTRIBUTION_MANAGER',
    machine: 'DP-01',
    attributes: [{ id: 401, value: 'PS120001' }],
  })
  await site.statusManager.drain()
  await site.store.registerClient({
    publicKey: Buffer.alloc(32, 7).toString('base64'),
    machine: 'WKS-042',
    fqdn: 'wks-042.corp.example',
    localeId: 1033,
    agentIdentity: 'sitrep-agent',
    agentVersion: '0.1.0',
    agentType: 1,
    status: 'pending',
    registeredAt: now,
  })
  await site.store.transaction((tx) =>
    tx.addLoss([{ siteCode: 'PS1', origin: 'client:unknown', reason: 'refused', count: 3, at: now }]),
  )
}
