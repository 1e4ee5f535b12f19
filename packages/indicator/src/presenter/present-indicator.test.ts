import type { AgentActivity } from '@sitrep/protocol'
import { describe, expect, it } from 'vitest'
import {
  availableApp,
  finishedJob,
  freeActivity,
  pendingRestart,
  queuedJob,
  runningJob,
} from '../../test/helpers/activity-fixtures.ts'
import type { AgentConnection, IndicatorView } from './indicator-view.ts'
import type { IndicatorLocale } from './locale.ts'
import { presentIndicator, trackOwnJobs } from './present-indicator.ts'

const MINUTE = 60_000
/** Monday 7 December 2026, 13:00 UTC (14:00 in Berlin). */
const NOW = Date.UTC(2026, 11, 7, 13, 0, 0)
const EN: IndicatorLocale = { language: 'en', tag: 'en-GB', timeZone: 'UTC' }
const DE: IndicatorLocale = { language: 'de', tag: 'de-DE', timeZone: 'Europe/Berlin' }
const SOCKET = '/run/sitrep/agent.sock'

function connected(activity: AgentActivity): AgentConnection {
  return { state: 'connected', socketPath: SOCKET, activity }
}

/** The view in English and in German, for the same moment. */
function both(
  activity: AgentActivity,
  options: { now?: number; userName?: string; ownJobIds?: ReadonlySet<string> } = {},
): [IndicatorView, IndicatorView] {
  const common = {
    now: options.now ?? NOW,
    userName: options.userName ?? 'ada',
    ...(options.ownJobIds === undefined ? {} : { ownJobIds: options.ownJobIds }),
  }
  return [
    presentIndicator(connected(activity), { ...common, locale: EN }),
    presentIndicator(connected(activity), { ...common, locale: DE }),
  ]
}

describe('presentIndicator: free', () => {
  it('says nothing is installing and installs start right away', () => {
    const [en, de] = both(freeActivity(NOW))
    expect([en.tone, en.headline]).toEqual(['free', 'Nothing is installing. Your installs start right away.'])
    expect([de.tone, de.headline]).toEqual([
      'free',
      'Gerade wird nichts installiert. Ihre Installationen beginnen sofort.',
    ])
    expect(en.announcement).toBe(en.headline)
    expect([en.current, en.waiting, en.restart, en.trouble]).toEqual([null, null, null, []])
  })
})

describe('presentIndicator: busy', () => {
  it('names the job, n of m, the phase, the percent and the time left', () => {
    const activity = freeActivity(NOW, {
      state: 'busy',
      current: runningJob({ percent: 45, estimatedEndAt: NOW + 4 * MINUTE }),
    })
    const [en, de] = both(activity)
    expect(en.tone).toBe('busy')
    expect(en.headline).toBe('Installing Firefox (1 of 3)')
    expect(en.current?.detail).toBe('Downloading · 45% done · About 4 minutes left')
    expect(de.headline).toBe('Firefox wird installiert (1 von 3)')
    expect(de.current?.detail).toBe('Wird heruntergeladen · 45\u00a0% erledigt · Noch etwa 4 Minuten')
    expect(en.current?.percent).toBe(45)
  })

  it('leaves out "1 of 1" for a lone job and words a removal', () => {
    const lone = both(freeActivity(NOW, { state: 'busy', current: runningJob({ index: 1, total: 1 }) }))
    expect(lone.map((v) => v.headline)).toEqual(['Installing Firefox', 'Firefox wird installiert'])
    const removal = both(
      freeActivity(NOW, {
        state: 'busy',
        current: runningJob({ action: 'uninstall', phase: 'uninstalling', index: 2, total: 3 }),
      }),
    )
    expect(removal.map((v) => v.headline)).toEqual([
      'Removing Firefox (2 of 3)',
      'Firefox wird entfernt (2 von 3)',
    ])
    expect(removal.map((v) => v.current?.detail)).toEqual([
      'Running the uninstaller',
      'Das Deinstallationsprogramm läuft',
    ])
  })

  it('words every phase', () => {
    const phases = ['checking', 'downloading', 'installing', 'uninstalling', 'detecting'] as const
    const words = phases.map((phase) =>
      both(freeActivity(NOW, { state: 'busy', current: runningJob({ phase }) })).map(
        (v) => v.current?.phaseText,
      ),
    )
    expect(words).toEqual([
      ['Checking what is needed', 'Es wird geprüft, was nötig ist'],
      ['Downloading', 'Wird heruntergeladen'],
      ['Running the installer', 'Das Installationsprogramm läuft'],
      ['Running the uninstaller', 'Das Deinstallationsprogramm läuft'],
      ['Checking the result', 'Das Ergebnis wird geprüft'],
    ])
  })

  it('uses singular and plural forms and hours in the time left', () => {
    const left = (ms: number) =>
      both(freeActivity(NOW, { state: 'busy', current: runningJob({ estimatedEndAt: NOW + ms }) })).map(
        (v) => v.current?.timeLeftText,
      )
    expect(left(1 * MINUTE)).toEqual(['About 1 minute left', 'Noch etwa 1 Minute'])
    expect(left(2 * MINUTE)).toEqual(['About 2 minutes left', 'Noch etwa 2 Minuten'])
    expect(left(61 * MINUTE)).toEqual(['About 1 hour 1 minute left', 'Noch etwa 1 Stunde 1 Minute'])
    expect(left(125 * MINUTE)).toEqual(['About 2 hours 5 minutes left', 'Noch etwa 2 Stunden 5 Minuten'])
    expect(left(120 * MINUTE)).toEqual(['About 2 hours left', 'Noch etwa 2 Stunden'])
    expect(left(30_000)).toEqual(['Less than a minute left', 'Noch weniger als eine Minute'])
    expect(left(-MINUTE)).toEqual(['Taking longer than expected', 'Dauert länger als erwartet'])
    // Partial minutes round up: 90 seconds is "about 2 minutes", never a promise too early.
    expect(left(90_000)).toEqual(['About 2 minutes left', 'Noch etwa 2 Minuten'])
  })

  it('says only the phase when neither percent nor estimate is known', () => {
    const [en] = both(freeActivity(NOW, { state: 'busy', current: runningJob({ phase: 'installing' }) }))
    expect([en.current?.percentText, en.current?.timeLeftText, en.current?.detail]).toEqual([
      null,
      null,
      'Running the installer',
    ])
  })
})

