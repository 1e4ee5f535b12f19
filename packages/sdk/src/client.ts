/**
 * The reporting client: one client state directory (identity, sequence counter, spool) and one
 * target (MP URL or local agent socket). StatusEvent and the three-call API report through it.
 */
import { createHash } from 'node:crypto'
import { hostname } from 'node:os'
import path from 'node:path'
import { setTimeout as sleepMs } from 'node:timers/promises'
import type {
  MessageType,
  StatusAttribute,
  StatusMessage,
  StatusMessageJson,
  Severity,
} from '@sitrep/protocol'
import { encodeStatusMessageJson, formatIssues, newMessageId, parseStatusMessage } from '@sitrep/protocol'
import { SitrepAuthError, SitrepError, SitrepInvalidMessageError } from './errors.ts'
import type { ClientIdentity } from './identity/client-identity.ts'
import { loadOrCreateIdentity, STATE_FILES } from './identity/client-identity.ts'
import type { RegistrationResult } from './identity/register.ts'
import { registerIdentity } from './identity/register.ts'
import type { SequenceAllocator } from './report/sequence-allocator.ts'
import { createSequenceAllocator } from './report/sequence-allocator.ts'
import type { DeliveryResult } from './spool/deliver-spool.ts'
import { deliverSpool } from './spool/deliver-spool.ts'
import type { Spool, SpoolOptions } from './spool/spool.ts'
import { openSpool } from './spool/spool.ts'
import { callMp, readJson } from './transport/call-mp.ts'
import type { StatusReply, StatusResult } from './transport/status-reply.ts'
import { parseStatusReply } from './transport/status-reply.ts'
import type { Transport, TransportOptions } from './transport/transport.ts'
import { createTransport } from './transport/transport.ts'

/** Options of {@link createSitrepClient}. */
export interface SitrepClientOptions extends TransportOptions {
  /**
   * The MP URL (`http://127.0.0.1:8080`) or the local agent's socket path. Leave it out for a
   * client that only spools; the three-call API then answers 9 (not a client).
   */
  readonly target?: string
  /** Client state directory: key pair, registration, sequence counter, spool. */
  readonly stateDir: string
  /** `MachineName` of the messages; defaults to the host name. */
  readonly machine?: string
  /** For sites that approve by token; used by automatic registration. */
  readonly enrolmentToken?: string
  /** Register on first send when the state directory has no client ID (default true). */
  readonly autoRegister?: boolean
  /** Per-request timeout. */
  readonly timeoutMs?: number
  /** Epoch ms; defaults to `Date.now`. */
  readonly clock?: () => number
  /** Spool batch and size settings. */
  readonly spool?: Pick<
    SpoolOptions,
    'maxBatchMessages' | 'maxBatchBytes' | 'segmentMaxBytes' | 'lockTimeoutMs'
  >
}

/** The fields a reporter chooses; the client fills in id, origin, sequence, machine and times. */
export interface MessageInput {
  readonly severity: Severity
  readonly messageType?: MessageType
  readonly messageId: number
  readonly module: string
  readonly component: string
  readonly insertionStrings?: readonly string[]
  readonly attributes?: readonly StatusAttribute[]
  readonly win32Error?: number
  readonly siteCode?: string | null
  readonly topLevelSiteCode?: string | null
  /** Epoch ms; defaults to now. */
  readonly createdAt?: number
}

/** A reporting client; see {@link createSitrepClient}. */
export interface SitrepClient {
  readonly target: string | undefined
  readonly stateDir: string
  readonly machine: string
  readonly clock: () => number
  /** Loads (or makes) the key pair, and the client ID once registered. */
  identity(): Promise<ClientIdentity>
  /** Registers with the target now; see `register`. */
  register(options?: { readonly enrolmentToken?: string }): Promise<RegistrationResult>
  /** Builds a complete status message, checked by the protocol's parser. */
  buildMessage(input: MessageInput): Promise<StatusMessage>
  /** Signs and POSTs a batch to `/mp/v1/status`; registers first when needed. */
  sendStatus(messages: readonly StatusMessageJson[]): Promise<StatusReply>
  /** Sends one message now and returns the MP's verdict (`accepted`, `duplicate` or `rejected`). */
  submit(message: StatusMessage): Promise<StatusResult>
  /** Appends one message to the durable spool; resolves once it is on disk. */
  submitPending(message: StatusMessage): Promise<void>
  /** The spool, opened (and locked) on first use. */
  spool(): Promise<Spool>
  /**
   * Sends the spool until it is empty or `deadline` (epoch ms) would pass; `deadline: clock()`
   * tries once without waiting.
   */
  flush(options?: {
    readonly deadline?: number
    readonly sleep?: (ms: number) => Promise<void>
  }): Promise<DeliveryResult>
  /** Closes the spool and releases its lock. */
  close(): Promise<void>
}

/**
 * Creates a reporting client over one state directory and one target.
 *
 * @example
 * const client = createSitrepClient({ target: 'http://127.0.0.1:8080', stateDir: '/var/lib/sitrep-client' })
 * const message = await client.buildMessage({ severity: 'error', messageId: 39999, module: 'SMS Provider',
 *   component: 'Backup', insertionStrings: ['disk full'] })
 * const result = await client.submit(message) // { index: 0, id, status: 'accepted' }
 * await client.close()
 */
