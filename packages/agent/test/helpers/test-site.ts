/**
 * A small management point for the agent's tests, speaking the wire contract of
 * `@sitrep/protocol` (registration with the site's policy key, policy assignments and signed
 * bodies, content by hash with ranges, status and relay with duplicate IDs dropped). It records what it
 * received, and can go away (`down`) or tamper with a body. End-to-end tests against the real
 * site live in test/end-to-end.
 */
import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { PolicyBody, StateMessage, StatusMessage } from '@sitrep/protocol'
import { parseStateBatch, parseStatusBatch } from '@sitrep/protocol'
import { testSiteKey } from './policy.ts'

export interface TestSite {
  readonly url: string
  /** Every status message stored, once per id. */
  readonly stored: StatusMessage[]
  /** Every state message stored (`/mp/v1/relay`), once per id. */
  readonly states: StateMessage[]
  /** How many times each id arrived. */
  readonly arrivals: Map<string, number>
  /** Policy bodies by deployment ID; edit and call `publish()`. */
  readonly bodies: Map<string, PolicyBody>
  /** Content served by hash. */
  readonly content: Map<string, Buffer>
  /** Requests seen, `METHOD path`. */
  readonly requests: string[]
  /** Makes every request fail (the connection is dropped) while true. */
  down: boolean
  /** Serves this deployment's body with a changed byte after signing. */
  tamper: string | null
  publish(): void
  /** Adds content and returns its hash and size. */
  addContent(bytes: Buffer): { sha256: string; size: number }
  /** Stored messages with this message ID (and attribute 401 when given). */
  messages(messageId: number, deploymentId?: string): StatusMessage[]
  close(): Promise<void>
}

export const TEST_CLIENT_ID = 'GUID:test-client'

export async function startTestSite(): Promise<TestSite> {
  const key = testSiteKey()
  const stored: StatusMessage[] = []
  const states: StateMessage[] = []
  const arrivals = new Map<string, number>()
  const bodies = new Map<string, PolicyBody>()
  const content = new Map<string, Buffer>()
  const requests: string[] = []
  const sockets = new Set<Socket>()
  let version = 0
  const state = { down: false, tamper: null as string | null }

  const signed = (id: string): { body: string; signature: string; keyId: string } | undefined => {
    const body = bodies.get(id)
    if (body === undefined) return undefined
    const result = key.signBody(JSON.stringify(body))
    return state.tamper === id
      ? { ...result, body: result.body.replace('"revision":1', '"revision":2') }
      : result
  }
  const versionOf = (id: string): string =>
    createHash('sha256')
      .update(key.signBody(JSON.stringify(bodies.get(id))).body)
      .digest('hex')

  const readBody = async (req: IncomingMessage): Promise<Buffer> => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks)
  }
  const json = (res: ServerResponse, status: number, value: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(value))
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://site')
    requests.push(`${req.method} ${url.pathname}`)
    if (state.down) {
      req.socket.destroy()
      return
    }
    const body = await readBody(req)
    if (req.method === 'POST' && url.pathname === '/mp/v1/registration') {
      return json(res, 200, {
        status: 0,
        clientId: TEST_CLIENT_ID,
        siteKeyId: key.siteKey.keyId,
        sitePublicKey: key.siteKey.publicKey,
      })
    }
    if (req.headers['x-sitrep-client-id'] !== TEST_CLIENT_ID) {
      return json(res, 401, { error: { code: 'unknown_client', message: 'register first' } })
    }
    if (req.method === 'POST' && url.pathname === '/mp/v1/policy/assignments') {
      const known = (JSON.parse(body.toString('utf8') || '{}') as { knownVersion?: string }).knownVersion
      const current = `v${version}`
      return json(res, 200, {
        siteCode: 'PS1',
        assignmentsVersion: current,
        unchanged: known === current,
        ...(known === current
          ? {}
          : { assignments: [...bodies.keys()].map((id) => ({ policyId: id, version: versionOf(id) })) }),
        nextPollSeconds: 15,
        jitterSeconds: 0,
      })
    }
    const bodyMatch = /^\/mp\/v1\/policy\/bodies\/(.+)$/.exec(url.pathname)
    if (req.method === 'GET' && bodyMatch?.[1] !== undefined) {
      const result = signed(decodeURIComponent(bodyMatch[1]))
      return result === undefined
        ? json(res, 404, { error: { code: 'not_found', message: 'no such policy' } })
        : json(res, 200, result)
    }
    const contentMatch = /^\/mp\/v1\/content\/([0-9a-f]{64})$/.exec(url.pathname)
    if (req.method === 'GET' && contentMatch?.[1] !== undefined) {
      const bytes = content.get(contentMatch[1])
      if (bytes === undefined)
        return json(res, 404, { error: { code: 'not_found', message: 'no such content' } })
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '')
      const from = range === null ? 0 : Number(range[1])
      res.writeHead(range === null ? 200 : 206, {
        etag: `"${contentMatch[1]}"`,
        'content-length': bytes.length - from,
      })
      res.end(bytes.subarray(from))
      return
    }
    if (req.method === 'POST' && url.pathname === '/mp/v1/status') {
      const batch = parseStatusBatch(JSON.parse(body.toString('utf8')))
      const results = batch.accepted.map((item) => {
        const seen = arrivals.get(item.value.id) ?? 0
        arrivals.set(item.value.id, seen + 1)
        if (seen === 0) stored.push(item.value)
        return { index: item.index, id: item.value.id, status: seen === 0 ? 'accepted' : 'duplicate' }
      })
      return json(res, 202, { results })
    }
    if (req.method === 'POST' && url.pathname === '/mp/v1/relay') {
      const batch = parseStateBatch(JSON.parse(body.toString('utf8')))
      const results = batch.accepted.map((item) => {
        const seen = arrivals.get(item.value.id) ?? 0
        arrivals.set(item.value.id, seen + 1)
        if (seen === 0) states.push(item.value)
        return { index: item.index, id: item.value.id, status: seen === 0 ? 'accepted' : 'duplicate' }
      })
      return json(res, 202, {
        results: [
          ...results,
          ...batch.rejected.map((item) => ({ index: item.index, status: 'rejected', issues: item.issues })),
        ],
      })
    }
    json(res, 404, { error: { code: 'not_found', message: `${req.method} ${url.pathname}` } })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      json(res, 500, { error: { code: 'internal', message: String(error) } }),
    )
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}`,
    stored,
    states,
    arrivals,
    bodies,
    content,
    requests,
    get down() {
      return state.down
    },
    set down(value: boolean) {
      state.down = value
    },
    get tamper() {
      return state.tamper
    },
    set tamper(value: string | null) {
      state.tamper = value
    },
    publish() {
      version += 1
    },
    addContent(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      content.set(sha256, bytes)
      return { sha256, size: bytes.length }
    },
    messages(messageId, deploymentId) {
      return stored.filter(
        (m) =>
          m.messageId === messageId &&
          (deploymentId === undefined || m.attributes.some((a) => a.id === 401 && a.value === deploymentId)),
      )
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