describe('presentIndicator: your requests', () => {
  const queue = [
    queuedJob({
      jobId: 'u1',
      applicationName: 'Security Update',
      requestedBy: 'deployment',
      userName: null,
      position: 1,
      estimatedStartAt: NOW + 4 * MINUTE,
    }),
    queuedJob({ jobId: 'mine', position: 2, estimatedStartAt: NOW + 12 * MINUTE }),
    queuedJob({
      jobId: 'bob',
      applicationName: 'Inkscape',
      userName: 'bob',
      position: 3,
      estimatedStartAt: NOW + 20 * MINUTE,
    }),
  ]

  it('lists the user’s own requests with position and estimated start', () => {
    const [en, de] = both(freeActivity(NOW, { state: 'busy', current: runningJob(), queue }))
    expect(en.yourRequests.map((q) => q.text)).toEqual([
      'GIMP is 2nd in line, starts in about 12 minutes (around 13:12).',
    ])
    expect(de.yourRequests.map((q) => q.text)).toEqual([
      'GIMP ist an 2. Stelle, beginnt in etwa 12 Minuten (gegen 14:12).',
    ])
    expect(en.queue.map((q) => [q.jobId, q.own, q.required])).toEqual([
      ['u1', false, true],
      ['mine', true, false],
      ['bob', false, false],
    ])
    expect(en.queue[0]?.text).toBe('Security Update is next, starts in about 4 minutes (around 13:04).')
    expect(de.queue[0]?.text).toBe(
      'Security Update ist als Nächstes dran, beginnt in etwa 4 Minuten (gegen 14:04).',
    )
    expect(en.announcement).toBe('Installing Firefox (1 of 3) GIMP is 2nd in line.')
    expect(de.announcement).toBe('Firefox wird installiert (1 von 3) GIMP ist an 2. Stelle.')
  })

  it('updates position and estimate as the jobs ahead finish', () => {
    const steps: AgentActivity[] = [
      freeActivity(NOW, { state: 'busy', current: runningJob(), queue }),
      freeActivity(NOW + 5 * MINUTE, {
        state: 'busy',
        current: runningJob({ jobId: 'u1', applicationName: 'Security Update', index: 2, total: 3 }),
        queue: [queuedJob({ jobId: 'mine', position: 1, estimatedStartAt: NOW + 14 * MINUTE })],
      }),
      freeActivity(NOW + 13 * MINUTE, {
        state: 'busy',
        current: runningJob({ jobId: 'u1', applicationName: 'Security Update', index: 2, total: 3 }),
        queue: [queuedJob({ jobId: 'mine', position: 1, estimatedStartAt: NOW + 13 * MINUTE + 30_000 })],
      }),
      freeActivity(NOW + 14 * MINUTE, {
        state: 'busy',
        current: runningJob({
          jobId: 'mine',
          applicationName: 'GIMP',
          requestedBy: 'user',
          index: 3,
          total: 3,
        }),
      }),
    ]
    let own: ReadonlySet<string> = new Set()
    const seen = steps.map((activity) => {
      own = trackOwnJobs(own, activity, 'ada')
      const [en, de] = both(activity, { now: activity.generatedAt, ownJobIds: own })
      return [
        en.yourRequests[0]?.text ?? en.headline,
        de.yourRequests[0]?.text ?? de.headline,
        en.current?.own,
      ]
    })
    expect(seen).toEqual([
      [
        'GIMP is 2nd in line, starts in about 12 minutes (around 13:12).',
        'GIMP ist an 2. Stelle, beginnt in etwa 12 Minuten (gegen 14:12).',
        false,
      ],
      [
        'GIMP is next, starts in about 9 minutes (around 13:14).',
        'GIMP ist als Nächstes dran, beginnt in etwa 9 Minuten (gegen 14:14).',
        false,
      ],
      ['GIMP is next, starts in a moment.', 'GIMP ist als Nächstes dran, beginnt gleich.', false],
      ['Installing GIMP (3 of 3)', 'GIMP wird installiert (3 von 3)', true],
    ])
  })

  it('says when the start is not known and names the day for a start tomorrow', () => {
    const unknown = both(
      freeActivity(NOW, { queue: [queuedJob({ estimatedStartAt: null })], state: 'waiting' }),
    )
    expect(unknown.map((v) => v.yourRequests[0]?.text)).toEqual([
      'GIMP is next, the start time is not known yet.',
      'GIMP ist als Nächstes dran, wann es beginnt, ist noch nicht bekannt.',
    ])
    const tomorrow = both(
      freeActivity(NOW, { queue: [queuedJob({ position: 4, estimatedStartAt: NOW + 20 * 60 * MINUTE })] }),
    )
    expect(tomorrow.map((v) => v.yourRequests[0]?.text)).toEqual([
      'GIMP is 4th in line, starts in about 20 hours (around Tue 9:00).',
      'GIMP ist an 4. Stelle, beginnt in etwa 20 Stunden (gegen Di 10:00).',
    ])
  })

  it('marks a queued removal', () => {
    const [en, de] = both(
      freeActivity(NOW, {
        queue: [queuedJob({ action: 'uninstall', position: 3, estimatedStartAt: NOW + MINUTE })],
      }),
    )
    expect(en.yourRequests[0]?.text).toBe(
      'GIMP (removal) is 3rd in line, starts in about 1 minute (around 13:01).',
    )
    expect(de.yourRequests[0]?.text).toBe(
      'GIMP (Entfernung) ist an 3. Stelle, beginnt in etwa 1 Minute (gegen 14:01).',
    )
  })
})