export function createSitrepClient(options: SitrepClientOptions): SitrepClient {
  const clock = options.clock ?? Date.now
  const machine = options.machine ?? hostname()
  const { stateDir, target } = options
  const transport: Transport | undefined = target === undefined ? undefined : createTransport(target, options)
  let identityPromise: Promise<ClientIdentity> | undefined
  let sequences: SequenceAllocator | undefined
  let spoolPromise: Promise<Spool> | undefined

  const identity = (): Promise<ClientIdentity> => {
    identityPromise ??= loadOrCreateIdentity(stateDir)
    return identityPromise
  }

  const requireTransport = (): Transport => {
    if (transport === undefined) {
      throw new SitrepError('invalid_argument', 'no management point or agent socket is configured (target)')
    }
    return transport
  }

  const register = async (extra: { readonly enrolmentToken?: string } = {}): Promise<RegistrationResult> => {
    const token = extra.enrolmentToken ?? options.enrolmentToken
    const result = await registerIdentity(await identity(), requireTransport(), {
      machine,
      clock,
      ...(token === undefined ? {} : { enrolmentToken: token }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    })
    identityPromise = loadOrCreateIdentity(stateDir)
    return result
  }

  /** The client ID to sign with, registering first when the state directory has none. */
  const signer = async (): Promise<{ clientId: string; identity: ClientIdentity }> => {
    let current = await identity()
    if (current.registration === undefined && options.autoRegister !== false) {
      const result = await register()
      if (result.clientId === undefined) {
        // 3 is final (a bad enrolment token, a refused key); 2 means "try again later".
        throw new SitrepError(
          result.status === 3 ? 'client_rejected' : 'not_registered',
          `registration with ${requireTransport().target} answered ${result.status} (${result.statusName})`,
        )
      }
      current = await identity()
    }
    if (current.registration === undefined) {
      throw new SitrepError('not_registered', `this client has not registered; run \`sitrep register\``)
    }
    return { clientId: current.registration.clientId, identity: current }
  }

  const postStatus = async (messages: readonly StatusMessageJson[]): Promise<StatusReply> => {
    const { clientId, identity: current } = await signer()
    // Messages spooled before registration carry a provisional origin; the client ID replaces it.
    const stamped = messages.map((m) => ({ ...m, origin: { kind: 'client' as const, id: clientId } }))
    const response = await callMp(requireTransport(), {
      method: 'POST',
      path: '/mp/v1/status',
      body: Buffer.from(JSON.stringify({ messages: stamped }), 'utf8'),
      contentType: 'application/json',
      signer: { clientId, privateKey: current.privateKey },
      now: clock(),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    })
    return parseStatusReply(readJson(response, 'POST /mp/v1/status'))
  }

  const sendStatus = async (messages: readonly StatusMessageJson[]): Promise<StatusReply> => {
    try {
      return await postStatus(messages)
    } catch (error) {
      // The site forgot us (a new database): register again once, then resend.
      if (
        !(error instanceof SitrepAuthError && error.code === 'unknown_client') ||
        options.autoRegister === false
      ) {
        throw error
      }
      await register()
      return postStatus(messages)
    }
  }

  const spool = (): Promise<Spool> => {
    spoolPromise ??= openSpool({
      dir: path.join(stateDir, STATE_FILES.spool),
      deliver: sendStatus,
      clock,
      ...options.spool,
    })
    return spoolPromise
  }

  return {
    target: transport?.target,
    stateDir,
    machine,
    clock,
    identity,
    register,
    async buildMessage(input) {
      const current = await identity()
      sequences ??= createSequenceAllocator({ stateDir })
      const sequence = await sequences.next()
      const originId = current.registration?.clientId ?? provisionalOrigin(current)
      const parsed = parseStatusMessage({
        id: newMessageId(clock()),
        origin: { kind: 'client', id: originId },
        sequence,
        severity: input.severity,
        messageType: input.messageType ?? 'milestone',
        messageId: input.messageId,
        module: input.module,
        component: input.component,
        machine,
        siteCode: input.siteCode ?? null,
        topLevelSiteCode: input.topLevelSiteCode ?? null,
        processId: process.pid,
        threadId: 0,
        win32Error: input.win32Error ?? 0,
        createdAt: input.createdAt ?? clock(),
        insertionStrings: input.insertionStrings ?? [],
        attributes: input.attributes ?? [],
      })
      if (!parsed.ok) {
        throw new SitrepInvalidMessageError(
          `the status message is not valid:\n${formatIssues(parsed.issues)}`,
          parsed.issues,
        )
      }
      return parsed.value
    },
    sendStatus,
    async submit(message) {
      const reply = await sendStatus([encodeStatusMessageJson(message)])
      const result = reply.results.find((r) => r.index === 0)
      if (result === undefined)
        throw new SitrepError('invalid_reply', 'the status reply has no result for the message')
      return result
    },
    async submitPending(message) {
      await (await spool()).append([encodeStatusMessageJson(message)])
    },
    spool,
    async flush(flushOptions = {}) {
      return deliverSpool({
        spool: await spool(),
        clock,
        sleep: flushOptions.sleep ?? ((ms) => sleepMs(ms)),
        ...(flushOptions.deadline === undefined ? {} : { deadline: flushOptions.deadline }),
      })
    },
    async close() {
      if (spoolPromise !== undefined) {
        const opened = spoolPromise
        spoolPromise = undefined
        await (await opened).close()
      }
    },
  }
}

/** Origin of messages made before registration: stable per key, replaced on sending. */
function provisionalOrigin(identity: ClientIdentity): string {
  const digest = createHash('sha256').update(identity.publicKeyBase64).digest('hex').slice(0, 32)
  return `provisional:${digest}`
}
