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
export { createAgentClient, AGENT_CALL_TIMEOUT_MS } from './client/agent-client.ts'
export type { AgentClient } from './client/agent-client.ts'
export { watchAgent, reconnectDelayMs } from './client/watch-agent.ts'
export type { AgentWatch, WatchAgentOptions } from './client/watch-agent.ts'
export { startIndicatorSession } from './session/indicator-session.ts'
export type { IndicatorSession, IndicatorSessionOptions } from './session/indicator-session.ts'
export { createUserActions } from './session/user-actions.ts'
export type { UserActions } from './session/user-actions.ts'
export { indicatorReport, INDICATOR_MESSAGE_IDS, INDICATOR_SURFACES } from './session/indicator-reports.ts'
export type { IndicatorReport, IndicatorReportBody, IndicatorSurface } from './session/indicator-reports.ts'
export { startLocalPage, PAGE_COOKIE } from './page/page-server.ts'
export type { LocalPage, LocalPageOptions } from './page/page-server.ts'
export { createPageToken, writePageFile, removePageFile, pageFilePath } from './page/page-token.ts'
export { renderPageDocument, renderPageContent, escapeHtml } from './page/render-page.ts'
export { IndicatorError, AgentUnreachableError, AgentRefusedError, INDICATOR_ERROR_CODES } from './errors.ts'
export type { IndicatorErrorCode } from './errors.ts'
// Left out on purpose: the terminal view (ink and React) is its own entry point,
// `@sitrep/indicator/terminal`, so surfaces without a terminal do not load it.
// Left out on purpose: TEXTS_EN and TEXTS_DE (reach them through textsFor, so a third
// language needs no change in any surface).

// Desktop surfaces: the tray icon and desktop notifications.
export { startDesktopSurfaces } from './desktop/desktop-surfaces.ts'
export { runDesktopIndicator } from './desktop/run-desktop-indicator.ts'
export type { DesktopIndicatorOptions } from './desktop/run-desktop-indicator.ts'
export type {
  DesktopAction,
  DesktopStatus,
  DesktopSurfaces,
  DesktopSurfacesOptions,
} from './desktop/desktop-surfaces.ts'

// One indicator per session, and the log-on entries that start it.
export { claimIndicatorSession, sessionLockPath } from './session/session-lock.ts'
export type { RunningIndicator, SessionClaim } from './session/session-lock.ts'
export {
  xdgAutostartEntry,
  launchAgentPlist,
  windowsRunCommand,
  windowsRunRegFile,
  windowsRunRegArgs,
  autostartFilePath,
  DEFAULT_INDICATOR_COMMANDS,
  XDG_AUTOSTART_FILE,
  LAUNCH_AGENT_LABEL,
  WINDOWS_RUN_KEY,
  WINDOWS_RUN_VALUE,
} from './autostart/autostart-entries.ts'
export type { IndicatorCommand } from './autostart/autostart-entries.ts'
export { installAutostart, removeAutostart, autostartPlatformOf } from './autostart/install-autostart.ts'
export type { AutostartOptions, AutostartPlatform, AutostartResult } from './autostart/install-autostart.ts'
