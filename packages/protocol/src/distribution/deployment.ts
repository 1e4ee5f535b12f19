/**
 * Deployments (application revision × collection), maintenance windows and the per-client
 * deployment states, in ConfigMgr's numbers where it has them (reference §16.1, §16.2, §16.3).
 */
import { z } from 'zod'

/** `DeploymentIntent`: 1 Required, 2 Available (3 Simulate is not offered). */
export const DEPLOYMENT_INTENTS = ['required', 'available'] as const
export type DeploymentIntent = (typeof DEPLOYMENT_INTENTS)[number]
export const DEPLOYMENT_INTENT_VALUES = { required: 1, available: 2 } as const satisfies Record<
  DeploymentIntent,
  number
>

/** What a deployment does with its application. */
export const DEPLOYMENT_PURPOSES = ['install', 'uninstall'] as const
export type DeploymentPurpose = (typeof DEPLOYMENT_PURPOSES)[number]

/** Which notifications the person at the machine sees for a deployment. */
export const NOTIFICATION_LEVELS = ['all', 'restarts_only', 'none'] as const
export type NotificationLevel = (typeof NOTIFICATION_LEVELS)[number]

/**
 * Restart defaults of the real client (reference §16.3): enforced 90 minutes after the
 * deadline, a 15-minute countdown the user cannot close, reminders every 240 minutes.
 */
export const RESTART_DEFAULTS = {
  graceMinutes: 90,
  countdownMinutes: 15,
  reminderMinutes: 240,
} as const

/**
 * A deployment ID: the site code and five digits, eight characters as ConfigMgr's deployment
 * IDs in attribute 401 are (e.g. `PS120001`).
 */
export const DeploymentIdSchema = z
  .string()
  .regex(/^[A-Z0-9]{3}[0-9A-F]{5}$/, 'a deployment ID is the site code and five hex digits, e.g. PS120001')

/** How a deployment behaves on the client. */
export const DeploymentSettingsSchema = z.object({
  purpose: z.enum(DEPLOYMENT_PURPOSES).default('install'),
  intent: z.enum(DEPLOYMENT_INTENTS),
  /** From when clients may see and run it, epoch ms. */
  availableAt: z.number().int().min(0),
  /** Required deployments: when it must be installed, epoch ms; `null` means as soon as possible. */
  deadline: z.number().int().min(0).nullable().default(null),
  /** Minutes after a success that asks for a restart before the agent enforces it. */
  restartGraceMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(RESTART_DEFAULTS.graceMinutes),
  /** The last minutes before an enforced restart: a countdown the user cannot close. */
  restartCountdownMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(RESTART_DEFAULTS.countdownMinutes),
  /** Whether an enforced restart may happen outside the collection's maintenance windows. */
  restartOutsideWindows: z.boolean().default(false),
  /** Whether a required install past its deadline may run outside maintenance windows. */
  installOutsideWindows: z.boolean().default(false),
  notifications: z.enum(NOTIFICATION_LEVELS).default('all'),
})
export type DeploymentSettings = z.infer<typeof DeploymentSettingsSchema>

/** `CCM_ServiceWindow.Type` (reference §16.2): what a maintenance window is for. */
export const MAINTENANCE_WINDOW_TYPES = [
  'all_programs',
  'restart_only',
  'software_updates',
  'non_working_hours',
] as const
export type MaintenanceWindowType = (typeof MAINTENANCE_WINDOW_TYPES)[number]
export const MAINTENANCE_WINDOW_TYPE_VALUES = {
  all_programs: 1,
  restart_only: 3,
  software_updates: 4,
  non_working_hours: 6,
} as const satisfies Record<MaintenanceWindowType, number>

const timeOfDay = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a start time is HH:MM, 00:00–23:59')

/** How a maintenance window recurs, in its time zone. */
export const RecurrenceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('once'),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD'),
  }),
  z.object({ kind: z.literal('daily'), everyDays: z.number().int().min(1).max(31).default(1) }),
  z.object({
    kind: z.literal('weekly'),
    /** 0 Sunday … 6 Saturday. */
    days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
  }),
  z.object({ kind: z.literal('monthly'), dayOfMonth: z.number().int().min(1).max(31) }),
])
export type Recurrence = z.infer<typeof RecurrenceSchema>

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** A recurring maintenance window of a collection. */
export const MaintenanceWindowSchema = z.object({
  name: z.string().min(1).max(256),
  type: z.enum(MAINTENANCE_WINDOW_TYPES).default('all_programs'),
  /** IANA time zone, e.g. `Europe/Berlin`, or `UTC`. */
  timeZone: z.string().min(1).max(64).refine(isTimeZone, 'timeZone is not a known IANA time zone'),
  start: timeOfDay,
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  recurrence: RecurrenceSchema,
  enabled: z.boolean().default(true),
})
export type MaintenanceWindow = z.infer<typeof MaintenanceWindowSchema>

/**
 * Where one client stands with one deployment (reference §10.5, §16.1), as the site's
 * deployment status shows it. `not_reported` and `unreachable` are derived by the site from
 * silence; the others come from what the client reported.
 */
export const CLIENT_DEPLOYMENT_STATES = [
  'success',
  'in_progress',
  'waiting_another_installation',
  'waiting_maintenance_window',
  'waiting_content',
  'requirements_not_met',
  'restart_pending',
  'error',
  'not_reported',
  'unreachable',
] as const
export type ClientDeploymentState = (typeof CLIENT_DEPLOYMENT_STATES)[number]

/** `AppStatusType` of each state (1 Success, 2 In progress, 3 Requirements not met, 4 Unknown, 5 Error). */
export const APP_STATUS_TYPE: Readonly<Record<ClientDeploymentState, 1 | 2 | 3 | 4 | 5>> = {
  success: 1,
  in_progress: 2,
  waiting_another_installation: 2,
  waiting_maintenance_window: 2,
  waiting_content: 2,
  requirements_not_met: 3,
  restart_pending: 2,
  error: 5,
  not_reported: 4,
  unreachable: 4,
}

/** `EnforcementState` where ConfigMgr has one (3, 4, 9 of reference §16.1). */
export const ENFORCEMENT_STATE: Readonly<Partial<Record<ClientDeploymentState, number>>> = {
  waiting_another_installation: 3,
  waiting_maintenance_window: 4,
  restart_pending: 9,
}

/** What an installer's exit code means (reference §16.1). */
export const EXIT_OUTCOMES = [
  'success',
  'success_soft_restart',
  'success_hard_restart',
  'retry',
  'failure',
] as const
export type ExitOutcome = (typeof EXIT_OUTCOMES)[number]

/** Exit codes a real client treats specially (reference §16.1). */
export const SPECIAL_EXIT_CODES = {
  success: 0,
  softRestart: 3010,
  hardRestart: 1641,
  anotherInstallation: 1618,
} as const

/**
 * Classifies an installer's exit code: 0 and the deployment type's extra success codes are
 * success; 3010 success with a soft restart; 1641 success after the installer started a hard
 * restart; 1618 another installation is in progress (retry soon, not a failure); anything
 * else a failure.
 */
export function classifyExitCode(exitCode: number, successExitCodes: readonly number[] = []): ExitOutcome {
  if (exitCode === SPECIAL_EXIT_CODES.softRestart) return 'success_soft_restart'
  if (exitCode === SPECIAL_EXIT_CODES.hardRestart) return 'success_hard_restart'
  if (exitCode === SPECIAL_EXIT_CODES.anotherInstallation) return 'retry'
  if (exitCode === SPECIAL_EXIT_CODES.success || successExitCodes.includes(exitCode)) return 'success'
  return 'failure'
}