describe('presentIndicator: waiting', () => {
  const waitFor = (waiting: AgentActivity['waiting'], restart: AgentActivity['restart'] = null) =>
    both(freeActivity(NOW, { state: 'waiting', waiting, restart, queue: [queuedJob()] })).map(
      (v) => v.headline,
    )

  it('words each reason to wait', () => {
    expect(
      waitFor({ reason: 'maintenance_window', until: Date.UTC(2026, 11, 7, 22, 0), detail: null }),
    ).toEqual([
      'Waiting for the maintenance window, which opens at 22:00.',
      'Wartet auf das Wartungsfenster, das um 23:00 beginnt.',
    ])
    expect(waitFor({ reason: 'maintenance_window', until: null, detail: null })).toEqual([
      'Waiting for the next maintenance window.',
      'Wartet auf das nächste Wartungsfenster.',
    ])
    expect(waitFor({ reason: 'content', until: null, detail: null })).toEqual([
      'Waiting for the installation files to become available.',
      'Wartet darauf, dass die Installationsdateien verfügbar werden.',
    ])
    expect(waitFor({ reason: 'user_closes_application', until: null, detail: 'Thunderbird' })).toEqual([
      'Waiting for you to close Thunderbird.',
      'Wartet darauf, dass Sie Thunderbird schließen.',
    ])
    expect(waitFor({ reason: 'user_closes_application', until: null, detail: null })).toEqual([
      'Waiting for you to close an application.',
      'Wartet darauf, dass Sie eine Anwendung schließen.',
    ])
    expect(waitFor({ reason: 'another_installation', until: null, detail: null })).toEqual([
      'Waiting for another installation on this computer to finish.',
      'Wartet, bis eine andere Installation auf diesem Computer fertig ist.',
    ])
    expect(waitFor({ reason: 'retry', until: NOW + 30 * MINUTE, detail: null })).toEqual([
      'Waiting to try again at 13:30.',
      'Versucht es um 14:30 erneut.',
    ])
    expect(waitFor({ reason: 'pending_restart', until: null, detail: null })).toEqual([
      'Waiting for this computer to restart.',
      'Wartet auf den Neustart dieses Computers.',
    ])
    expect(
      waitFor({ reason: 'pending_restart', until: null, detail: null }, pendingRestart({ kind: 'logoff' })),
    ).toEqual(['Waiting for you to log off.', 'Wartet darauf, dass Sie sich abmelden.'])
  })

  it('shows the reason a queued job waits beside it', () => {
    const [en, de] = both(
      freeActivity(NOW, {
        state: 'waiting',
        queue: [queuedJob({ waitingFor: 'maintenance_window', estimatedStartAt: NOW + 9 * 60 * MINUTE })],
      }),
    )
    expect(en.yourRequests[0]?.waitingText).toBe('Waiting for the maintenance window, which opens at 22:00.')
    expect(de.yourRequests[0]?.waitingText).toBe('Wartet auf das Wartungsfenster, das um 23:00 beginnt.')
    expect(en.tone).toBe('free')
  })
})

