import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { AgentActivity, InstallRequestReply } from '@sitrep/protocol'
import {
  createAgent,
  DEFAULT_SERVICE_PATHS,
  isAgentError,
  loggingRestartAction,
  platformRestartSources,
  startLocalApi,
  systemdUnit,
  systemRestartAction,
} from '@sitrep/agent'
import type { Command } from 'commander'
import { createSocketTransport } from '@sitrep/sdk'
import type { CliIo } from '../cli-io.ts'
import { EXIT } from '../cli-io.ts'
import { countOf } from '../plural.ts'

/** Options shared by the `sitrep agent` commands. */
export interface AgentCommandOptions {
  readonly socket?: string
  readonly stateDir?: string
  readonly mp?: string
  readonly token?: string
  readonly json?: boolean
  readonly unitDir?: string
  readonly restartAction?: string
  readonly allowGroup?: string
}

const DEFAULTS = DEFAULT_SERVICE_PATHS.linux

function socketOf(options: AgentCommandOptions, io: CliIo): string {
  return options.socket ?? io.env.SITREP_AGENT_SOCKET ?? DEFAULTS.socketPath
}

/** Calls the agent's local API; throws a readable error when the agent is not there. */
async function callAgent(
  socket: string,
  method: 'GET' | 'POST',
  route: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const transport = createSocketTransport(socket)
  const response = await transport.send({
    method,
    path: route,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: Buffer.from(JSON.stringify(body), 'utf8') }),
    timeoutMs: 10_000,
  })
  return { status: response.status, json: JSON.parse(Buffer.from(response.body).toString('utf8')) as unknown }
}

function when(epochMs: number | null, now: number): string {
  if (epochMs === null) return 'unknown'
  const minutes = Math.max(0, Math.round((epochMs - now) / 60_000))
  return minutes === 0 ? 'now' : `in ${minutes} min (${new Date(epochMs).toISOString()})`
}

/** Renders the activity for people at the machine. */
export function renderStatus(activity: AgentActivity): string {
  const lines: string[] = []
  const now = activity.generatedAt
  const site = activity.agent.siteReachable ? 'reachable' : 'not reachable (working from cached policy)'
  lines.push(
    `Sitrep agent ${activity.agent.version}, client ${activity.agent.clientId ?? 'not registered'}, site ${site}`,
  )
  if (activity.current !== null) {
    const c = activity.current
    const percent = c.percent === null ? '' : ` ${c.percent}%`
    lines.push(
      `Busy: ${c.phase} ${c.applicationName} (${c.index} of ${c.total})${percent}, free ${when(c.estimatedEndAt, now)}`,
    )
  } else if (activity.waiting !== null) {
    lines.push(
      `Waiting: ${activity.waiting.reason.replaceAll('_', ' ')}, until ${when(activity.waiting.until, now)}`,
    )
  } else {
    lines.push('Idle: your installs start right away')
  }
  if (activity.restart !== null) {
    const r = activity.restart
    lines.push(
      `${r.kind === 'restart' ? 'Restart' : 'Logoff'} pending${r.deadline === null ? '' : `, enforced ${when(r.deadline, now)}`}`,
    )
  }
  lines.push(`Queue: ${countOf(activity.queue.length, 'job')}`)
  return `${lines.join('\n')}\n`
}

/** Renders the queue as a table. */
export function renderQueue(activity: AgentActivity): string {
  if (activity.queue.length === 0) return 'The queue is empty.\n'
  const rows = activity.queue.map(
    (q) =>
      `${String(q.position).padStart(3)}  ${q.applicationName.padEnd(30)} ${q.requestedBy.padEnd(10)} ${when(q.estimatedStartAt, activity.generatedAt)}${q.waitingFor === null ? '' : ` (${q.waitingFor.replaceAll('_', ' ')})`}`,
  )
  return `Pos  Application                    For        Starts\n${rows.join('\n')}\n`
}

/** `sitrep agent status` and `sitrep agent queue`. */
export async function agentReadCommand(
  kind: 'status' | 'queue',
  options: AgentCommandOptions,
  io: CliIo,
): Promise<number> {
  const socket = socketOf(options, io)
  let reply: { status: number; json: unknown }
  try {
    reply = await callAgent(socket, 'GET', '/v1/activity')
  } catch {
    io.stderr(`the agent does not answer on ${socket}; is it running (systemctl status sitrep-agent)?\n`)
    return EXIT.notDelivered
  }
  // The local API answers the activity schema of @sitrep/protocol.
  const activity = reply.json as AgentActivity
  if (options.json === true) io.stdout(`${JSON.stringify(kind === 'status' ? activity : activity.queue)}\n`)
  else io.stdout(kind === 'status' ? renderStatus(activity) : renderQueue(activity))
  return EXIT.ok
}

