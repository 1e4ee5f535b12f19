/** The indicator's English sentences. */
import type { IndicatorTexts } from './texts.ts'

const ORDINAL_SUFFIX: Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> = {
  one: 'st',
  two: 'nd',
  few: 'rd',
}

const PROBLEM_EN = {
  no_socket: (p: string) => `There is no agent socket at ${p}; the Sitrep agent is probably not running.`,
  refused: (p: string) => `The agent socket at ${p} refuses connections; the agent may be restarting.`,
  permission: (p: string) => `This account may not open the agent socket at ${p}.`,
  bad_reply: (p: string) =>
    `The agent at ${p} answered something this indicator does not understand; their versions may not match.`,
  lost: (p: string) => `The connection to the agent at ${p} was lost.`,
} as const

/** English. */
export const TEXTS_EN: IndicatorTexts = {
  labels: {
    title: 'What this computer is doing',
    now: 'Now',
    yourRequests: 'Your requests',
    queue: 'Waiting in line',
    restart: 'Restart',
    trouble: 'Problems',
    recent: 'Recently finished',
    catalogue: 'Available applications',
    install: 'Install',
    cancel: 'Cancel request',
    progress: 'Progress',
    required: 'required by your organisation',
    yours: 'your request',
    noRequests: 'You have no requests waiting.',
    keysHelp: '↑/↓ choose · i install · c cancel request · 1–3 remind me later · r restart now · q quit',
    noApplications: 'No applications are offered to this computer.',
  },
  units: {
    minute: { one: '# minute', other: '# minutes' },
    hour: { one: '# hour', other: '# hours' },
    day: { one: '# day', other: '# days' },
  },
  ordinal: (n, category) => `${n}${ORDINAL_SUFFIX[category] ?? 'th'}`,
  joinDuration: (parts) => parts.join(' '),
  lessThanAMinute: 'less than a minute',
  dayAndTime: (day, time) => `${day} ${time}`,

  connecting: 'Connecting to the Sitrep agent…',
  agentUnreachableTitle: 'The Sitrep agent is not answering',
  agentProblem: (problem, socketPath) => PROBLEM_EN[problem](socketPath),
  agentRetrying: 'The indicator keeps trying and shows what the agent does as soon as it answers.',
  siteUnreachable: (at) =>
    at === null
      ? 'The management server cannot be reached. Planned work continues with the instructions this computer already has.'
      : `The management server cannot be reached. Planned work continues with the instructions received at ${at}.`,

  free: 'Nothing is installing. Your installs start right away.',
  jobTitle: (action, name) => `${action === 'install' ? 'Installing' : 'Removing'} ${name}`,
  jobTitleOf: (action, name, index, total) =>
    `${action === 'install' ? 'Installing' : 'Removing'} ${name} (${index} of ${total})`,
  phase: {
    checking: 'Checking what is needed',
    downloading: 'Downloading',
    installing: 'Running the installer',
    uninstalling: 'Running the uninstaller',
    detecting: 'Checking the result',
  },
  percent: (formatted) => `${formatted} done`,
  timeLeft: (duration) => `About ${duration} left`,
  lessThanAMinuteLeft: 'Less than a minute left',
  overrunning: 'Taking longer than expected',

  queuedName: (action, name) => (action === 'install' ? name : `${name} (removal)`),
  positionNext: (name) => `${name} is next`,
  positionNth: (name, ordinal) => `${name} is ${ordinal} in line`,
  startsIn: (duration, at) => `starts in about ${duration} (around ${at})`,
  startsSoon: 'starts in a moment',
  startUnknown: 'the start time is not known yet',
  queueLine: (position, estimate) => `${position}, ${estimate}.`,

  waitMaintenanceWindow: (at) =>
    at === null
      ? 'Waiting for the next maintenance window.'
      : `Waiting for the maintenance window, which opens at ${at}.`,
  waitContent: 'Waiting for the installation files to become available.',
  waitCloseApplication: (app) =>
    app === null ? 'Waiting for you to close an application.' : `Waiting for you to close ${app}.`,
  waitAnotherInstallation: 'Waiting for another installation on this computer to finish.',
  waitPendingRestart: (kind) =>
    kind === 'restart' ? 'Waiting for this computer to restart.' : 'Waiting for you to log off.',
  waitRetry: (at) => (at === null ? 'Waiting to try again.' : `Waiting to try again at ${at}.`),

  restartTitle: (kind, deadline) => {
    const what = kind === 'restart' ? 'Restart required' : 'Log off required'
    return deadline === null ? what : `${what} by ${deadline}`
  },
  restartReason: (list) => `Needed for ${list}.`,
  osRestartSource: 'system updates',
  restartDeadline: (kind, at, inDuration) =>
    kind === 'restart'
      ? `This computer restarts at ${at} (in about ${inDuration}).`
      : `You will be logged off at ${at} (in about ${inDuration}).`,
  restartDeadlinePassed: (kind) =>
    kind === 'restart'
      ? 'The deadline has passed; this computer restarts as soon as it is allowed to.'
      : 'The deadline has passed; you will be logged off as soon as it is allowed.',
  restartWhenSuits: (kind) =>
    kind === 'restart'
      ? 'Please restart when it suits you.'
      : 'Please log off and on again when it suits you.',
  restartSnoozed: (until) => `Reminders paused until ${until}.`,
  restartCountdown: (kind, clock) => `${kind === 'restart' ? 'Restarting' : 'Logging off'} in ${clock}`,
  restartCountdownAnnouncement: (kind, at) =>
    kind === 'restart'
      ? `This computer restarts at ${at}. Save your work now.`
      : `You will be logged off at ${at}. Save your work now.`,
  snoozeFor: (duration) => `Remind me in ${duration}`,
  restartNow: (kind) => (kind === 'restart' ? 'Restart now' : 'Log off now'),
  confirmRestartNow: (kind) =>
    kind === 'restart'
      ? 'Restart this computer now? Work that is not saved is lost.'
      : 'Log off now? Work that is not saved is lost.',

  outcome: (outcome, action, name, exitCode) => {
    const installed = action === 'install' ? 'installed' : 'removed'
    switch (outcome) {
      case 'succeeded':
        return `${name} was ${installed}.`
      case 'succeeded_restart_required':
        return `${name} was ${installed}; a restart finishes it.`
      case 'succeeded_logoff_required':
        return `${name} was ${installed}; logging off and on again finishes it.`
      case 'already_installed':
        return action === 'install' ? `${name} was already installed.` : `${name} was already removed.`
      case 'requirements_not_met':
        return `${name} cannot be ${installed} on this computer: it does not meet the requirements.`
      case 'failed':
        return exitCode === null
          ? `${name} could not be ${installed}.`
          : `${name} could not be ${installed} (error ${exitCode}).`
      case 'timed_out':
        return `${action === 'install' ? 'Installing' : 'Removing'} ${name} took too long and was stopped.`
      case 'cancelled':
        return `The request for ${name} was cancelled.`
    }
  },
  finishedAt: (text, at) => `${at}: ${text}`,
  nextRetry: (at) => `It will be tried again at ${at}.`,
  nextAskAgain: 'You can ask for it again in the list of applications.',
  nextAdministratorTold: 'Your IT department has been told.',

  requested: 'Requested.',
  actionFailed: (message) => `That did not work: ${message}`,
  confirmRestart: (kind) =>
    kind === 'restart' ? 'Press r again to restart now.' : 'Press r again to log off now.',

  catalogueInstalled: 'Installed',
  catalogueAvailable: 'Available',
  catalogueRunning: (action) => (action === 'install' ? 'Installing now' : 'Removing now'),
  catalogueQueued: (ordinal) =>
    ordinal === null ? 'Requested, next in line' : `Requested, ${ordinal} in line`,
}