describe('presentIndicator: restart or logoff pending', () => {
  const deadline = NOW + 2 * 60 * MINUTE
  const withDeadline = pendingRestart({
    requestedBy: [
      { source: 'job', name: 'Firefox' },
      { source: 'os', name: '/var/run/reboot-required' },
    ],
    deadline,
    countdownFrom: deadline - 15 * MINUTE,
    snoozeLimit: deadline,
  })

  it('says why, by when, and offers snoozes that fit before the deadline and "restart now"', () => {
    const [en, de] = both(freeActivity(NOW, { restart: withDeadline }))
    expect(en.tone).toBe('restart')
    expect(en.headline).toBe('Restart required by 15:00')
    expect(en.restart?.reasonText).toBe('Needed for Firefox and system updates.')
    expect(en.restart?.deadlineText).toBe('This computer restarts at 15:00 (in about 2 hours).')
    expect(en.restart?.snoozeOptions).toEqual([
      { minutes: 15, label: 'Remind me in 15 minutes' },
      { minutes: 60, label: 'Remind me in 1 hour' },
    ])
    expect(en.restart?.actNowLabel).toBe('Restart now')
    expect(en.restart?.confirmText).toBe('Restart this computer now? Work that is not saved is lost.')
    expect(en.restart?.countdown).toBeNull()
    expect(de.headline).toBe('Neustart erforderlich bis 16:00')
    expect(de.restart?.reasonText).toBe('Nötig für Firefox und Systemupdates.')
    expect(de.restart?.deadlineText).toBe('Dieser Computer wird um 16:00 neu gestartet (in etwa 2 Stunden).')
    expect(de.restart?.snoozeOptions.map((o) => o.label)).toEqual([
      'In 15 Minuten erinnern',
      'In 1 Stunde erinnern',
    ])
    expect(de.restart?.actNowLabel).toBe('Jetzt neu starten')
    expect(de.restart?.confirmText).toBe(
      'Diesen Computer jetzt neu starten? Nicht gesicherte Arbeit geht verloren.',
    )
    expect(en.refreshInMs).toBe(15_000)
  })

  it('counts down in the last 15 minutes, without snoozing', () => {
    const now = deadline - 14 * MINUTE - 28_000
    const [en, de] = both(freeActivity(now, { restart: withDeadline }), { now })
    expect(en.restart?.countdown).toEqual({ msLeft: 14 * MINUTE + 28_000, text: 'Restarting in 14:28' })
    expect(de.restart?.countdown?.text).toBe('Neustart in 14:28')
    expect(en.restart?.snoozeOptions).toEqual([])
    expect(en.headline).toBe('Restart required by 15:00')
    expect(en.announcement).toBe(
      'Restart required by 15:00 This computer restarts at 15:00. Save your work now.',
    )
    expect(de.announcement).toBe(
      'Neustart erforderlich bis 16:00 Dieser Computer wird um 16:00 neu gestartet. Sichern Sie jetzt Ihre Arbeit.',
    )
    expect(en.refreshInMs).toBe(1_000)
    const later = both(freeActivity(now, { restart: withDeadline }), { now: deadline - 9_000 })
    expect(later.map((v) => v.restart?.countdown?.text)).toEqual(['Restarting in 0:09', 'Neustart in 0:09'])
  })

  it('counts down from the default 15 minutes when the agent names no countdown start', () => {
    const restart = pendingRestart({ deadline, countdownFrom: null, snoozeLimit: deadline })
    const [en] = both(freeActivity(NOW, { restart }), { now: deadline - 15 * MINUTE })
    expect(en.restart?.countdown?.text).toBe('Restarting in 15:00')
  })

  it('puts the countdown in the headline while a job runs', () => {
    const now = deadline - 5 * MINUTE
    const [en] = both(freeActivity(now, { restart: withDeadline, state: 'busy', current: runningJob() }), {
      now,
    })
    expect([en.tone, en.headline]).toEqual(['restart', 'Restart required by 15:00'])
    const [calm] = both(freeActivity(NOW, { restart: withDeadline, state: 'busy', current: runningJob() }))
    expect([calm.tone, calm.headline]).toEqual(['restart', 'Installing Firefox (1 of 3)'])
    expect(calm.announcement).toBe('Installing Firefox (1 of 3) Restart required by 15:00')
  })

  it('says until when reminders are snoozed', () => {
    const restart = { ...withDeadline, snoozedUntil: NOW + 60 * MINUTE }
    const [en, de] = both(freeActivity(NOW, { restart }))
    expect(en.restart?.deadlineText).toBe(
      'This computer restarts at 15:00 (in about 2 hours). Reminders paused until 14:00.',
    )
    expect(de.restart?.deadlineText).toBe(
      'Dieser Computer wird um 16:00 neu gestartet (in etwa 2 Stunden). Erinnerungen pausiert bis 15:00.',
    )
    expect(en.restart?.snoozedUntil).toBe(NOW + 60 * MINUTE)
  })

  it('asks to restart when it suits the user when nothing is enforced', () => {
    const restart = pendingRestart({ snoozeLimit: NOW + 7 * 24 * 60 * MINUTE })
    const [en, de] = both(freeActivity(NOW, { restart }))
    expect([en.headline, en.restart?.deadlineText]).toEqual([
      'Restart required',
      'Please restart when it suits you.',
    ])
    expect([de.headline, de.restart?.deadlineText]).toEqual([
      'Neustart erforderlich',
      'Bitte starten Sie neu, wenn es Ihnen passt.',
    ])
    expect(en.restart?.snoozeOptions.map((o) => o.label)).toEqual([
      'Remind me in 15 minutes',
      'Remind me in 1 hour',
      'Remind me in 4 hours',
    ])
    expect(de.restart?.snoozeOptions.map((o) => o.label)).toEqual([
      'In 15 Minuten erinnern',
      'In 1 Stunde erinnern',
      'In 4 Stunden erinnern',
    ])
  })

  it('offers no snooze when the deployment allows none', () => {
    const [en] = both(freeActivity(NOW, { restart: { ...withDeadline, snoozeLimit: null } }))
    expect(en.restart?.snoozeOptions).toEqual([])
  })

  it('words a logoff', () => {
    const restart = {
      ...withDeadline,
      kind: 'logoff' as const,
      requestedBy: [{ source: 'job' as const, name: 'VPN Client' }],
    }
    const [en, de] = both(freeActivity(NOW, { restart }))
    expect([en.headline, en.restart?.reasonText, en.restart?.deadlineText, en.restart?.actNowLabel]).toEqual([
      'Log off required by 15:00',
      'Needed for VPN Client.',
      'You will be logged off at 15:00 (in about 2 hours).',
      'Log off now',
    ])
    expect([de.headline, de.restart?.reasonText, de.restart?.deadlineText, de.restart?.actNowLabel]).toEqual([
      'Abmeldung erforderlich bis 16:00',
      'Nötig für VPN Client.',
      'Sie werden um 16:00 abgemeldet (in etwa 2 Stunden).',
      'Jetzt abmelden',
    ])
    const counting = both(freeActivity(NOW, { restart }), { now: deadline - 60_000 })
    expect(counting.map((v) => v.restart?.countdown?.text)).toEqual([
      'Logging off in 1:00',
      'Abmeldung in 1:00',
    ])
  })

  it('says the computer restarts as soon as allowed once the deadline has passed', () => {
    const [en, de] = both(freeActivity(NOW, { restart: withDeadline }), { now: deadline + MINUTE })
    expect(en.restart?.deadlineText).toBe(
      'The deadline has passed; this computer restarts as soon as it is allowed to.',
    )
    expect(de.restart?.deadlineText).toBe(
      'Die Frist ist abgelaufen; dieser Computer wird neu gestartet, sobald es erlaubt ist.',
    )
    expect(en.restart?.countdown).toBeNull()
  })
})

