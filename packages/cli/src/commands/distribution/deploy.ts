/**
 * `sitrep deploy`: deployments of an application revision to a collection — create (required
 * or available, with its schedule and deadline), list, status (counts per state and the
 * clients behind them), delete (cancel) — through the REST API (docs/cli.md).
 */
import {
  cancelDeployment,
  createDeployment,
  getDeployment,
  getDeploymentStatus,
  listDeployments,
} from '@sitrep/api'
import type { RouteBody } from '@sitrep/api'
import {
  CLIENT_DEPLOYMENT_STATES,
  DEPLOYMENT_INTENTS,
  DEPLOYMENT_PURPOSES,
  NOTIFICATION_LEVELS,
} from '@sitrep/protocol'
import type { ClientDeploymentState } from '@sitrep/protocol'
import { Option } from 'commander'
import type { Command } from 'commander'
import type { CliIo } from '../../cli-io.ts'
import { EXIT } from '../../cli-io.ts'
import { UsageError } from '../../usage-error.ts'
import { deploymentLine, formatDeploymentStatus, formatDeploymentTable } from './deploy-text.ts'
import { wholeNumber } from './option-parsers.ts'
import { printJson, runSiteCommand, withSiteOptions } from './site-command.ts'
import type { SiteCommandOptions } from './site-command.ts'

/** Options of `sitrep deploy create`. */
export interface DeployCreateOptions extends SiteCommandOptions {
  readonly app: string
  readonly revision?: number
  readonly collection: string
  readonly intent: (typeof DEPLOYMENT_INTENTS)[number]
  readonly purpose?: (typeof DEPLOYMENT_PURPOSES)[number]
  readonly availableAt?: string
  readonly deadline?: string
  readonly restartGraceMinutes?: number
  readonly notifications?: (typeof NOTIFICATION_LEVELS)[number]
  readonly restartOutsideWindows?: boolean
  readonly installOutsideWindows?: boolean
}

/**
 * The body of `POST /api/v1/deployments` from the flags; times are ISO 8601 or `+30m`, `+2h`,
 * `+7d` from `now` (epoch ms). Whether the deadline fits the intent is the site's check.
 */
export function deploymentFromFlags(
  options: DeployCreateOptions,
  now: number,
): RouteBody<typeof createDeployment> {
  return {
    applicationId: options.app,
    ...(options.revision === undefined ? {} : { revision: options.revision }),
    collectionId: options.collection,
    settings: {
      intent: options.intent,
      ...(options.purpose === undefined ? {} : { purpose: options.purpose }),
      ...(options.availableAt === undefined
        ? {}
        : { availableAt: parseTime('--available-at', options.availableAt, now) }),
      ...(options.deadline === undefined ? {} : { deadline: parseTime('--deadline', options.deadline, now) }),
      ...(options.restartGraceMinutes === undefined
        ? {}
        : { restartGraceMinutes: options.restartGraceMinutes }),
      ...(options.notifications === undefined ? {} : { notifications: options.notifications }),
      ...(options.restartOutsideWindows === true ? { restartOutsideWindows: true } : {}),
      ...(options.installOutsideWindows === true ? { installOutsideWindows: true } : {}),
    },
  }
}

const UNITS_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 }

/** `now`, `+30m` / `+2h` / `+7d` from `now`, or an ISO 8601 time with a zone; as ISO text. */
export function parseTime(flag: string, value: string, now: number): string {
  if (value === 'now') return new Date(now).toISOString()
  const relative = /^\+(\d+)([mhd])$/.exec(value)
  if (relative !== null)
    return new Date(now + Number(relative[1]) * (UNITS_MS[relative[2] ?? 'm'] ?? 0)).toISOString()
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) && /^\d{4}-\d{2}-\d{2}T/.test(value)
  if (!zoned || Number.isNaN(Date.parse(value))) {
    throw new UsageError(
      `${flag} must be an ISO 8601 time with a zone (2026-12-24T18:00:00Z), now, or +30m, +2h, +7d from now; got "${value}"`,
    )
  }
  return new Date(value).toISOString()
}

