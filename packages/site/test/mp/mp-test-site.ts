/**
 * A management point for tests: the HTTP app over a fresh in-memory SQLite store, on a fake
 * clock, with helpers to register clients and sign requests as docs/protocol.md says.
 */
import { generateKeyPairSync, sign } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { createCatalogue, newMessageId } from '@sitrep/protocol'
import type { StatusMessageJson } from '@sitrep/protocol'
import type { SiteStore } from '@sitrep/store'
import { createSqliteStore } from '@sitrep/store'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Logger } from 'pino'
import { parseSiteConfig } from '../../src/config.ts'
import type { SiteConfig } from '../../src/config.ts'
import { createApp } from '../../src/http/create-app.ts'
import { createInboxCommitter } from '../../src/mp/create-inbox-committer.ts'
import type { InboxCommitter } from '../../src/mp/create-inbox-committer.ts'
import { createInlineBodyDecoder } from '../../src/mp/body-decoder.ts'
import type { BodyDecoder } from '../../src/mp/body-decoder.ts'

/** The tests' "now": 2026-11-21T08:00:00Z. */
export const NOW = Date.UTC(2026, 10, 21, 8)
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef'

/** A key pair and the base64 raw public key. */
export interface TestKeys {
  readonly privateKey: KeyObject
  readonly publicKey: string
}

/** Creates an Ed25519 key pair. */
export function createKeys(): TestKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const der = publicKey.export({ format: 'der', type: 'spki' })
  return { privateKey, publicKey: der.subarray(der.length - 32).toString('base64') }
}

/** A running test MP. */
export interface TestMp {
  readonly app: FastifyInstance
  readonly store: SiteStore
  readonly committer: InboxCommitter
  readonly config: SiteConfig
  /** Moves the fake clock. */
  setNow(ms: number): void
  notified(): number
  /** Registers a key and returns the client ID (and the JSON reply). */
  register(
    keys?: TestKeys,
    extra?: Record<string, unknown>,
  ): Promise<{ clientId: string; keys: TestKeys; reply: LightMyRequestResponse }>
  /** Sends a signed request; `tamper` flips the body after signing. */
  signed(options: SignedOptions): Promise<LightMyRequestResponse>
  close(): Promise<void>
}

/** Options of {@link TestMp.signed}. */
export interface SignedOptions {
  readonly clientId: string
  readonly keys: TestKeys
  readonly url?: string
  readonly body: string | Buffer
  readonly contentType?: string
  readonly timestamp?: string
  readonly tamper?: boolean
}

/** Creates a test MP; `mp` overrides the site's `mp` settings. */
export async function createTestMp(
  options: {
    readonly mp?: Record<string, unknown>
    readonly bodyDecoder?: BodyDecoder
    readonly store?: SiteStore
    /** The site's logger (e.g. a test's collected site log); none by default. */
    readonly logger?: Logger
  } = {},
): Promise<TestMp> {
  let now = NOW
  let notifications = 0
  const clock = (): number => now
  const config = parseSiteConfig({ siteCode: 'PS1', mp: options.mp ?? {} })
  const store = options.store ?? (await createSqliteStore({ filename: ':memory:' }))
  const committer = createInboxCommitter({
    store,
    maxGroupItems: config.mp.maxCommitGroup,
    onCommitted: () => (notifications += 1),
  })
  const bodyDecoder = options.bodyDecoder ?? createInlineBodyDecoder()
  const app = createApp({
    siteCode: config.siteCode,
    siteName: 'Test site',
    version: '0.1.0',
    roles: ['management-point', 'status-manager'],
    maxBodyBytes: config.mp.maxBodyBytes,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    mp: {
      store,
      committer,
      bodyDecoder,
      clock,
      siteCode: config.siteCode,
      version: '0.1.0',
      mpName: 'site-server',
      config: config.mp,
    },
    api: { store, catalogue: createCatalogue(), adminToken: ADMIN_TOKEN },
  })
  const mp: TestMp = {
    app,
    store,
    committer,
    config,
    setNow: (ms) => (now = ms),
    notified: () => notifications,
    async register(keys = createKeys(), extra = {}) {
      const reply = await app.inject({
        method: 'POST',
        url: '/mp/v1/registration',
        payload: registrationBody(keys, extra),
      })
      const body: { clientId?: string } = reply.json()
      return { clientId: body.clientId ?? '', keys, reply }
    },
    signed(o) {
      const url = o.url ?? '/mp/v1/status'
      const timestamp = o.timestamp ?? new Date(now).toISOString()
      const body = Buffer.isBuffer(o.body) ? o.body : Buffer.from(o.body, 'utf8')
      const data = Buffer.concat([Buffer.from(`sitrep-v1\nPOST\n${url}\n${timestamp}\n`), body])
      const signature = sign(null, data, o.keys.privateKey).toString('base64')
      const sent = o.tamper === true ? Buffer.concat([body.subarray(0, -1), Buffer.from(' ')]) : body
      return app.inject({
        method: 'POST',
        url,
        headers: {
          'content-type': o.contentType ?? 'application/json',
          'x-sitrep-client-id': o.clientId,
          'x-sitrep-timestamp': timestamp,
          'x-sitrep-signature': `ed25519=${signature}`,
        },
        payload: sent,
      })
    },
    async close() {
      await app.close()
      await bodyDecoder.close()
      await store.close()
    },
  }
  return mp
}

/** A JSON registration body for `keys`, with a valid proof. */
export function registrationBody(
  keys: TestKeys,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const proof = sign(null, Buffer.from(`sitrep-register-v1\n${keys.publicKey}`), keys.privateKey).toString(
    'base64',
  )
  return {
    requestType: 'registration',
    machine: { netbiosName: 'WKS-001', fqdn: 'wks-001.example.org', localeId: 1033 },
    agent: { identity: 'sitrep-sdk', version: '0.1.0', type: 0 },
    publicKey: keys.publicKey,
    proof,
    ...extra,
  }
}

let sequence = 0

/** A status message in the JSON wire form from `clientId`; override any field. */
export function statusJson(
  clientId: string,
  overrides: Partial<Record<keyof StatusMessageJson, unknown>> = {},
): Record<string, unknown> {
  sequence += 1
  return {
    id: newMessageId(NOW),
    origin: { kind: 'client', id: clientId },
    sequence,
    severity: 'informational',
    messageType: 'milestone',
    messageId: 39997,
    module: 'SMS Provider',
    component: 'Demo',
    machine: 'WKS-001',
    siteCode: 'PS1',
    topLevelSiteCode: null,
    processId: 10,
    threadId: 20,
    win32Error: 0,
    createdAt: new Date(NOW).toISOString(),
    perClient: false,
    reportFunction: 'report',
    transaction: false,
    successfulTransaction: false,
    insertionStrings: ['hello', 'world'],
    attributes: [{ id: 401, value: 'ABC20001' }],
    ...overrides,
  }
}
