/** The indicator's German sentences (Sie-Form, as German desktops address their users). */
import type { IndicatorTexts } from './texts.ts'

const PROBLEM_DE = {
  no_socket: (p: string) =>
    `Unter ${p} gibt es keinen Agent-Socket; der Sitrep-Agent läuft vermutlich nicht.`,
  refused: (p: string) =>
    `Der Agent-Socket unter ${p} nimmt keine Verbindungen an; der Agent startet vielleicht gerade neu.`,
  permission: (p: string) => `Dieses Konto darf den Agent-Socket unter ${p} nicht öffnen.`,
  bad_reply: (p: string) =>
    `Der Agent unter ${p} antwortet etwas, das diese Anzeige nicht versteht; vielleicht passen die Versionen nicht zusammen.`,
  lost: (p: string) => `Die Verbindung zum Agent unter ${p} ist abgebrochen.`,
} as const

/** German. */
export const TEXTS_DE: IndicatorTexts = {
  labels: {
    title: 'Was dieser Computer gerade tut',
    now: 'Jetzt',
    yourRequests: 'Ihre Anfragen',
    queue: 'Warteschlange',
    restart: 'Neustart',
    trouble: 'Probleme',
    recent: 'Kürzlich abgeschlossen',
    catalogue: 'Verfügbare Anwendungen',
    install: 'Installieren',
    cancel: 'Anfrage zurückziehen',
    progress: 'Fortschritt',
    required: 'von Ihrer Organisation vorgeschrieben',
    yours: 'Ihre Anfrage',
    noRequests: 'Sie haben keine wartenden Anfragen.',
    keysHelp:
      '↑/↓ wählen · i installieren · c Anfrage zurückziehen · 1–3 später erinnern · r jetzt neu starten · q beenden',
    noApplications: 'Diesem Computer werden keine Anwendungen angeboten.',
  },
  units: {
    minute: { one: '# Minute', other: '# Minuten' },
    hour: { one: '# Stunde', other: '# Stunden' },
    day: { one: '# Tag', other: '# Tage' },
  },
  ordinal: (n) => `${n}.`,
  joinDuration: (parts) => parts.join(' '),
  lessThanAMinute: 'weniger als einer Minute',
  dayAndTime: (day, time) => `${day} ${time}`,

  connecting: 'Verbindung zum Sitrep-Agent wird hergestellt …',
  agentUnreachableTitle: 'Der Sitrep-Agent antwortet nicht',
  agentProblem: (problem, socketPath) => PROBLEM_DE[problem](socketPath),
  agentRetrying: 'Die Anzeige versucht es weiter und zeigt, was der Agent tut, sobald er antwortet.',
  siteUnreachable: (at) =>
    at === null
      ? 'Der Verwaltungsserver ist nicht erreichbar. Geplante Arbeiten laufen mit den Anweisungen weiter, die dieser Computer schon hat.'
      : `Der Verwaltungsserver ist nicht erreichbar. Geplante Arbeiten laufen mit den um ${at} erhaltenen Anweisungen weiter.`,

  free: 'Gerade wird nichts installiert. Ihre Installationen beginnen sofort.',
  jobTitle: (action, name) => `${name} wird ${action === 'install' ? 'installiert' : 'entfernt'}`,
  jobTitleOf: (action, name, index, total) =>
    `${name} wird ${action === 'install' ? 'installiert' : 'entfernt'} (${index} von ${total})`,
  phase: {
    checking: 'Es wird geprüft, was nötig ist',
    downloading: 'Wird heruntergeladen',
    installing: 'Das Installationsprogramm läuft',
    uninstalling: 'Das Deinstallationsprogramm läuft',
    detecting: 'Das Ergebnis wird geprüft',
  },
  percent: (formatted) => `${formatted} erledigt`,
  timeLeft: (duration) => `Noch etwa ${duration}`,
  lessThanAMinuteLeft: 'Noch weniger als eine Minute',
  overrunning: 'Dauert länger als erwartet',

  queuedName: (action, name) => (action === 'install' ? name : `${name} (Entfernung)`),
  positionNext: (name) => `${name} ist als Nächstes dran`,
  positionNth: (name, ordinal) => `${name} ist an ${ordinal} Stelle`,
  startsIn: (duration, at) => `beginnt in etwa ${duration} (gegen ${at})`,
  startsSoon: 'beginnt gleich',
  startUnknown: 'wann es beginnt, ist noch nicht bekannt',
  queueLine: (position, estimate) => `${position}, ${estimate}.`,

  waitMaintenanceWindow: (at) =>
    at === null
      ? 'Wartet auf das nächste Wartungsfenster.'
      : `Wartet auf das Wartungsfenster, das um ${at} beginnt.`,
  waitContent: 'Wartet darauf, dass die Installationsdateien verfügbar werden.',
  waitCloseApplication: (app) =>
    app === null
      ? 'Wartet darauf, dass Sie eine Anwendung schließen.'
      : `Wartet darauf, dass Sie ${app} schließen.`,
  waitAnotherInstallation: 'Wartet, bis eine andere Installation auf diesem Computer fertig ist.',
  waitPendingRestart: (kind) =>
    kind === 'restart'
      ? 'Wartet auf den Neustart dieses Computers.'
      : 'Wartet darauf, dass Sie sich abmelden.',
  waitRetry: (at) => (at === null ? 'Wartet auf einen neuen Versuch.' : `Versucht es um ${at} erneut.`),

  restartTitle: (kind, deadline) => {
    const what = kind === 'restart' ? 'Neustart erforderlich' : 'Abmeldung erforderlich'
    return deadline === null ? what : `${what} bis ${deadline}`
  },
  restartReason: (list) => `Nötig für ${list}.`,
  osRestartSource: 'Systemupdates',
  restartDeadline: (kind, at, inDuration) =>
    kind === 'restart'
      ? `Dieser Computer wird um ${at} neu gestartet (in etwa ${inDuration}).`
      : `Sie werden um ${at} abgemeldet (in etwa ${inDuration}).`,
  restartDeadlinePassed: (kind) =>
    kind === 'restart'
      ? 'Die Frist ist abgelaufen; dieser Computer wird neu gestartet, sobald es erlaubt ist.'
      : 'Die Frist ist abgelaufen; Sie werden abgemeldet, sobald es erlaubt ist.',
  restartWhenSuits: (kind) =>
    kind === 'restart'
      ? 'Bitte starten Sie neu, wenn es Ihnen passt.'
      : 'Bitte melden Sie sich ab und wieder an, wenn es Ihnen passt.',
  restartSnoozed: (until) => `Erinnerungen pausiert bis ${until}.`,
  restartCountdown: (kind, clock) => `${kind === 'restart' ? 'Neustart' : 'Abmeldung'} in ${clock}`,
  restartCountdownAnnouncement: (kind, at) =>
    kind === 'restart'
      ? `Dieser Computer wird um ${at} neu gestartet. Sichern Sie jetzt Ihre Arbeit.`
      : `Sie werden um ${at} abgemeldet. Sichern Sie jetzt Ihre Arbeit.`,
  snoozeFor: (duration) => `In ${duration} erinnern`,
  restartNow: (kind) => (kind === 'restart' ? 'Jetzt neu starten' : 'Jetzt abmelden'),
  confirmRestartNow: (kind) =>
    kind === 'restart'
      ? 'Diesen Computer jetzt neu starten? Nicht gesicherte Arbeit geht verloren.'
      : 'Jetzt abmelden? Nicht gesicherte Arbeit geht verloren.',

  outcome: (outcome, action, name, exitCode) => {
    const installed = action === 'install' ? 'installiert' : 'entfernt'
    switch (outcome) {
      case 'succeeded':
        return `${name} wurde ${installed}.`
      case 'succeeded_restart_required':
        return `${name} wurde ${installed}; ein Neustart schließt es ab.`
      case 'succeeded_logoff_required':
        return `${name} wurde ${installed}; Ab- und wieder Anmelden schließt es ab.`
      case 'already_installed':
        return action === 'install' ? `${name} war schon installiert.` : `${name} war schon entfernt.`
      case 'requirements_not_met':
        return `${name} kann auf diesem Computer nicht ${installed} werden: die Voraussetzungen fehlen.`
      case 'failed':
        return exitCode === null
          ? `${name} konnte nicht ${installed} werden.`
          : `${name} konnte nicht ${installed} werden (Fehler ${exitCode}).`
      case 'timed_out':
        return `${action === 'install' ? 'Die Installation' : 'Das Entfernen'} von ${name} dauerte zu lange und wurde abgebrochen.`
      case 'cancelled':
        return `Die Anfrage für ${name} wurde zurückgezogen.`
    }
  },
  finishedAt: (text, at) => `${at}: ${text}`,
  nextRetry: (at) => `Es wird um ${at} erneut versucht.`,
  nextAskAgain: 'Sie können es in der Liste der Anwendungen erneut anfordern.',
  nextAdministratorTold: 'Ihre IT-Abteilung wurde benachrichtigt.',

  requested: 'Angefordert.',
  actionFailed: (message) => `Das hat nicht geklappt: ${message}`,
  confirmRestart: (kind) =>
    kind === 'restart'
      ? 'Drücken Sie noch einmal r, um jetzt neu zu starten.'
      : 'Drücken Sie noch einmal r, um sich jetzt abzumelden.',

  catalogueInstalled: 'Installiert',
  catalogueAvailable: 'Verfügbar',
  catalogueRunning: (action) => (action === 'install' ? 'Wird gerade installiert' : 'Wird gerade entfernt'),
  catalogueQueued: (ordinal) =>
    ordinal === null ? 'Angefordert, als Nächstes dran' : `Angefordert, an ${ordinal} Stelle`,
}