describe('presentIndicator: trouble', () => {
  it('names a failed install and says what happens next', () => {
    const recent = [
      finishedJob({
        jobId: 'f1',
        applicationName: 'GIMP',
        outcome: 'failed',
        exitCode: 1603,
        finishedAt: NOW - MINUTE,
      }),
      finishedJob({
        jobId: 'f2',
        deploymentId: 'PS120009',
        applicationName: 'Security Update',
        requestedBy: 'deployment',
        outcome: 'timed_out',
        exitCode: null,
        finishedAt: NOW - 2 * MINUTE,
      }),
      finishedJob({
        jobId: 'f3',
        deploymentId: 'PS120010',
        applicationName: 'Zoom',
        outcome: 'failed',
        exitCode: null,
        finishedAt: NOW - 3 * MINUTE,
        nextRetryAt: NOW + 30 * MINUTE,
      }),
    ]
    const [en, de] = both(freeActivity(NOW, { recent }))
    expect(en.tone).toBe('trouble')
    expect(en.headline).toBe('Nothing is installing. Your installs start right away.')
    expect(en.trouble.map((x) => [x.text, x.nextText])).toEqual([
      ['GIMP could not be installed (error 1603).', 'You can ask for it again in the list of applications.'],
      ['Installing Security Update took too long and was stopped.', 'Your IT department has been told.'],
      ['Zoom could not be installed.', 'It will be tried again at 13:30.'],
    ])
    expect(de.trouble.map((x) => [x.text, x.nextText])).toEqual([
      [
        'GIMP konnte nicht installiert werden (Fehler 1603).',
        'Sie können es in der Liste der Anwendungen erneut anfordern.',
      ],
      [
        'Die Installation von Security Update dauerte zu lange und wurde abgebrochen.',
        'Ihre IT-Abteilung wurde benachrichtigt.',
      ],
      ['Zoom konnte nicht installiert werden.', 'Es wird um 14:30 erneut versucht.'],
    ])
  })

  it('drops a failure once a later run succeeded, the job is queued again, or a day has passed', () => {
    const failed = finishedJob({
      jobId: 'old',
      outcome: 'failed',
      exitCode: 1,
      finishedAt: NOW - 10 * MINUTE,
    })
    const fixed = both(
      freeActivity(NOW, { recent: [finishedJob({ jobId: 'new', finishedAt: NOW - MINUTE }), failed] }),
    )
    expect(fixed[0].trouble).toEqual([])
    const again = both(
      freeActivity(NOW, { recent: [failed], queue: [queuedJob({ deploymentId: failed.deploymentId })] }),
    )
    expect(again[0].trouble).toEqual([])
    const stale = both(freeActivity(NOW, { recent: [{ ...failed, finishedAt: NOW - 25 * 60 * MINUTE }] }))
    expect([stale[0].trouble, stale[0].tone]).toEqual([[], 'free'])
  })

  it('counts requirements not met as trouble only for a user’s own request', () => {
    const mine = finishedJob({ outcome: 'requirements_not_met', exitCode: null, finishedAt: NOW - MINUTE })
    const [en, de] = both(freeActivity(NOW, { recent: [mine] }))
    expect(en.trouble[0]?.text).toBe(
      'LibreOffice cannot be installed on this computer: it does not meet the requirements.',
    )
    expect(de.trouble[0]?.text).toBe(
      'LibreOffice kann auf diesem Computer nicht installiert werden: die Voraussetzungen fehlen.',
    )
    const required = both(freeActivity(NOW, { recent: [{ ...mine, requestedBy: 'deployment' }] }))
    expect(required[0].trouble).toEqual([])
  })

  it('says the site is unreachable and that work continues from cached policy', () => {
    const activity = freeActivity(NOW, {
      agent: {
        version: '0.1.0',
        clientId: 'c',
        siteCode: 'PS1',
        siteReachable: false,
        lastPolicyAt: NOW - 60 * MINUTE,
      },
    })
    const [en, de] = both(activity)
    expect(en.tone).toBe('trouble')
    expect(en.trouble).toEqual([
      {
        kind: 'site_unreachable',
        jobId: null,
        text: 'The management server cannot be reached. Planned work continues with the instructions received at 12:00.',
        nextText: null,
      },
    ])
    expect(de.trouble[0]?.text).toBe(
      'Der Verwaltungsserver ist nicht erreichbar. Geplante Arbeiten laufen mit den um 13:00 erhaltenen Anweisungen weiter.',
    )
    const never = both(freeActivity(NOW, { agent: { ...activity.agent, lastPolicyAt: null } }))
    expect(never.map((v) => v.trouble[0]?.text)).toEqual([
      'The management server cannot be reached. Planned work continues with the instructions this computer already has.',
      'Der Verwaltungsserver ist nicht erreichbar. Geplante Arbeiten laufen mit den Anweisungen weiter, die dieser Computer schon hat.',
    ])
  })
})