/** Adds `sitrep deploy` and its subcommands to the program; `done` receives the exit code. */
export function registerDeployCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  const deploy = program
    .command('deploy')
    .description('deployments of an application to a collection: create, list, status, delete')

  withSiteOptions(
    deploy
      .command('create')
      .description('deploy an application revision (default the newest) to a collection')
      .requiredOption('--app <id>', 'application ID, e.g. APP-00001')
      .requiredOption('--collection <id>', 'collection ID, e.g. PS110001 or SMS00001')
      .addOption(
        new Option('--intent <intent>', 'required (installed by the deadline) or available (the user asks)')
          .choices(DEPLOYMENT_INTENTS)
          .makeOptionMandatory(),
      )
      .option(
        '--revision <n>',
        'the application revision to carry (default the newest)',
        wholeNumber('--revision', 1, 1e9),
      )
      .addOption(
        new Option('--purpose <purpose>', 'install or uninstall (default install)').choices(
          DEPLOYMENT_PURPOSES,
        ),
      )
      .option(
        '--available-at <time>',
        'from when clients may run it: ISO 8601, now, +30m, +2h, +7d (default now)',
      )
      .option('--deadline <time>', 'required: when it must be installed (default as soon as possible)')
      .option(
        '--restart-grace-minutes <n>',
        'minutes after a success before a restart is enforced (default 90)',
        wholeNumber('--restart-grace-minutes', 0, 7 * 24 * 60),
      )
      .addOption(
        new Option('--notifications <level>', 'what the user sees (default all)').choices(
          NOTIFICATION_LEVELS,
        ),
      )
      .option('--restart-outside-windows', 'an enforced restart may happen outside maintenance windows')
      .option('--install-outside-windows', 'past the deadline, install outside maintenance windows'),
    'print {"deployment"} as one JSON object',
  ).action(async (options: DeployCreateOptions) =>
    done(
      await runSiteCommand('deploy create', options, io, async (client) => {
        const body = deploymentFromFlags(options, io.clock())
        const { deployment } = await client.call(createDeployment, { body })
        if (options.json === true) printJson(io, { deployment })
        else io.stdout(`created ${deploymentLine(deployment)}\n`)
        return EXIT.ok
      }),
    ),
  )

  withSiteOptions(
    deploy
      .command('list')
      .description('deployments, newest first')
      .option('--active', 'leave out cancelled deployments')
      .option('--app <id>', 'only deployments of this application')
      .option('--collection <id>', 'only deployments to this collection'),
    'one JSON object per deployment, as the API returns them',
  ).action(async (options: SiteCommandOptions & { active?: boolean; app?: string; collection?: string }) =>
    done(
      await runSiteCommand('deploy list', options, io, async (client) => {
        const { deployments } = await client.call(listDeployments, {
          query: {
            ...(options.active === true ? { active: 'true' } : {}),
            ...(options.app === undefined ? {} : { applicationId: options.app }),
            ...(options.collection === undefined ? {} : { collectionId: options.collection }),
          },
        })
        if (options.json === true) for (const d of deployments) printJson(io, d)
        else io.stdout(formatDeploymentTable(deployments))
        return EXIT.ok
      }),
    ),
  )

  withSiteOptions(
    deploy
      .command('status')
      .alias('show')
      .argument('<id>', 'deployment ID, e.g. PS120001')
      .description('where each expected reporter stands: counts and percentages per state')
      .option('--clients', 'also list the clients, one row each')
      .addOption(
        new Option('--state <state>', 'list only the clients in this state (implies --clients)').choices(
          CLIENT_DEPLOYMENT_STATES,
        ),
      ),
    'print {"deployment", "status"} as one JSON object',
  ).action(
    async (id: string, options: SiteCommandOptions & { clients?: boolean; state?: ClientDeploymentState }) =>
      done(
        await runSiteCommand('deploy status', options, io, async (client) => {
          const { deployment } = await client.call(getDeployment, { params: { id } })
          const status = await client.call(getDeploymentStatus, {
            params: { id },
            query: { state: options.state },
          })
          if (options.json === true) printJson(io, { deployment, status })
          else {
            const clients = options.clients === true || options.state !== undefined
            io.stdout(formatDeploymentStatus(deployment, status, { clients }))
          }
          return EXIT.ok
        }),
      ),
  )

  withSiteOptions(
    deploy
      .command('delete')
      .alias('cancel')
      .argument('<id>', 'deployment ID')
      .description('cancel a deployment: clients stop getting its policy; its status stays readable'),
    'print {"cancelled": ID}',
  ).action(async (id: string, options: SiteCommandOptions) =>
    done(
      await runSiteCommand('deploy delete', options, io, async (client) => {
        await client.call(cancelDeployment, { params: { id } })
        if (options.json === true) printJson(io, { cancelled: id })
        else io.stdout(`cancelled ${id}\n`)
        return EXIT.ok
      }),
    ),
  )
}