/** `sitrep agent install <app>`: asks the agent to queue an available application by name or deployment ID. */
export async function agentRequestCommand(
  app: string,
  options: AgentCommandOptions,
  io: CliIo,
): Promise<number> {
  const socket = socketOf(options, io)
  let activity: AgentActivity
  try {
    activity = (await callAgent(socket, 'GET', '/v1/activity')).json as AgentActivity
  } catch {
    io.stderr(`the agent does not answer on ${socket}; is it running?\n`)
    return EXIT.notDelivered
  }
  const target = activity.available.find(
    (a) => a.deploymentId === app || a.name.toLowerCase() === app.toLowerCase(),
  )
  if (target === undefined) {
    io.stderr(
      `"${app}" is not an available application here; available: ${activity.available.map((a) => a.name).join(', ') || 'none'}\n`,
    )
    return EXIT.usage
  }
  const reply = await callAgent(socket, 'POST', '/v1/requests', {
    deploymentId: target.deploymentId,
    action: 'install',
  })
  if (reply.status !== 202) {
    const error = (reply.json as { error?: { code?: string; message?: string } }).error
    io.stderr(
      `the agent refused to queue ${target.name} (${reply.status} ${error?.code ?? 'error'}): ${error?.message ?? JSON.stringify(reply.json)}\n`,
    )
    return EXIT.failure
  }
  const queued = reply.json as InstallRequestReply
  if (options.json === true) io.stdout(`${JSON.stringify(queued)}\n`)
  else
    io.stdout(
      `${target.name} is queued at position ${queued.position}, starting ${when(queued.estimatedStartAt, Date.now())}\n`,
    )
  return EXIT.ok
}

/** `sitrep agent install --mp URL`: writes the configuration and the systemd unit. */
export async function agentInstallServiceCommand(options: AgentCommandOptions, io: CliIo): Promise<number> {
  if (options.mp === undefined) {
    io.stderr('sitrep agent install needs --mp <url> (the site), or an application name to install\n')
    return EXIT.usage
  }
  const stateDir = options.stateDir ?? DEFAULTS.stateDir
  await mkdir(stateDir, { recursive: true, mode: 0o700 })
  await writeFile(
    path.join(stateDir, 'agent.json'),
    `${JSON.stringify({ mpUrl: options.mp, ...(options.token === undefined ? {} : { enrolmentToken: options.token }) }, null, 2)}\n`,
    { mode: 0o600 },
  )
  const unitDir = options.unitDir ?? '/etc/systemd/system'
  await mkdir(unitDir, { recursive: true })
  const unitFile = path.join(unitDir, 'sitrep-agent.service')
  await writeFile(unitFile, systemdUnit({ ...DEFAULTS, stateDir, socketPath: socketOf(options, io) }))
  io.stdout(
    `wrote ${path.join(stateDir, 'agent.json')} and ${unitFile}; start it with: systemctl daemon-reload && systemctl enable --now sitrep-agent\n`,
  )
  return EXIT.ok
}