describe('presentIndicator: the agent is not reachable', () => {
  const offline = (connection: AgentConnection) =>
    [EN, DE].map((locale) => presentIndicator(connection, { locale, now: NOW, userName: 'ada' }))

  it('says it is connecting', () => {
    const [en, de] = offline({ state: 'connecting', socketPath: SOCKET })
    expect([en?.tone, en?.connection, en?.headline]).toEqual([
      'offline',
      'connecting',
      'Connecting to the Sitrep agent…',
    ])
    expect(de?.headline).toBe('Verbindung zum Sitrep-Agent wird hergestellt …')
  })

  it('says clearly that the agent is not running, and why, in both languages', () => {
    const words = (['no_socket', 'refused', 'permission', 'bad_reply', 'lost'] as const).map((problem) =>
      offline({ state: 'unreachable', socketPath: SOCKET, problem }).map((v) => v.trouble[0]?.text),
    )
    expect(words).toEqual([
      [
        'There is no agent socket at /run/sitrep/agent.sock; the Sitrep agent is probably not running.',
        'Unter /run/sitrep/agent.sock gibt es keinen Agent-Socket; der Sitrep-Agent läuft vermutlich nicht.',
      ],
      [
        'The agent socket at /run/sitrep/agent.sock refuses connections; the agent may be restarting.',
        'Der Agent-Socket unter /run/sitrep/agent.sock nimmt keine Verbindungen an; der Agent startet vielleicht gerade neu.',
      ],
      [
        'This account may not open the agent socket at /run/sitrep/agent.sock.',
        'Dieses Konto darf den Agent-Socket unter /run/sitrep/agent.sock nicht öffnen.',
      ],
      [
        'The agent at /run/sitrep/agent.sock answered something this indicator does not understand; their versions may not match.',
        'Der Agent unter /run/sitrep/agent.sock antwortet etwas, das diese Anzeige nicht versteht; vielleicht passen die Versionen nicht zusammen.',
      ],
      [
        'The connection to the agent at /run/sitrep/agent.sock was lost.',
        'Die Verbindung zum Agent unter /run/sitrep/agent.sock ist abgebrochen.',
      ],
    ])
    const [en, de] = offline({ state: 'unreachable', socketPath: SOCKET, problem: 'no_socket' })
    expect([en?.tone, en?.headline, en?.trouble[0]?.nextText]).toEqual([
      'offline',
      'The Sitrep agent is not answering',
      'The indicator keeps trying and shows what the agent does as soon as it answers.',
    ])
    expect([de?.headline, de?.trouble[0]?.nextText]).toEqual([
      'Der Sitrep-Agent antwortet nicht',
      'Die Anzeige versucht es weiter und zeigt, was der Agent tut, sobald er antwortet.',
    ])
  })
})

