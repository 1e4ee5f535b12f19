import { describe, expect, it } from 'vitest'
import {
  finishedJob,
  freeActivity,
  pendingRestart,
  queuedJob,
  runningJob,
} from '../../test/helpers/activity-fixtures.ts'
import { createFormats } from '../presenter/formats.ts'
import type { IndicatorLocale } from '../presenter/locale.ts'
import { presentIndicator, textsFor } from '../presenter/present-indicator.ts'
import { notificationFor } from './notifications/notification-content.ts'
import { trayViewOf } from './tray/tray-view-of.ts'

const MINUTE = 60_000
const NOW = Date.UTC(2026, 11, 7, 13, 0, 0)
const EN: IndicatorLocale = { language: 'en', tag: 'en-GB', timeZone: 'UTC' }
const DE: IndicatorLocale = { language: 'de', tag: 'de-DE', timeZone: 'Europe/Berlin' }

function view(activity: ReturnType<typeof freeActivity>, locale = EN, now = NOW) {
  return presentIndicator(
    { state: 'connected', socketPath: '/run/sitrep/agent.sock', activity },
    { locale, now, userName: 'ada' },
  )
}

describe('tray view', () => {
  it('shows a free agent as a green icon with the free sentence and the page', () => {
    const tray = trayViewOf(view(freeActivity(NOW)), true)
    expect(tray.tone).toBe('free')
    expect(tray.lines).toEqual(['Nothing is installing. Your installs start right away.'])
    expect(tray.actions).toEqual({ openPage: 'Open status page', quit: 'Hide this icon' })
  })

  it('lists what installs and the person’s own place in line', () => {
    const activity = freeActivity(NOW, {
      state: 'busy',
      current: runningJob({ applicationName: 'Firefox', index: 1, total: 3 }),
      queue: [queuedJob({ applicationName: 'GIMP', requestedBy: 'user', userName: 'ada', position: 2 })],
    })
    const tray = trayViewOf(view(activity), false)
    expect(tray.tone).toBe('busy')
    expect(tray.lines[0]).toBe('Installing Firefox (1 of 3)')
    expect(tray.lines.some((line) => line.startsWith('GIMP is 2nd in line'))).toBe(true)
    expect(tray.actions.openPage).toBeUndefined()
  })

  it('puts a pending restart first, with "restart now" and a snooze', () => {
    const restart = pendingRestart({
      deadline: NOW + 4 * 60 * MINUTE,
      countdownFrom: NOW + 4 * 60 * MINUTE - 15 * MINUTE,
      snoozeLimit: NOW + 4 * 60 * MINUTE,
    })
    const tray = trayViewOf(view(freeActivity(NOW, { restart })), true)
    expect(tray.tone).toBe('restart')
    expect(tray.lines[0]).toMatch(/^Restart required by /)
    expect(tray.actions.restartNow).toBe('Restart now')
    expect(tray.actions.snooze).toMatch(/^Remind me in /)
  })

  it('speaks German in a German session', () => {
    const tray = trayViewOf(view(freeActivity(NOW), DE), true)
    expect(tray.actions).toEqual({ openPage: 'Statusseite öffnen', quit: 'Dieses Symbol ausblenden' })
  })
})

describe('notification words', () => {
  const formats = createFormats(EN, textsFor(EN))

  it('tells a finished request in plain words', () => {
    const job = finishedJob({ applicationName: 'Firefox', outcome: 'succeeded' })
    expect(notificationFor({ kind: 'request_finished', job }, view(freeActivity(NOW)), formats, NOW)).toEqual(
      {
        summary: 'Firefox is installed',
        body: 'It is ready to use.',
        urgency: 'normal',
      },
    )
  })

  it('tells a failure with the exit code and when the agent tries again', () => {
    const job = finishedJob({
      applicationName: 'Firefox',
      outcome: 'failed',
      exitCode: 1603,
      nextRetryAt: NOW + 60 * MINUTE,
    })
    const content = notificationFor({ kind: 'request_failed', job }, view(freeActivity(NOW)), formats, NOW)
    expect(content?.summary).toBe('Firefox could not be installed')
    expect(content?.body).toBe('The installer ended with code 1603. The agent tries again at 14:00.')
  })

  it('words the restart countdown as the tray does, urgent and not expiring', () => {
    const restart = pendingRestart({ deadline: NOW + 10 * MINUTE, countdownFrom: NOW - 5 * MINUTE })
    const v = view(freeActivity(NOW, { restart }))
    const content = notificationFor({ kind: 'deadline_near', restart }, v, formats, NOW)
    expect(content?.summary).toBe(v.restart?.countdown?.text)
    expect(content?.urgency).toBe('critical')
    expect(content?.expireMs).toBe(0)
    expect(content?.body).toBe('Save your work now: the computer restarts when the countdown ends.')
  })

  it('words a started request in German for a German session', () => {
    const de = createFormats(DE, textsFor(DE))
    const content = notificationFor(
      { kind: 'request_started', jobId: 'j1', applicationName: 'Firefox', action: 'install' },
      view(freeActivity(NOW), DE),
      de,
      NOW,
    )
    expect(content).toEqual({
      summary: 'Firefox wird installiert',
      body: 'Ihre Anfrage läuft. Sie können weiterarbeiten.',
      urgency: 'low',
    })
  })
})