/** `sitrep agent run`: the agent in the foreground until asked to stop. */
export async function agentRunCommand(options: AgentCommandOptions, io: CliIo): Promise<number> {
  const stateDir = options.stateDir ?? io.env.SITREP_AGENT_STATE_DIR ?? DEFAULTS.stateDir
  const { readFile } = await import('node:fs/promises')
  let config: { mpUrl?: string; enrolmentToken?: string; allowGroup?: string } = {}
  try {
    config = JSON.parse(await readFile(path.join(stateDir, 'agent.json'), 'utf8')) as typeof config
  } catch {
    // No configuration file: flags and environment only.
  }
  const mpUrl = options.mp ?? io.env.SITREP_MP_URL ?? config.mpUrl ?? null
  const token = options.token ?? config.enrolmentToken
  const allowGroup = options.allowGroup ?? io.env.SITREP_AGENT_ALLOW_GROUP ?? config.allowGroup
  const minuteMs =
    io.env.SITREP_AGENT_MINUTE_MS === undefined ? undefined : Number(io.env.SITREP_AGENT_MINUTE_MS)
  const restartKind = options.restartAction ?? io.env.SITREP_AGENT_RESTART_ACTION ?? 'system'
  if (restartKind !== 'system' && restartKind !== 'log') {
    io.stderr(
      `--restart-action is "${restartKind}"; use "system" (restart the machine when due) or "log" (only log it)\n`,
    )
    return EXIT.usage
  }
  const logLine =
    (level: string) =>
    (fields: object, message: string): void =>
      io.stderr(`${JSON.stringify({ level, msg: message, ...fields })}\n`)
  // The API starts after the agent; until then there is no stream to publish to.
  const surface: { api?: Awaited<ReturnType<typeof startLocalApi>> } = {}
  const agent = await createAgent({
    stateDir,
    mpUrl,
    ...(token === undefined ? {} : { enrolmentToken: token }),
    restartAction: restartKind === 'log' ? loggingRestartAction(logLine('warn')) : systemRestartAction(),
    restartSources: platformRestartSources(),
    ...(minuteMs === undefined ? {} : { minuteMs }),
    ...(io.env.SITREP_AGENT_POLL_MS === undefined
      ? {}
      : { pollDelayMs: Number(io.env.SITREP_AGENT_POLL_MS) }),
    logger: { info: logLine('info'), warn: logLine('warn'), error: logLine('error') },
    onActivity: (activity) => surface.api?.publish(activity),
  })
  await agent.start()
  let api: Awaited<ReturnType<typeof startLocalApi>>
  try {
    api = await startLocalApi({
      agent,
      socketPath: socketOf(options, io),
      ...(allowGroup === undefined ? {} : { allowGroup }),
    })
  } catch (error) {
    await agent.stop()
    if (!isAgentError(error)) throw error
    io.stderr(`sitrep agent run: ${error.message}\n`)
    return EXIT.usage
  }
  surface.api = api
  io.stdout(
    `sitrep agent running: state ${stateDir}, socket ${api.socketPath}, site ${mpUrl ?? 'none (cached policy only)'}\n`,
  )
  await io.untilShutdown()
  await api.close()
  await agent.stop()
  return EXIT.ok
}

/** Registers `sitrep agent` and its subcommands. */
export function registerAgentCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  const agent = program
    .command('agent')
    .description('the client agent: run it, install it, ask it what it is doing')
  const socketOption = '--socket <path>'
  const socketHelp = `the agent's local socket (default $SITREP_AGENT_SOCKET or ${DEFAULTS.socketPath})`
  agent
    .command('run')
    .description('run the agent in the foreground (what the service runs)')
    .option('--state-dir <dir>', `state directory (default ${DEFAULTS.stateDir})`)
    .option('--mp <url>', 'management point URL (default from agent.json or $SITREP_MP_URL)')
    .option('--token <token>', 'enrolment token for sites that approve by token')
    .option(
      '--restart-action <kind>',
      'system: restart the machine when a restart is due; log: only log it (default $SITREP_AGENT_RESTART_ACTION or system)',
    )
    .option(
      '--allow-group <group>',
      'members of this group may request installs and answer restarts without a login session (default $SITREP_AGENT_ALLOW_GROUP or allowGroup of agent.json; none)',
    )
    .option(socketOption, socketHelp)
    .action(async (options: AgentCommandOptions) => done(await agentRunCommand(options, io)))
  agent
    .command('install [app]')
    .description('with an application: queue its install; with --mp: set up the agent service')
    .option('--mp <url>', 'management point URL (service setup)')
    .option('--token <token>', 'enrolment token (service setup)')
    .option('--state-dir <dir>', `state directory (default ${DEFAULTS.stateDir})`)
    .option('--unit-dir <dir>', 'where the systemd unit goes (default /etc/systemd/system)')
    .option(socketOption, socketHelp)
    .option('--json', 'print JSON')
    .action(async (app: string | undefined, options: AgentCommandOptions) =>
      done(
        app === undefined
          ? await agentInstallServiceCommand(options, io)
          : await agentRequestCommand(app, options, io),
      ),
    )
  for (const kind of ['status', 'queue'] as const) {
    agent
      .command(kind)
      .description(
        kind === 'status' ? 'what the agent does now' : 'the queue with positions and estimated starts',
      )
      .option(socketOption, socketHelp)
      .option('--json', 'print JSON')
      .action(async (options: AgentCommandOptions) => done(await agentReadCommand(kind, options, io)))
  }
}
