/**
 * @sitrep/indicator: the status indicator for the person at the machine. It reads only the
 * agent's local API and words what the agent does (docs/indicator.md).
 *
 * The presenter is the one source of words: every surface (tray, notifications, terminal view,
 * local page, `--json`) renders an {@link IndicatorView}.
 */
export {
  presentIndicator,
  trackOwnJobs,
  textsFor,
  TROUBLE_WINDOW_MS,
  SNOOZE_CHOICES_MINUTES,
  REFRESH_MS,
  COUNTDOWN_REFRESH_MS,
} from './presenter/present-indicator.ts'
export type { PresentOptions } from './presenter/present-indicator.ts'
export { INDICATOR_TONES } from './presenter/indicator-view.ts'
export type {
  AgentConnection,
  IndicatorTone,
  IndicatorView,
  CurrentView,
  QueueItemView,
  WaitingView,
  RestartView,
  SnoozeOption,
  TroubleView,
  RecentView,
  CatalogueItemView,
} from './presenter/indicator-view.ts'
export { pickLocale, posixLocaleToTag, INDICATOR_LANGUAGES } from './presenter/locale.ts'
export type { IndicatorLocale, IndicatorLanguage, LocaleEnvironment } from './presenter/locale.ts'
export { createFormats } from './presenter/formats.ts'
export type { Formats } from './presenter/formats.ts'
export { AGENT_PROBLEMS } from './presenter/texts.ts'
export type {
  AgentProblem,
  IndicatorTexts,
  IndicatorLabels,
  JobAction,
  RestartKind,
} from './presenter/texts.ts'
// Left out on purpose: TEXTS_EN and TEXTS_DE (reach them through textsFor, so a third
// language needs no change in any surface).

// Desktop surfaces: the tray icon and desktop notifications.
export { startDesktopSurfaces } from './desktop/desktop-surfaces.ts'
export type {
  DesktopAction,
  DesktopStatus,
  DesktopSurfaces,
  DesktopSurfacesOptions,
} from './desktop/desktop-surfaces.ts'