describe('presentIndicator: recent jobs', () => {
  it('words every outcome with its time', () => {
    const outcomes = [
      'succeeded',
      'succeeded_restart_required',
      'succeeded_logoff_required',
      'already_installed',
      'requirements_not_met',
      'failed',
      'timed_out',
      'cancelled',
    ] as const
    const recent = outcomes.map((outcome, i) =>
      finishedJob({
        jobId: `j${i}`,
        deploymentId: `D${i}`,
        outcome,
        exitCode: outcome === 'failed' ? 2 : null,
        finishedAt: NOW - 2 * MINUTE,
      }),
    )
    const [en, de] = both(freeActivity(NOW, { recent }))
    expect(en.recent.map((r) => r.text)).toEqual([
      '12:58: LibreOffice was installed.',
      '12:58: LibreOffice was installed; a restart finishes it.',
      '12:58: LibreOffice was installed; logging off and on again finishes it.',
      '12:58: LibreOffice was already installed.',
      '12:58: LibreOffice cannot be installed on this computer: it does not meet the requirements.',
      '12:58: LibreOffice could not be installed (error 2).',
      '12:58: Installing LibreOffice took too long and was stopped.',
      '12:58: The request for LibreOffice was cancelled.',
    ])
    expect(de.recent.map((r) => r.text)).toEqual([
      '13:58: LibreOffice wurde installiert.',
      '13:58: LibreOffice wurde installiert; ein Neustart schließt es ab.',
      '13:58: LibreOffice wurde installiert; Ab- und wieder Anmelden schließt es ab.',
      '13:58: LibreOffice war schon installiert.',
      '13:58: LibreOffice kann auf diesem Computer nicht installiert werden: die Voraussetzungen fehlen.',
      '13:58: LibreOffice konnte nicht installiert werden (Fehler 2).',
      '13:58: Die Installation von LibreOffice dauerte zu lange und wurde abgebrochen.',
      '13:58: Die Anfrage für LibreOffice wurde zurückgezogen.',
    ])
    expect(en.recent.map((r) => r.failed)).toEqual([false, false, false, false, true, true, true, false])
  })

  it('words removals', () => {
    const recent = [
      finishedJob({ action: 'uninstall', finishedAt: NOW - MINUTE }),
      finishedJob({
        jobId: 'x',
        deploymentId: 'X',
        action: 'uninstall',
        outcome: 'timed_out',
        finishedAt: NOW - MINUTE,
      }),
    ]
    const [en, de] = both(freeActivity(NOW, { recent }))
    expect(en.recent.map((r) => r.text)).toEqual([
      '12:59: LibreOffice was removed.',
      '12:59: Removing LibreOffice took too long and was stopped.',
    ])
    expect(de.recent.map((r) => r.text)).toEqual([
      '13:59: LibreOffice wurde entfernt.',
      '13:59: Das Entfernen von LibreOffice dauerte zu lange und wurde abgebrochen.',
    ])
  })
})

