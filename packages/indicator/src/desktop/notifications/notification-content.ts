/**
 * The words and urgency of each notification: job events in the desktop's sentences, restart
 * events in the presenter's (so the notification, the tray and the page say the same). Pure.
 */
import type { IndicatorView } from '../../presenter/indicator-view.ts'
import type { Formats } from '../../presenter/formats.ts'
import { desktopTexts } from '../desktop-texts.ts'
import type { DesktopNotification } from './notification-bus.ts'
import type { NotificationEvent } from './notification-events.ts'

/** The notification for `event`, worded for `view`'s language; `null` when the view has nothing to say about it. */
export function notificationFor(
  event: NotificationEvent,
  view: IndicatorView,
  formats: Formats,
  now: number,
): DesktopNotification | null {
  const texts = desktopTexts(view.language)
  switch (event.kind) {
    case 'request_started':
      return { ...texts.started(event.action, event.applicationName), urgency: 'low' }
    case 'request_finished':
      return {
        ...texts.finished(event.job.action, event.job.applicationName, event.job.outcome),
        urgency: 'normal',
      }
    case 'request_failed': {
      const retry = event.job.nextRetryAt === null ? null : formats.time(event.job.nextRetryAt, now)
      return {
        ...texts.failed(
          event.job.action,
          event.job.applicationName,
          event.job.outcome,
          event.job.exitCode,
          retry,
        ),
        urgency: 'normal',
      }
    }
    case 'restart_required': {
      const restart = view.restart
      if (restart === null) return null
      return {
        summary: restart.title,
        body: [restart.reasonText, restart.deadlineText].filter((part) => part !== '').join(' '),
        urgency: 'normal',
        actions: { default: restart.actNowLabel },
      }
    }
    case 'deadline_near': {
      const restart = view.restart
      if (restart === null) return null
      return {
        summary: restart.countdown?.text ?? restart.title,
        body: texts.countdownBody(restart.kind),
        urgency: 'critical',
        expireMs: 0,
        actions: { default: restart.actNowLabel },
      }
    }
  }
}
