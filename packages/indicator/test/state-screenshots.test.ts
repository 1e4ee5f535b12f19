// Every state of the indicator as the person sees it, for docs/indicator.md: the local page in
// Debian's Chromium (free, busy with the queue's positions and estimates, the restart countdown,
// the agent away, German) and the terminal view as text. Each is drawn from one agent activity
// snapshot through the real presenter and the real page server, and checked for its words.
// Files land in test-artifacts/indicator/; docs/images holds the copies the docs show.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { renderToString } from 'ink'
import { createElement } from 'react'
import { chromium } from 'playwright-core'
import type { AgentActivity } from '@sitrep/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAgentClient } from '../src/client/agent-client.ts'
import { startLocalPage } from '../src/page/page-server.ts'
import { createPageToken } from '../src/page/page-token.ts'
import type { AgentConnection, IndicatorView } from '../src/presenter/indicator-view.ts'
import type { IndicatorLocale } from '../src/presenter/locale.ts'
import { presentIndicator } from '../src/presenter/present-indicator.ts'
import { createUserActions } from '../src/session/user-actions.ts'
import { TerminalView } from '../src/terminal/terminal-view.tsx'
import {
  availableApp,
  finishedJob,
  freeActivity,
  pendingRestart,
  queuedJob,
  runningJob,
} from './helpers/activity-fixtures.ts'

const CHROMIUM = '/usr/bin/chromium'
const mandatory = process.env.CI !== undefined && process.env.CI !== ''
const skip = !existsSync(CHROMIUM) && !mandatory
const ARTIFACTS = path.resolve('test-artifacts/indicator')
const NOW = Date.UTC(2026, 11, 7, 13, 0)
const MINUTE = 60_000
const EN: IndicatorLocale = { language: 'en', tag: 'en-GB', timeZone: 'Europe/London' }
const DE: IndicatorLocale = { language: 'de', tag: 'de-DE', timeZone: 'Europe/Berlin' }
const SOCKET = '/run/sitrep/agent.sock'

const catalogue = [
  availableApp(),
  availableApp({
    deploymentId: 'PS120004',
    applicationId: 'app-inkscape',
    name: 'Inkscape',
    publisher: 'Inkscape Project',
    version: '1.3',
    description: 'Vector graphics',
  }),
  availableApp({
    deploymentId: 'PS120005',
    applicationId: 'app-vlc',
    name: 'VLC',
    publisher: 'VideoLAN',
    version: '3.0',
    description: 'Media player',
    installed: true,
  }),
]

/** Busy: Firefox (1 of 3) at 45 %, two required updates, and the user's two requests behind them. */
function busy(): AgentActivity {
  return freeActivity(NOW, {
    state: 'busy',
    current: runningJob({
      phase: 'installing',
      percent: 45,
      startedAt: NOW - 3 * MINUTE,
      estimatedEndAt: NOW + 4 * MINUTE,
    }),
    queue: [
      queuedJob({
        jobId: 'job-office',
        deploymentId: 'PS120010',
        applicationName: 'Office Suite',
        requestedBy: 'deployment',
        userName: null,
        position: 1,
        estimatedStartAt: NOW + 4 * MINUTE,
      }),
      queuedJob({ position: 2, estimatedStartAt: NOW + 12 * MINUTE, requestedAt: NOW - MINUTE }),
      queuedJob({
        jobId: 'job-inkscape',
        deploymentId: 'PS120004',
        applicationName: 'Inkscape',
        position: 3,
        estimatedStartAt: NOW + 17 * MINUTE,
        requestedAt: NOW - MINUTE,
      }),
    ],
    available: catalogue.map((app) =>
      app.deploymentId === 'PS120002'
        ? { ...app, jobId: 'job-gimp' }
        : app.deploymentId === 'PS120004'
          ? { ...app, jobId: 'job-inkscape' }
          : app,
    ),
    recent: [finishedJob({ finishedAt: NOW - 20 * MINUTE })],
  })
}