describe('presentIndicator: catalogue', () => {
  it('says for each application whether it can be installed, is installed, queued or running', () => {
    const activity = freeActivity(NOW, {
      state: 'busy',
      current: runningJob({ jobId: 'run', deploymentId: 'D1', requestedBy: 'user' }),
      queue: [
        queuedJob({ jobId: 'q1', deploymentId: 'D2', position: 1 }),
        queuedJob({ jobId: 'q2', deploymentId: 'D3', position: 2 }),
      ],
      available: [
        availableApp({ deploymentId: 'D1', name: 'Firefox', jobId: 'run' }),
        availableApp({ deploymentId: 'D2', name: 'GIMP', jobId: 'q1' }),
        availableApp({ deploymentId: 'D3', name: 'Inkscape', jobId: 'q2' }),
        availableApp({ deploymentId: 'D4', name: 'VLC', installed: true }),
        availableApp({ deploymentId: 'D5', name: 'Zoom' }),
      ],
    })
    const [en, de] = both(activity)
    expect(en.catalogue.map((a) => [a.name, a.status, a.statusText, a.canInstall])).toEqual([
      ['Firefox', 'running', 'Installing now', false],
      ['GIMP', 'queued', 'Requested, next in line', false],
      ['Inkscape', 'queued', 'Requested, 2nd in line', false],
      ['VLC', 'installed', 'Installed', false],
      ['Zoom', 'available', 'Available', true],
    ])
    expect(de.catalogue.map((a) => a.statusText)).toEqual([
      'Wird gerade installiert',
      'Angefordert, als Nächstes dran',
      'Angefordert, an 2. Stelle',
      'Installiert',
      'Verfügbar',
    ])
    expect([en.labels.install, de.labels.install]).toEqual(['Install', 'Installieren'])
  })
})

describe('presentIndicator: announcements', () => {
  it('stay the same while only the percent and the time left change', () => {
    const at = (percent: number, left: number) =>
      both(
        freeActivity(NOW, {
          state: 'busy',
          current: runningJob({ percent, estimatedEndAt: NOW + left }),
          queue: [queuedJob({ position: 1, estimatedStartAt: NOW + left })],
        }),
      )[0]
    const a = at(10, 9 * MINUTE)
    const b = at(60, 3 * MINUTE)
    expect(a.current?.detail).not.toBe(b.current?.detail)
    expect(a.announcement).toBe(b.announcement)
    expect(a.announcement).toBe('Installing Firefox (1 of 3) GIMP is next.')
  })
})

describe('trackOwnJobs', () => {
  it('keeps a request of the user’s once it runs and forgets it once it is gone', () => {
    const queued = freeActivity(NOW, {
      queue: [queuedJob({ jobId: 'mine' }), queuedJob({ jobId: 'bob', userName: 'bob' })],
    })
    const running = freeActivity(NOW, { state: 'busy', current: runningJob({ jobId: 'mine' }) })
    const gone = freeActivity(NOW)
    const a = trackOwnJobs(new Set(), queued, 'ada')
    const b = trackOwnJobs(a, running, 'ada')
    const c = trackOwnJobs(b, gone, 'ada')
    expect([[...a], [...b], [...c]]).toEqual([['mine'], ['mine'], []])
  })
})
