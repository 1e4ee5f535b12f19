/**
 * The tray's share of the indicator view: the icon follows the view's tone, the tooltip its
 * headline, and the menu lists what runs, the person's own requests, a pending restart and any
 * trouble, with the actions that fit. Pure.
 */
import type { IndicatorView } from '../../presenter/indicator-view.ts'
import { desktopTexts } from '../desktop-texts.ts'
import type { TrayAction, TrayView } from './tray-menu.ts'
import { TRAY_LINE_SLOTS } from './tray-menu.ts'

/** Builds the tray view; `pageOffered` is false when the local page is not running. */
export function trayViewOf(view: IndicatorView, pageOffered: boolean): TrayView {
  const texts = desktopTexts(view.language)
  const lines: string[] = []
  const add = (line: string | null | undefined): void => {
    if (line !== null && line !== undefined && line !== '' && !lines.includes(line)) lines.push(line)
  }
  if (view.restart !== null) {
    add(view.restart.countdown?.text ?? view.restart.title)
    add(view.restart.reasonText)
  }
  add(view.current?.title ?? view.headline)
  add(view.current?.detail)
  if (view.current === null) add(view.waiting?.text)
  for (const request of view.yourRequests) add(request.text)
  for (const trouble of view.trouble) add(trouble.text)
  const actions: Partial<Record<TrayAction, string>> = { quit: texts.quit }
  if (pageOffered) actions.openPage = texts.openPage
  const restart = view.restart
  if (restart !== null) {
    actions.restartNow = restart.actNowLabel
    const firstSnooze = restart.countdown === null ? restart.snoozeOptions[0] : undefined
    if (firstSnooze !== undefined) actions.snooze = firstSnooze.label
  }
  return { tone: view.tone, tooltip: view.headline, lines: lines.slice(0, TRAY_LINE_SLOTS), actions }
}
