import { AGENT_MODULE, createCatalogue, renderMessage } from '@sitrep/protocol'
import { describe, expect, it } from 'vitest'
import type { IndicatorReport } from './indicator-reports.ts'
import { indicatorReport } from './indicator-reports.ts'

const NOW = Date.UTC(2026, 11, 7, 13, 0)
const catalogue = createCatalogue()

/** The report as the administrator's console shows it, in English and German. */
function rendered(report: IndicatorReport): [string, string] {
  const body = indicatorReport(report)
  const message = {
    module: AGENT_MODULE,
    messageId: body.messageId,
    insertionStrings: [...body.insertionStrings],
    win32Error: 0,
  }
  const en = renderMessage(catalogue, message, { locale: 'en' })
  const de = renderMessage(catalogue, message, { locale: 'de-DE' })
  expect([en.known, en.locale, de.locale]).toEqual([true, 'en', 'de'])
  return [en.text, de.text]
}

describe('indicatorReport', () => {
  it('says which application the user asked for, where, and how long they were told to wait', () => {
    const report = {
      kind: 'install_requested',
      surface: 'page',
      applicationName: 'GIMP',
      deploymentId: 'PS100002',
      position: 3,
      estimatedStartAt: NOW + 12 * 60_000,
      now: NOW,
    } as const
    expect(indicatorReport(report)).toEqual({
      messageId: 42201,
      insertionStrings: ['GIMP', 'PS100002', 'page', '3', '12'],
    })
    expect(rendered(report)).toEqual([
      'The user asked for "GIMP" (deployment PS100002) in the indicator\'s page view; it was queued at position 3, estimated to start in 12 minutes.',
      'Der Benutzer hat "GIMP" (Bereitstellung PS100002) in der Ansicht page der Statusanzeige angefordert; die Anfrage steht an Position 3, geschätzter Beginn in 12 Minuten.',
    ])
  })

  it('words a snooze, a restart accepted, a request withdrawn and a notification dismissed', () => {
    expect(
      rendered({
        kind: 'restart_snoozed',
        surface: 'terminal',
        minutes: 60,
        deadline: NOW + 90 * 60_000,
        now: NOW,
      }),
    ).toEqual([
      "The user put off the restart reminder by 60 minutes in the indicator's terminal view; 90 minutes were left before the deadline.",
      'Der Benutzer hat die Neustart-Erinnerung in der Ansicht terminal der Statusanzeige um 60 Minuten verschoben; bis zur Frist blieben 90 Minuten.',
    ])
    expect(rendered({ kind: 'restart_accepted', surface: 'tray', restartKind: 'restart' })).toEqual([
      "The user accepted the pending restart right away in the indicator's tray view.",
      'Der Benutzer hat den ausstehenden Vorgang (restart) in der Ansicht tray der Statusanzeige sofort angenommen.',
    ])
    expect(
      rendered({ kind: 'request_cancelled', surface: 'page', applicationName: 'GIMP', jobId: 'job-1' }),
    ).toEqual([
      'The user withdrew the request for "GIMP" (job job-1) in the indicator\'s page view.',
      'Der Benutzer hat die Anfrage für "GIMP" (Auftrag job-1) in der Ansicht page der Statusanzeige zurückgezogen.',
    ])
    expect(
      rendered({ kind: 'notification_dismissed', surface: 'notification', summary: 'Restart required' }),
    ).toEqual([
      'The user dismissed the notification "Restart required" (notification).',
      'Der Benutzer hat die Benachrichtigung "Restart required" geschlossen (notification).',
    ])
  })

  it('says "unknown" for a wait nobody could estimate', () => {
    const body = indicatorReport({
      kind: 'install_requested',
      surface: 'terminal',
      applicationName: 'GIMP',
      deploymentId: 'PS100002',
      position: 1,
      estimatedStartAt: null,
      now: NOW,
    })
    expect(body.insertionStrings[4]).toBe('unknown')
  })
})
