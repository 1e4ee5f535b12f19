/**
 * What the tray shows, as data: the icon's tone, its tooltip, a few lines of status and the
 * actions the person may take. The menu has fixed slots (the tray helper updates items in place
 * more reliably than it rebuilds menus), so a view becomes "slot n shows this title, or is
 * hidden". Pure.
 */
import type { IconTone } from './tray-icon.ts'

/** The actions a tray menu offers; each is a slot that shows only when the view names it. */
export const TRAY_ACTIONS = ['openPage', 'snooze', 'restartNow', 'quit'] as const
export type TrayAction = (typeof TRAY_ACTIONS)[number]

/** What the tray should show now. */
export interface TrayView {
  readonly tone: IconTone
  readonly tooltip: string
  /** Status lines, most important first; more than {@link TRAY_LINE_SLOTS} are cut. */
  readonly lines: readonly string[]
  /** The label of each action on offer; an action without a label is hidden. */
  readonly actions: Partial<Record<TrayAction, string>>
}

/** Status lines the menu has room for. */
export const TRAY_LINE_SLOTS = 6

/** One item of the tray helper's menu protocol (systray2). */
export interface TrayItem {
  readonly title: string
  readonly tooltip: string
  readonly checked: boolean
  readonly enabled: boolean
  readonly hidden: boolean
  readonly __id: number
}

/** The slot layout: status lines first, then the actions, each with a fixed id from 1. */
export function slotIdOfLine(index: number): number {
  return index + 1
}

export function slotIdOfAction(action: TrayAction): number {
  return TRAY_LINE_SLOTS + TRAY_ACTIONS.indexOf(action) + 1
}

/** The action behind a clicked slot id: a status line opens the page; `null` for no slot. */
export function actionOfSlot(id: number): TrayAction | null {
  if (id >= 1 && id <= TRAY_LINE_SLOTS) return 'openPage'
  return TRAY_ACTIONS[id - TRAY_LINE_SLOTS - 1] ?? null
}

/** Longest menu title; longer lines end with an ellipsis so the menu stays narrow. */
export const TRAY_TITLE_MAX = 64

function fit(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= TRAY_TITLE_MAX ? flat : `${flat.slice(0, TRAY_TITLE_MAX - 1)}…`
}

/** Every slot's item for a view, in menu order. */
export function trayItems(view: TrayView): TrayItem[] {
  const lines: TrayItem[] = Array.from({ length: TRAY_LINE_SLOTS }, (_, index) => {
    const line = view.lines[index]
    return {
      title: line === undefined ? '' : fit(line),
      tooltip: line ?? '',
      checked: false,
      // Status lines stay enabled so they read in full contrast; clicking one opens the page.
      enabled: true,
      hidden: line === undefined,
      __id: slotIdOfLine(index),
    }
  })
  const actions: TrayItem[] = TRAY_ACTIONS.map((action) => {
    const label = view.actions[action]
    return {
      title: label === undefined ? '' : fit(label),
      tooltip: label ?? '',
      checked: false,
      enabled: label !== undefined,
      hidden: label === undefined,
      __id: slotIdOfAction(action),
    }
  })
  return [...lines, ...actions]
}
