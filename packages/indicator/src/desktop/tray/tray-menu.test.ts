import { describe, expect, it } from 'vitest'
import { TRAY_LINE_SLOTS, TRAY_TITLE_MAX, actionOfSlot, slotIdOfAction, trayItems } from './tray-menu.ts'

describe('tray menu', () => {
  const view = {
    tone: 'busy' as const,
    tooltip: 'Installing Firefox (1 of 3)',
    lines: ['Installing Firefox (1 of 3)', 'About 4 minutes left'],
    actions: { openPage: 'Open status page', quit: 'Quit' },
  }

  it('keeps a fixed layout: every line slot and every action slot, always in the same place', () => {
    const items = trayItems(view)
    expect(items).toHaveLength(TRAY_LINE_SLOTS + 4)
    expect(items.map((item) => item.__id)).toEqual(
      Array.from({ length: TRAY_LINE_SLOTS + 4 }, (_, i) => i + 1),
    )
  })

  it('shows the status lines it has and hides the empty slots', () => {
    const items = trayItems(view)
    expect(items.slice(0, 3).map((item) => [item.title, item.hidden])).toEqual([
      ['Installing Firefox (1 of 3)', false],
      ['About 4 minutes left', false],
      ['', true],
    ])
  })

  it('shows only the actions the view offers', () => {
    const items = trayItems(view)
    const shown = items
      .filter((item) => !item.hidden && item.__id > TRAY_LINE_SLOTS)
      .map((item) => item.title)
    expect(shown).toEqual(['Open status page', 'Quit'])
  })

  it('maps a clicked slot back to its action, a status line to opening the page', () => {
    expect(actionOfSlot(slotIdOfAction('snooze'))).toBe('snooze')
    expect(actionOfSlot(slotIdOfAction('quit'))).toBe('quit')
    expect(actionOfSlot(1)).toBe('openPage')
    expect(actionOfSlot(99)).toBeNull()
  })

  it('shortens a long line with an ellipsis and flattens line breaks', () => {
    const long = trayItems({ ...view, lines: [`Installing ${'x'.repeat(100)}\nnext`] })[0]
    expect(long?.title).toHaveLength(TRAY_TITLE_MAX)
    expect(long?.title.endsWith('…')).toBe(true)
    expect(long?.title).not.toContain('\n')
  })
})
