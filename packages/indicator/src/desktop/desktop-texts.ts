/**
 * The words of the tray menu and of desktop notifications, in each language the indicator
 * speaks. Restart notifications reuse the presenter's sentences (the same words as the tray and
 * the page); these are the ones only the desktop says.
 */
import type { FinishedJob } from '@sitrep/protocol'
import type { IndicatorLanguage } from '../presenter/locale.ts'

type Action = 'install' | 'uninstall'

/** Sentences of the desktop surfaces in one language. */
export interface DesktopTexts {
  readonly openPage: string
  readonly quit: string
  readonly restartNow: (kind: 'restart' | 'logoff') => string
  readonly started: (action: Action, name: string) => { summary: string; body: string }
  readonly finished: (
    action: Action,
    name: string,
    outcome: FinishedJob['outcome'],
  ) => { summary: string; body: string }
  /** `retryAt` is already a formatted clock time, or null when no retry is planned. */
  readonly failed: (
    action: Action,
    name: string,
    outcome: FinishedJob['outcome'],
    exitCode: number | null,
    retryAt: string | null,
  ) => { summary: string; body: string }
  readonly countdownBody: (kind: 'restart' | 'logoff') => string
}

const EN: DesktopTexts = {
  openPage: 'Open status page',
  quit: 'Hide this icon',
  restartNow: (kind) => (kind === 'restart' ? 'Restart now' : 'Log off now'),
  started: (action, name) => ({
    summary: `${action === 'install' ? 'Installing' : 'Removing'} ${name}`,
    body: 'Your request has started. You can keep working.',
  }),
  finished: (action, name, outcome) => {
    if (outcome === 'already_installed')
      return { summary: `${name} was already installed`, body: 'Nothing had to change.' }
    const summary = action === 'install' ? `${name} is installed` : `${name} was removed`
    if (outcome === 'succeeded_restart_required') return { summary, body: 'Restart the computer to finish.' }
    if (outcome === 'succeeded_logoff_required') return { summary, body: 'Log off and on again to finish.' }
    return { summary, body: action === 'install' ? 'It is ready to use.' : 'Nothing else is needed.' }
  },
  failed: (action, name, outcome, exitCode, retryAt) => {
    const summary = `${name} could not be ${action === 'install' ? 'installed' : 'removed'}`
    const why =
      outcome === 'timed_out'
        ? 'The installer ran longer than allowed and was stopped.'
        : outcome === 'requirements_not_met'
          ? 'This computer does not meet its requirements.'
          : exitCode === null
            ? 'The installer failed.'
            : `The installer ended with code ${exitCode}.`
    const next =
      retryAt === null ? 'Ask your IT support if you need it soon.' : `The agent tries again at ${retryAt}.`
    return { summary, body: `${why} ${next}` }
  },
  countdownBody: (kind) =>
    kind === 'restart'
      ? 'Save your work now: the computer restarts when the countdown ends.'
      : 'Save your work now: you will be logged off when the countdown ends.',
}

const DE: DesktopTexts = {
  openPage: 'Statusseite öffnen',
  quit: 'Dieses Symbol ausblenden',
  restartNow: (kind) => (kind === 'restart' ? 'Jetzt neu starten' : 'Jetzt abmelden'),
  started: (action, name) => ({
    summary: `${name} wird ${action === 'install' ? 'installiert' : 'entfernt'}`,
    body: 'Ihre Anfrage läuft. Sie können weiterarbeiten.',
  }),
  finished: (action, name, outcome) => {
    if (outcome === 'already_installed')
      return { summary: `${name} war schon installiert`, body: 'Es musste nichts geändert werden.' }
    const summary = action === 'install' ? `${name} ist installiert` : `${name} wurde entfernt`
    if (outcome === 'succeeded_restart_required')
      return { summary, body: 'Starten Sie den Computer neu, um abzuschließen.' }
    if (outcome === 'succeeded_logoff_required')
      return { summary, body: 'Melden Sie sich ab und wieder an, um abzuschließen.' }
    return {
      summary,
      body: action === 'install' ? 'Sie können es jetzt verwenden.' : 'Sonst ist nichts zu tun.',
    }
  },
  failed: (action, name, outcome, exitCode, retryAt) => {
    const summary = `${name} konnte nicht ${action === 'install' ? 'installiert' : 'entfernt'} werden`
    const why =
      outcome === 'timed_out'
        ? 'Das Installationsprogramm lief länger als erlaubt und wurde beendet.'
        : outcome === 'requirements_not_met'
          ? 'Dieser Computer erfüllt die Voraussetzungen nicht.'
          : exitCode === null
            ? 'Das Installationsprogramm ist fehlgeschlagen.'
            : `Das Installationsprogramm endete mit Code ${exitCode}.`
    const next =
      retryAt === null
        ? 'Wenden Sie sich an Ihren IT-Support, wenn Sie es bald brauchen.'
        : `Der Agent versucht es um ${retryAt} erneut.`
    return { summary, body: `${why} ${next}` }
  },
  countdownBody: (kind) =>
    kind === 'restart'
      ? 'Speichern Sie jetzt Ihre Arbeit: Der Computer startet neu, wenn der Countdown abläuft.'
      : 'Speichern Sie jetzt Ihre Arbeit: Sie werden abgemeldet, wenn der Countdown abläuft.',
}

/** The desktop's sentences in `language`. */
export function desktopTexts(language: IndicatorLanguage): DesktopTexts {
  return language === 'de' ? DE : EN
}
