/**
 * A minimal but real management point for tests: a `node:http` server on 127.0.0.1 port 0 (or a
 * Unix socket) that implements the registration and status reply contract of docs/protocol.md,
 * verifies Ed25519 signatures, drops duplicate IDs, and records what it received. It also serves
 * `GET /api/v1/messages` (bearer token) for the CLI tests.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto'
import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import type { StatusMessage } from '@sitrep/protocol'
import { encodeStatusMessageJson, parseStatusBatch } from '@sitrep/protocol'

/** An error the next status requests answer with. */
export interface InjectedFailure {
  readonly status: number
  readonly code: string
  readonly retryAfterSeconds?: number
}

export interface TestMp {
  readonly url: string
  /** Socket path when listening on a Unix socket. */
  readonly socketPath: string | undefined
  /** Every message stored, once per id, in arrival order. */
  readonly stored: StatusMessage[]
  /** How many times each id arrived (duplicates included). */
  readonly arrivals: Map<string, number>
  /** Status requests seen, with their signature headers. */
  readonly statusRequests: { headers: IncomingMessage['headers']; body: Buffer }[]
  /** Queue errors for the next status requests. */
  failNext(...failures: InjectedFailure[]): void
  /** Reject (per message) messages whose first insertion string equals this. */
  rejectWhenInsertion: string | undefined
  /** Registration answer: 0 accepted, 1 pending, 3 rejected. */
  registrationStatus: 0 | 1 | 3
  readonly adminToken: string
  close(): Promise<void>
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

export async function startTestMp(options: { socketPath?: string; port?: number } = {}): Promise<TestMp> {
  const clients = new Map<string, { clientId: string; key: KeyObject }>()
  const byKey = new Map<string, string>()
  const failures: InjectedFailure[] = []
  const stored: StatusMessage[] = []
  const arrivals = new Map<string, number>()
  const statusRequests: TestMp['statusRequests'] = []
  const adminToken = 'test-admin-token'

  // Widened literals: tests switch these between the listed values.
  const state = {
    rejectWhenInsertion: undefined as string | undefined,
    registrationStatus: 0 as 0 | 1 | 3,
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      send(res, 500, { error: { code: 'internal', message: String(error) } })
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req)
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (req.method === 'POST' && url.pathname === '/mp/v1/registration') {
      // The SDK sends this shape; a malformed request fails the test loudly, which is what we want.
      const request = JSON.parse(body.toString('utf8')) as { publicKey: string; proof: string }
      const raw = Buffer.from(request.publicKey, 'base64')
      const key = createPublicKey({
        key: Buffer.concat([SPKI_ED25519_PREFIX, raw]),
        format: 'der',
        type: 'spki',
      })
      const proofOk = verify(
        null,
        Buffer.from(`sitrep-register-v1\n${request.publicKey}`, 'utf8'),
        key,
        Buffer.from(request.proof, 'base64'),
      )
      if (!proofOk)
        return send(res, 400, { error: { code: 'invalid_body', message: 'proof does not verify' } })
      if (state.registrationStatus === 3) return send(res, 200, { status: 3, statusName: 'rejected' })
      const clientId = byKey.get(request.publicKey) ?? `GUID:${randomUUID()}`
      byKey.set(request.publicKey, clientId)
      clients.set(clientId, { clientId, key })
      const statusName = state.registrationStatus === 0 ? 'accepted' : 'pending_approval'
      return send(res, 200, { status: state.registrationStatus, statusName, clientId })
    }
    if (req.method === 'GET' && url.pathname === '/mp/v1/location') {
      return send(res, 200, {
        siteCode: 'PS1',
        managementPoints: [{ name: 'test', url: mp.url, version: '0.1.0' }],
      })
    }
    if (req.method === 'POST' && (url.pathname === '/mp/v1/status' || url.pathname === '/mp/v1/relay')) {
      statusRequests.push({ headers: req.headers, body })
      const clientId = header(req, 'x-sitrep-client-id')
      const client = clientId === undefined ? undefined : clients.get(clientId)
      if (client === undefined)
        return send(res, 401, { error: { code: 'unknown_client', message: 'register first' } })
      const timestamp = header(req, 'x-sitrep-timestamp') ?? ''
      const signature = (header(req, 'x-sitrep-signature') ?? '').replace(/^ed25519=/, '')
      const signed = Buffer.concat([
        Buffer.from(`sitrep-v1\n${req.method}\n${url.pathname}\n${timestamp}\n`, 'utf8'),
        body,
      ])
      if (!verify(null, signed, client.key, Buffer.from(signature, 'base64'))) {
        return send(res, 401, { error: { code: 'bad_signature', message: 'signature does not verify' } })
      }
      const failure = failures.shift()
      if (failure !== undefined) {
        if (failure.retryAfterSeconds !== undefined)
          res.setHeader('retry-after', String(failure.retryAfterSeconds))
        return send(res, failure.status, { error: { code: failure.code, message: 'injected' } })
      }
      if (state.registrationStatus === 1) {
        return send(res, 403, { error: { code: 'client_not_approved', message: 'wait for approval' } })
      }
      const parsed = parseStatusBatch(JSON.parse(body.toString('utf8')))
      if (parsed.issues.length > 0) {
        return send(res, 400, {
          error: { code: 'invalid_body', message: 'bad batch', issues: parsed.issues },
        })
      }
      const results: unknown[] = parsed.rejected.map((r) => ({
        index: r.index,
        status: 'rejected',
        issues: r.issues,
      }))
      for (const { index, value } of parsed.accepted) {
        if (
          state.rejectWhenInsertion !== undefined &&
          value.insertionStrings[0] === state.rejectWhenInsertion
        ) {
          results.push({
            index,
            status: 'rejected',
            issues: [
              { field: `messages[${index}]`, code: 'format', message: 'refused by test', smscstat: 10 },
            ],
          })
          continue
        }
        const seen = arrivals.get(value.id) ?? 0
        arrivals.set(value.id, seen + 1)
        if (seen === 0) stored.push(value)
        results.push({ index, id: value.id, status: seen === 0 ? 'accepted' : 'duplicate' })
      }
      return send(res, 202, { trackingId: randomUUID(), results })
    }
    if (req.method === 'GET' && url.pathname === '/api/v1/messages') {
      if (req.headers.authorization !== `Bearer ${adminToken}`) {
        return send(res, 401, { error: { code: 'unauthorized', message: 'bad token' } })
      }
      const severity = url.searchParams.get('severity')
      const component = url.searchParams.get('component')
      const list = stored
        .filter((m) => severity === null || m.severity === severity)
        .filter((m) => component === null || m.component === component)
        .map((m, i) => ({ ...encodeStatusMessageJson(m), recordId: i + 1, text: `text of ${m.messageId}` }))
      return send(res, 200, { messages: list })
    }
    return send(res, 404, { error: { code: 'not_found', message: `${req.method} ${url.pathname}` } })
  }

  if (options.socketPath === undefined) server.listen(options.port ?? 0, '127.0.0.1')
  else server.listen(options.socketPath)
  await once(server, 'listening')
  const address = server.address()
  const url =
    options.socketPath === undefined
      ? `http://127.0.0.1:${(address as AddressInfo).port}` // listen(0, host) gives an AddressInfo
      : `unix:${options.socketPath}`

  const mp: TestMp = {
    url,
    socketPath: options.socketPath,
    stored,
    arrivals,
    statusRequests,
    adminToken,
    failNext: (...more) => failures.push(...more),
    get rejectWhenInsertion() {
      return state.rejectWhenInsertion
    },
    set rejectWhenInsertion(value) {
      state.rejectWhenInsertion = value
    },
    get registrationStatus() {
      return state.registrationStatus
    },
    set registrationStatus(value) {
      state.registrationStatus = value
    },
    async close() {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
  return mp
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer) // request chunks are Buffers without setEncoding
  return Buffer.concat(chunks)
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}