/** The last minutes before a restart's deadline: the countdown, no snooze any more. */
function countdown(): AgentActivity {
  return freeActivity(NOW, {
    restart: pendingRestart({
      requestedBy: [
        { source: 'job', name: 'Firefox' },
        { source: 'os', name: 'kernel' },
      ],
      since: NOW - 3 * 60 * MINUTE,
      deadline: NOW + 9 * MINUTE + 42_000,
      countdownFrom: NOW - 5 * MINUTE,
      snoozeLimit: NOW + 9 * MINUTE,
    }),
    available: catalogue,
    recent: [
      finishedJob({
        applicationName: 'Firefox',
        outcome: 'succeeded_restart_required',
        finishedAt: NOW - 3 * 60 * MINUTE,
      }),
    ],
  })
}

const connected = (activity: AgentActivity): AgentConnection => ({
  state: 'connected',
  socketPath: SOCKET,
  activity,
})
const away: AgentConnection = { state: 'unreachable', socketPath: SOCKET, problem: 'no_socket' }

function viewOf(connection: AgentConnection, locale: IndicatorLocale): IndicatorView {
  return presentIndicator(connection, {
    locale,
    now: NOW,
    userName: 'ada',
    ownJobIds: new Set(['job-gimp', 'job-inkscape']),
  })
}

/** The terminal view of `view` as plain text (the selection on the first application). */
function terminalText(view: IndicatorView): string {
  const ui = { selected: 0, feedback: null, confirmingRestart: false }
  return renderToString(createElement(TerminalView, { view, ui }), { columns: 100 })
}

describe('the terminal view of each state, as text', () => {
  it('shows busy with positions and estimates, and the countdown, in the same words as the page', () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    const busyText = terminalText(viewOf(connected(busy()), EN))
    writeFileSync(path.join(ARTIFACTS, 'indicator-tui-busy.txt'), `${busyText}\n`)
    expect(busyText).toContain('● Installing Firefox (1 of 3)')
    expect(busyText).toContain('Running the installer · 45% done · About 4 minutes left')
    expect(busyText).toContain('GIMP is 2nd in line, starts in about 12 minutes (around 13:12).')
    expect(busyText).toContain('Inkscape is 3rd in line, starts in about 17 minutes (around 13:17).')
    const countdownText = terminalText(viewOf(connected(countdown()), DE))
    writeFileSync(path.join(ARTIFACTS, 'indicator-tui-countdown-de.txt'), `${countdownText}\n`)
    expect(countdownText).toContain('Neustart in 9:42')
  })
})

describe.skipIf(skip)('the local page of each state in Chromium', () => {
  let browser: Awaited<ReturnType<typeof chromium.launchPersistentContext>>
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    browser = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'sitrep-shots-')), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 900, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
    })
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
  })

  const cases: [string, AgentConnection, IndicatorLocale, string][] = [
    [
      'indicator-page-busy-queue',
      connected(busy()),
      EN,
      'GIMP is 2nd in line, starts in about 12 minutes (around 13:12).',
    ],
    ['indicator-page-countdown', connected(countdown()), EN, 'Restarting in 9:42'],
    ['indicator-page-agent-away', away, EN, 'The Sitrep agent is not answering'],
    [
      'indicator-page-busy-de',
      connected(busy()),
      DE,
      'GIMP ist an 2. Stelle, beginnt in etwa 12 Minuten (gegen 14:12).',
    ],
  ]

  for (const [name, connection, locale, words] of cases) {
    it(`draws ${name} with its words`, async () => {
      const view = viewOf(connection, locale)
      const local = await startLocalPage({
        session: { view: () => view, subscribe: () => () => undefined },
        // Never called: nothing on these pages is clicked.
        actions: createUserActions(createAgentClient(SOCKET), 'page', () => NOW),
        locale,
        clock: () => NOW,
        token: createPageToken(),
      })
      try {
        const page = await browser.newPage()
        await page.goto(local.url)
        await page.getByText(words).first().waitFor({ timeout: 60_000 })
        await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true })
        await page.close()
      } finally {
        await local.close()
      }
    }, 120_000)
  }
})
