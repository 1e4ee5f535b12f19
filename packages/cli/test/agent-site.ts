/**
 * A real site (`startSite`, SQLite in a temp data dir, port 0) set up for the agent's
 * end-to-end tests: content by hash, applications, collections and deployments through the
 * store (as docs/software-distribution.md says until the REST routes exist), and the site's
 * own views of what the agent reported: stored messages and the deployment status roll-up.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import type { ClientDeploymentState, StoredStatusMessage as StoredMessage } from '@sitrep/protocol'
import { deploymentStatus, loadSiteConfig, startSite } from '@sitrep/site'
import type { RunningSite } from '@sitrep/site'

/**
 * The installer every test application runs: `node install.mjs <file> <text> <sleepMs> <exitCode>`.
 * It notes each run in `<file>.runs` first, so a test can count how often it ran.
 */
export const INSTALLER_SCRIPT = Buffer.from(
  [
    "import { appendFileSync, writeFileSync } from 'node:fs'",
    'const [file, text, sleepMs, exitCode] = process.argv.slice(2)',
    "if (file !== undefined && file !== '-') appendFileSync(`${file}.runs`, `${process.pid}\\n`)",
    'await new Promise((resolve) => setTimeout(resolve, Number(sleepMs ?? 0)))',
    "if (file !== undefined && file !== '-') writeFileSync(file, text ?? '')",
    'process.exit(Number(exitCode ?? 0))',
    '',
  ].join('\n'),
)

/** One deployment type's fields a test sets; the rest have defaults. */
export interface TestDeploymentType {
  readonly install: readonly string[]
  readonly detectionPath: string
  readonly content?: readonly { readonly path: string; readonly bytes: Buffer }[]
  readonly estimatedRunMinutes?: number
  readonly maxRunMinutes?: number
  readonly requirements?: readonly unknown[]
}

export interface AgentTestSite {
  readonly site: RunningSite
  readonly dataDir: string
  /** Makes an application (one Linux deployment type) and deploys it to `collectionId`. */
  deploy(options: {
    readonly deploymentId: string
    readonly name: string
    readonly type: TestDeploymentType
    readonly intent: 'required' | 'available'
    readonly collectionId?: string
    readonly settings?: Record<string, unknown>
  }): Promise<void>
  /** Saves a collection of every Linux client with these maintenance windows. */
  linuxCollection(id: string, maintenanceWindows: readonly unknown[]): Promise<void>
  /** Messages stored with this deployment in attribute 401, oldest first. */
  messages(deploymentId: string): Promise<readonly StoredMessage[]>
  /** Every stored message of `module`, oldest first. */
  messagesOf(module: string): Promise<readonly StoredMessage[]>
  /** Where the (only) client stands with a deployment in the site's deployment status. */
  clientState(deploymentId: string): Promise<ClientDeploymentState | undefined>
  /** The (only) client's whole entry in the deployment status: state, state ID, exit code. */
  clientProgress(deploymentId: string): Promise<ClientDeploymentProgress | undefined>
  /** Application enforcement state messages (topic 1702) about a deployment, oldest first. */
  stateMessages(deploymentId: string): Promise<readonly StoredStateMessage[]>
  /**
   * Puts a status filter rule first that keeps the agent's `SMS Client` messages from the
   * summarizers: the deployment status then hears only the state messages.
   */
  keepStatusMessagesFromSummaries(): Promise<void>
  stop(): Promise<void>
}

/** One client's entry in a deployment status. */
type ClientDeploymentProgress = NonNullable<Awaited<ReturnType<typeof deploymentStatus>>>['clients'][number]
/** A state message as the site stores it. */
type StoredStateMessage = Awaited<ReturnType<RunningSite['store']['listStateMessages']>>[number]

let applications = 0

export async function startAgentTestSite(): Promise<AgentTestSite> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sitrep-agent-site-'))
  const site = await startSite(loadSiteConfig({ env: {}, overrides: { dataDir, port: 0 } }))

  const putContent = async (bytes: Buffer): Promise<{ sha256: string; size: number }> => {
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const stored = await site.distribution.content.put(Readable.from([bytes]), sha256)
    return { sha256: stored.sha256, size: stored.size }
  }

  const list = async (query: Parameters<RunningSite['store']['listMessages']>[0]) => {
    const found = await site.store.listMessages({ ...query, limit: 1000 })
    return [...found].sort((a, b) => a.recordId - b.recordId)
  }

  const clientProgress = async (deploymentId: string): Promise<ClientDeploymentProgress | undefined> => {
    const status = await deploymentStatus(site.store, deploymentId, {
      now: Date.now(),
      silentAfterMs: site.distribution.silentAfterMs,
    })
    return status?.clients[0]
  }

  return {
    site,
    dataDir,
    async deploy(options) {
      applications += 1
      const applicationId = `APP-${String(applications).padStart(5, '0')}`
      const content = []
      for (const file of options.type.content ?? []) {
        content.push({ path: file.path, ...(await putContent(file.bytes)) })
      }
      const application = {
        id: applicationId,
        revision: 1,
        name: options.name,
        deploymentTypes: [
          {
            id: 'linux',
            name: `${options.name} (Linux)`,
            platform: 'linux',
            install: options.type.install,
            content,
            detection: { kind: 'file_exists', path: options.type.detectionPath },
            estimatedRunMinutes: options.type.estimatedRunMinutes ?? 1,
            maxRunMinutes: options.type.maxRunMinutes ?? 10,
            requirements: options.type.requirements ?? [],
          },
        ],
      }
      await site.store.addApplicationRevision({
        applicationId,
        revision: 1,
        name: options.name,
        bodyJson: JSON.stringify(application),
        createdAt: Date.now(),
        createdBy: 'test',
      })
      await site.store.addDeployment({
        id: options.deploymentId,
        applicationId,
        revision: 1,
        collectionId: options.collectionId ?? 'SMS000LX',
        settingsJson: JSON.stringify({ intent: options.intent, availableAt: 0, ...options.settings }),
        createdAt: Date.now(),
        createdBy: 'test',
      })
      await site.distribution.evaluateAll()
    },
    async linuxCollection(id, maintenanceWindows) {
      await site.store.saveCollection({
        id,
        name: `Linux machines ${id}`,
        definitionJson: JSON.stringify({
          name: `Linux machines ${id}`,
          rules: [{ platforms: ['linux'] }],
          maintenanceWindows,
        }),
        builtin: false,
        at: Date.now(),
      })
      await site.distribution.evaluateAll()
    },
    messages: (deploymentId) => list({ attribute: { id: 401, value: deploymentId } }),
    messagesOf: (module) => list({ module }),
    clientState: async (deploymentId) => (await clientProgress(deploymentId))?.state,
    clientProgress,
    async stateMessages(deploymentId) {
      const found = await site.store.listStateMessages({
        topicType: 1702,
        topicId: deploymentId,
        limit: 1000,
      })
      return [...found].sort((a, b) => a.recordId - b.recordId)
    },
    async keepStatusMessagesFromSummaries() {
      const rules = await site.store.listRules()
      await site.store.saveRules([
        {
          id: 'test-no-sms-client-summaries',
          name: 'SMS Client messages: not to the summarizers',
          enabled: true,
          criteria: { module: 'SMS Client' },
          actions: { forwardToSummarizers: false },
        },
        ...rules,
      ])
    },
    async stop() {
      await site.stop()
      await rm(dataDir, { recursive: true, force: true, maxRetries: 10 })
    },
  }
}

/** The message IDs of `messages`, in order. */
export function messageIds(messages: readonly StoredMessage[]): number[] {
  return messages.map((m) => m.messageId)
}
